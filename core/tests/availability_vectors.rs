//! The cross-binding availability vectors (tests/vectors/availability/*.json): each
//! holds an input `{schedules, appointments, query}` and either the exact `expected`
//! slots or an `expected_error` `{code, path}`.

mod reference;

use std::path::PathBuf;

use serde_json::Value;
use slotwise::{AvailabilityRequest, Limits};

fn vectors() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/availability");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "vectors missing in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, serde_json::from_str(&text).unwrap())
        })
        .collect()
}

fn run(input: &Value) -> slotwise::Result<Value> {
    let limits = Limits::default();
    let request = AvailabilityRequest::from_json(&input.to_string(), &limits)?;
    Ok(serde_json::to_value(request.run(limits)?).unwrap())
}

#[test]
fn every_vector_gives_its_expected_answer() {
    let mut failures = Vec::new();
    for (name, v) in vectors() {
        let got = run(&v["input"]);
        let ok = match (&got, v.get("expected"), v.get("expected_error")) {
            (Ok(slots), Some(expected), None) => slots == expected,
            (Err(e), None, Some(expected)) => {
                e.code().as_str() == expected["code"] && e.path() == expected["path"]
            }
            _ => false,
        };
        if !ok {
            let got = match got {
                Ok(slots) => serde_json::to_string_pretty(&slots).unwrap(),
                Err(e) => format!("error {}: {e}", e.code()),
            };
            failures.push(format!("{name}: got {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The brute-force reference agrees with every slot list in the vectors, so the
/// expected answers do not rest on the engine alone.
#[test]
fn the_reference_agrees_with_every_vector() {
    for (name, v) in vectors() {
        let Some(expected) = v.get("expected") else {
            continue;
        };
        let request =
            AvailabilityRequest::from_json(&v["input"].to_string(), &Limits::default()).unwrap();
        let found =
            reference::availability(&request.schedules, &request.appointments, &request.query)
                .unwrap_or_else(|| panic!("{name}: the reference cannot read it"));
        assert_eq!(&Value::Array(found), expected, "{name}");
    }
}
