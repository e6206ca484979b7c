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
