//! The cross-binding combined-query vectors (tests/vectors/combined/*.json, format in
//! tests/vectors/README.md): each case's input is `{schedules, appointments, query}`
//! with `query.combine`, and it expects the exact rows `{start, end, schedules,
//! remaining}` or an `error` `{code, path}`.

mod vector_files;

use serde_json::Value;
use slotwise::{AvailabilityRequest, Limits};

fn run(input: &Value) -> slotwise::Result<Value> {
    let limits = Limits::default();
    let request = AvailabilityRequest::from_json(&input.to_string(), &limits)?;
    Ok(serde_json::to_value(request.run_combined(limits)?).unwrap())
}

#[test]
fn every_vector_gives_its_expected_answer() {
    vector_files::check("combined", 8, run);
}

/// Every answer is ordered by start, then end, and every row has someone who can
/// take it: the expected answers obey the documented shape, not only the engine.
#[test]
fn every_expected_answer_is_ordered_and_names_who_can_take_it() {
    for case in vector_files::cases("combined", 8) {
        let vector_files::Expect::Answer(Value::Array(rows)) = &case.expect else {
            continue;
        };
        let keys: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r["start"].as_str().unwrap(), r["end"].as_str().unwrap()))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{}", case.name);
        for r in rows {
            assert!(r["start"].as_str() < r["end"].as_str(), "{}", case.name);
            assert!(
                !r["schedules"].as_array().unwrap().is_empty(),
                "{}",
                case.name
            );
        }
    }
}
