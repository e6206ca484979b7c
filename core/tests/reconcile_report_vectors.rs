//! The cross-binding reconcile and report vectors (tests/vectors/{reconcile,report}/):
//! each holds an `input` document, as the CLI reads it, and either the exact
//! `expected` answer or an `expected_error` `{code, path}`. The expected answers were
//! worked out by hand; each file's description shows the arithmetic.

use std::path::PathBuf;

use serde_json::Value;
use slotwise::{Limits, ReconcileRequest, ReportRequest};

fn vectors(kind: &str) -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "vectors missing in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, serde_json::from_str(&text).unwrap())
        })
        .collect()
}

fn check(kind: &str, run: impl Fn(&str) -> slotwise::Result<Value>) {
    let mut failures = Vec::new();
    for (name, v) in vectors(kind) {
        let got = run(&v["input"].to_string());
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

#[test]
fn every_reconcile_vector_gives_its_expected_plan() {
    check("reconcile", |text| {
        let limits = Limits::default();
        let plan = ReconcileRequest::from_json(text, &limits)?.run(limits)?;
        Ok(serde_json::to_value(plan).unwrap())
    });
}

#[test]
fn every_report_vector_gives_its_expected_rows() {
    check("report", |text| {
        let limits = Limits::default();
        let rows = ReportRequest::from_json(text, &limits)?.run(limits)?;
        Ok(serde_json::to_value(rows).unwrap())
    });
}
