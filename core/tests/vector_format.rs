//! Every file of tests/vectors has the one documented format (tests/vectors/README.md),
//! so each binding's runner reads all of them with one small loader.

mod vector_files;

use vector_files::{Expect, KINDS};

#[test]
fn every_folder_is_a_kind_or_the_snapshot_bytes() {
    for entry in std::fs::read_dir(vector_files::root()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            assert!(
                KINDS.contains(&name.as_str()) || name == "snapshot",
                "tests/vectors/{name} is not a kind of case"
            );
        } else {
            assert_eq!(
                name, "README.md",
                "tests/vectors/{name}: files go in a kind's folder"
            );
        }
    }
}

#[test]
fn every_case_has_the_one_shape_and_a_known_error_code() {
    for kind in KINDS {
        for case in vector_files::cases(kind, 5) {
            if let Expect::Error { code, .. } = &case.expect {
                let parsed: Result<slotwise::ErrorCode, _> =
                    serde_json::from_value(serde_json::Value::String(code.clone()));
                assert!(parsed.is_ok(), "{}: unknown error code {code}", case.name);
            }
        }
    }
}

#[test]
fn a_case_with_both_answers_or_a_stray_member_is_refused() {
    let good = serde_json::json!({"kind": "report", "description": "", "input": {},
                                  "expected": []});
    assert!(vector_files::case("x".into(), "report", &good).is_ok());
    assert!(vector_files::case("x".into(), "expand", &good).is_err());
    let mut both = good.clone();
    both["error"] = serde_json::json!({"code": "invalid_input"});
    assert!(vector_files::case("x".into(), "report", &both).is_err());
    let mut stray = good.clone();
    stray["expected_error"] = serde_json::json!({"code": "invalid_input"});
    assert!(vector_files::case("x".into(), "report", &stray).is_err());
}
