//! The cross-binding reconcile and report vectors (tests/vectors/{reconcile,report}/):
//! each case's `input` is the document the CLI reads, and it expects the exact
//! answer or an `error` `{code, path}` (format in tests/vectors/README.md). The expected answers were
//! worked out by hand; each file's description shows the arithmetic.

mod vector_files;

use serde_json::Value;
use slotwise::{Limits, ReconcileRequest, ReportRequest};

fn check(kind: &str, run: impl Fn(&str) -> slotwise::Result<Value>) {
    vector_files::check(kind, 3, |input| run(&input.to_string()));
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
