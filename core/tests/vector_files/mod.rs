//! The document vectors of tests/vectors/<kind>/*.json: each holds an `input` and
//! either the exact `expected` answer or an `expected_error` `{code, path}`.

use std::path::PathBuf;

use serde_json::Value;

/// Every vector of `tests/vectors/<kind>/`, by file name, sorted; at least `min`.
pub fn vectors(kind: &str, min: usize) -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= min, "vectors missing in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, serde_json::from_str(&text).unwrap())
        })
        .collect()
}

/// Run every vector's input and compare with its expected answer or error; report
/// all mismatches at once.
pub fn check(
    kind: &str,
    vectors: Vec<(String, Value)>,
    run: impl Fn(&Value) -> slotwise::Result<Value>,
) {
    let mut failures = Vec::new();
    for (name, v) in vectors {
        let got = run(&v["input"]);
        let ok = match (&got, v.get("expected"), v.get("expected_error")) {
            (Ok(answer), Some(expected), None) => answer == expected,
            (Err(e), None, Some(expected)) => {
                e.code().as_str() == expected["code"] && e.path() == expected["path"]
            }
            _ => false,
        };
        if !ok {
            let got = match got {
                Ok(answer) => serde_json::to_string_pretty(&answer).unwrap(),
                Err(e) => format!("error {}: {e}", e.code()),
            };
            failures.push(format!("{kind}/{name}: got {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
