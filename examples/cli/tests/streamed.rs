//! availability, reconcile and report print as the engine produces (its streamed
//! answers): the JSON printed is, byte for byte, the engine's whole answer as
//! serde_json writes it, errors still print nothing on stdout, and a reader that
//! stops early (`| head`) is not an error.

mod common;
use common::slotwise;

use slotwise::{AvailabilityRequest, Limits, ReconcileRequest, ReportRequest};

fn data(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn pretty<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

#[test]
fn streamed_json_is_the_whole_answer() {
    let limits = Limits::default();
    let doc = data("clinic.json");
    let whole = AvailabilityRequest::from_json(&doc, &limits)
        .unwrap()
        .run(limits)
        .unwrap()
        .to_vec();
    assert_eq!(
        slotwise(&["availability", "-", "--json"], &doc).1,
        pretty(&whole)
    );
    let doc = data("reconcile.json");
    let plan = ReconcileRequest::from_json(&doc, &limits)
        .unwrap()
        .run(limits)
        .unwrap();
    assert_eq!(
        slotwise(&["reconcile", "-", "--json"], &doc).1,
        pretty(&plan)
    );
    let doc = data("report.json");
    let rows = ReportRequest::from_json(&doc, &limits)
        .unwrap()
        .run(limits)
        .unwrap();
    assert_eq!(slotwise(&["report", "-", "--json"], &doc).1, pretty(&rows));
    // Nothing at all: the empty forms.
    let empty = r#"{"query": {"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}}"#;
    assert_eq!(slotwise(&["availability", "-", "--json"], empty).1, "[]\n");
    let empty = r#"{"window": {"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}}"#;
    assert_eq!(
        slotwise(&["reconcile", "-", "--json"], empty).1,
        pretty(&slotwise::Plan::default())
    );
}

#[test]
fn a_refused_input_prints_nothing_on_stdout() {
    for (command, doc) in [
        (
            "reconcile",
            r#"{"window": {"from": "2026-01-02T00:00:00Z", "to": "2026-01-01T00:00:00Z"}}"#,
        ),
        (
            "report",
            r#"{"window": {"from": "2026-01-02T00:00:00Z", "to": "2026-01-01T00:00:00Z"}, "bucket": "day"}"#,
        ),
        (
            "availability",
            r#"{"query": {"from": "2026-01-02T00:00:00Z", "to": "2026-01-01T00:00:00Z"}}"#,
        ),
    ] {
        for json in [true, false] {
            let mut args = vec![command, "-"];
            if json {
                args.push("--json");
            }
            let (code, out, err) = slotwise(&args, doc);
            assert_eq!(code, 2, "{args:?}");
            assert_eq!(out, "", "{args:?}");
            assert!(err.contains("invalid_window"), "{err}");
        }
    }
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // A year of one-minute slots, read by a pipe closed after a few bytes.
    let doc = r#"{"schedules": [{"id": "always", "timezone": "UTC",
        "availability": [{"rule": "DTSTART:20260101T000000\nRRULE:FREQ=DAILY", "duration": "P1D"}],
        "slot": {"duration": "PT1M", "capacity": 1}}],
        "query": {"from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z"}}"#;
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    for json in [true, false] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_slotwise"));
        command.args(["availability", "-"]);
        if json {
            command.arg("--json");
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(doc.as_bytes())
            .unwrap();
        let mut head = [0u8; 100];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut head)
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
