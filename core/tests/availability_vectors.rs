//! The cross-binding availability vectors (tests/vectors/availability/*.json): each
//! holds an input `{schedules, appointments, query}` and either the exact `expected`
//! slots or an `expected_error` `{code, path}`.

mod reference;
mod vector_files;

use serde_json::Value;
use slotwise::{AvailabilityRequest, Limits};

fn vectors() -> Vec<(String, Value)> {
    vector_files::vectors("availability", 20)
}

fn run(input: &Value) -> slotwise::Result<Value> {
    let limits = Limits::default();
    let request = AvailabilityRequest::from_json(&input.to_string(), &limits)?;
    Ok(serde_json::to_value(request.run(limits)?).unwrap())
}

#[test]
fn every_vector_gives_its_expected_answer() {
    vector_files::check("availability", vectors(), run);
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
