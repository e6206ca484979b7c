//! `slotwise reconcile`, `report` and `snapshot` on the example files, `--snapshot`
//! answering as the file it was written from, and bad input as a message on stderr
//! with exit code 2.

mod common;
use common::slotwise;

use serde_json::Value;

fn json(args: &[&str], stdin: &str) -> Value {
    let (code, out, err) = slotwise(args, stdin);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn reconcile_prints_the_plan() {
    let plan = json(&["reconcile", "data/reconcile.json", "--json"], "");
    let keys = |list: &str| -> Vec<Value> {
        plan[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.get("key").unwrap_or(v).clone())
            .collect()
    };
    assert_eq!(keys("create").len(), 3);
    assert_eq!(keys("update").len(), 3);
    assert_eq!(
        keys("delete"),
        [
            "dr-bruno@2026-03-30T10:00:00Z",
            "dr-bruno@2026-03-30T11:00:00Z",
            "dr-ana@2026-04-03T12:00:00Z"
        ]
    );
    assert_eq!(
        plan["conflicts"],
        serde_json::json!([{"key": "dr-ana@2026-03-30T12:15:00Z", "appointments": ["apt-010", "apt-011"]}])
    );
    assert_eq!(plan["unchanged"], 74);
    let (code, table, _) = slotwise(&["reconcile", "data/reconcile.json"], "");
    assert_eq!(code, 0);
    assert!(table.starts_with("action  "), "{table}");
    assert!(table.contains("capacity 2 -> 1"));
    assert!(table.contains("kept: held by apt-010, apt-011"));
    assert!(table.contains("3 to create, 3 to update, 3 to delete, 1 in conflict, 74 unchanged"));
}

#[test]
fn report_prints_rows() {
    let rows = json(&["report", "data/report.json", "--json"], "");
    let rows = rows.as_array().unwrap();
    // Three schedules, two weeks each.
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0]["schedule"], "dr-ana");
    assert_eq!(rows[0]["bucket_start"], "2026-03-23");
    // dr-bruno is on vacation, then it is Good Friday: nothing offered.
    assert_eq!(rows[3]["offered_seat_minutes"], 0);
    assert_eq!(rows[3]["utilization"], Value::Null);
    let (code, table, _) = slotwise(&["report", "data/report.json"], "");
    assert_eq!(code, 0);
    assert!(
        table.starts_with("schedule   bucket_start  offered_seat_minutes"),
        "{table}"
    );
    assert!(table.contains("dr-bruno   2026-03-30"), "{table}");
}

#[test]
fn a_snapshot_answers_as_its_file() {
    let dir = std::env::temp_dir().join(format!("slotwise-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bin = dir.join("engine.bin");
    let bin = bin.to_str().unwrap();
    let (code, _, err) = slotwise(&["snapshot", "data/clinic.json", "-o", bin], "");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("3 schedules, 37 appointments"), "{err}");
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/reconcile.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let only = |doc: &Value, keys: &[&str]| -> String {
        let mut v = serde_json::Map::new();
        for k in keys {
            v.insert((*k).into(), doc[*k].clone());
        }
        Value::Object(v).to_string()
    };
    let reconcile_doc = only(&file, &["window", "existing"]);
    assert_eq!(
        json(
            &["reconcile", "-", "--json", "--snapshot", bin],
            &reconcile_doc
        ),
        json(&["reconcile", "data/reconcile.json", "--json"], "")
    );
    let report: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/report.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        json(
            &["report", "-", "--json", "--snapshot", bin],
            &only(&report, &["window", "bucket"])
        ),
        json(&["report", "data/report.json", "--json"], "")
    );
    let clinic: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/clinic.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        json(
            &["availability", "-", "--json", "--snapshot", bin],
            &only(&clinic, &["query"])
        ),
        json(&["availability", "data/clinic.json", "--json"], "")
    );
    // The file's own schedules and a snapshot together are refused.
    let (code, _, err) = slotwise(&["availability", "data/clinic.json", "--snapshot", bin], "");
    assert_eq!(code, 2);
    assert!(err.contains("--snapshot replaces"), "{err}");
    // A damaged snapshot is invalid_snapshot.
    let bytes = std::fs::read(bin).unwrap();
    let bad = dir.join("bad.bin");
    std::fs::write(&bad, &bytes[..bytes.len() / 2]).unwrap();
    let (code, out, err) = slotwise(
        &["report", "-", "--snapshot", bad.to_str().unwrap()],
        only(&report, &["window", "bucket"]),
    );
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("invalid_snapshot"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_is_a_message_and_exit_code_2() {
    let (code, _, err) = slotwise(
        &["reconcile", "-"],
        r#"{"window": {"from": "2026-03-02T00:00:00Z", "to": "2026-03-01T00:00:00Z"}}"#,
    );
    assert_eq!(code, 2);
    assert!(err.contains("invalid_window: window.to"), "{err}");
    let (code, _, err) = slotwise(
        &["reconcile", "-"],
        r#"{"window": {"from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"},
            "existing": [{"key": "a@2026-03-01T09:00:00Z", "schedule": "a", "start": "2026-03-01T09:00:00Z", "end": "2026-03-01T10:00:00Z", "capacity": 1},
                         {"key": "a@2026-03-01T09:00:00Z", "schedule": "a", "start": "2026-03-01T09:00:00Z", "end": "2026-03-01T10:00:00Z", "capacity": 1}]}"#,
    );
    assert_eq!(code, 2);
    assert!(err.contains("invalid_input: existing[1].key"), "{err}");
    let (code, _, err) = slotwise(
        &["report", "-"],
        r#"{"window": {"from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"}, "bucket": "year"}"#,
    );
    assert_eq!(code, 2);
    assert!(err.contains("invalid_input: bucket"), "{err}");
    let (code, _, _) = slotwise(&["snapshot", "data/clinic.json"], "");
    assert_eq!(code, 2);
    let (code, _, err) = slotwise(&["report"], "");
    assert_eq!(code, 2);
    assert!(err.contains("Usage: slotwise report"), "{err}");
}
