//! The cross-binding availability vectors (tests/vectors/availability/*.json, format
//! in tests/vectors/README.md): each case's input is `{schedules, appointments,
//! query}` and it expects the exact slots or an `error` `{code, path}`.

mod reference;
mod vector_files;

use serde_json::Value;
use slotwise::{AvailabilityRequest, Limits};

fn run(input: &Value) -> slotwise::Result<Value> {
    let limits = Limits::default();
    let request = AvailabilityRequest::from_json(&input.to_string(), &limits)?;
    Ok(serde_json::to_value(request.run(limits)?).unwrap())
}

#[test]
fn every_vector_gives_its_expected_answer() {
    vector_files::check("availability", 20, run);
}

/// The brute-force reference agrees with every slot list in the vectors, so the
/// expected answers do not rest on the engine alone.
#[test]
fn the_reference_agrees_with_every_vector() {
    for case in vector_files::cases("availability", 20) {
        let vector_files::Expect::Answer(expected) = &case.expect else {
            continue;
        };
        let name = &case.name;
        let found = reference::availability(&case.input)
            .unwrap_or_else(|| panic!("{name}: the reference cannot read it"));
        assert_eq!(&Value::Array(found), expected, "{name}");
    }
}

/// Availability cases for booking limits and `first` (core/tests/vectors_next/, the
/// same format): run by Rust only until every binding's typed records carry
/// `limits` and `first`; then they move to tests/vectors/availability.
#[test]
fn the_next_vectors_give_their_answers_and_the_reference_agrees() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors_next");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for (i, v) in json.as_array().unwrap().iter().enumerate() {
            let case = vector_files::case(format!("{name}[{i}]"), "availability", v).unwrap();
            let vector_files::Expect::Answer(expected) = &case.expect else {
                panic!("{name}: only answers here");
            };
            assert_eq!(&run(&case.input).unwrap(), expected, "{name}");
            let found = reference::availability(&case.input).unwrap();
            assert_eq!(&Value::Array(found), expected, "{name}: the reference");
        }
    }
}
