//! `slotwise reconcile`, `report` and `snapshot` on the example files, `--snapshot`
//! answering as the file it was written from, and bad input as a message on stderr
//! with exit code 2.

mod common;
use common::slotwise;

use serde_json::{json, Value};

/// The core's brute-force availability reference (independent of the engine).
#[path = "../../../core/tests/reference/mod.rs"]
mod reference;

fn instant(v: &Value) -> i64 {
    chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap())
        .unwrap()
        .timestamp()
}

/// The plan worked out from the documented rules: the desired slots are the
/// reference's (every slot, full ones included, starting in the window); stored
/// slots in the window are matched by key: `update` when capacity or end differ,
/// else unchanged; stored ones not desired are a conflict when a seat-holding
/// appointment of their schedule overlaps them, else `delete`. Returns (create keys,
/// update keys, delete keys, conflicts, unchanged).
fn expected_plan(file: &Value) -> (Vec<Value>, Vec<Value>, Vec<Value>, Vec<Value>, usize) {
    let window = &file["window"];
    let (from, to) = (instant(&window["from"]), instant(&window["to"]));
    let mut request = file.clone();
    request["query"] = json!({"from": window["from"], "to": window["to"], "seats": 0});
    let desired = reference::availability(&request).unwrap();
    let stored: Vec<&Value> = file["existing"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| (from..to).contains(&instant(&s["start"])))
        .collect();
    let find = |list: &[&Value], key: &Value| list.iter().any(|s| s["key"] == *key);
    let desired_refs: Vec<&Value> = desired.iter().collect();
    let create = desired
        .iter()
        .filter(|d| !find(&stored, &d["key"]))
        .map(|d| d["key"].clone())
        .collect();
    let mut update = Vec::new();
    let mut unchanged = 0;
    for d in &desired {
        if let Some(s) = stored.iter().find(|s| s["key"] == d["key"]) {
            if s["capacity"] != d["capacity"] || instant(&s["end"]) != instant(&d["end"]) {
                update.push(d["key"].clone());
            } else {
                unchanged += 1;
            }
        }
    }
    let (mut delete, mut conflicts) = (Vec::new(), Vec::new());
    // Ordered by start, then schedule id, as the plan lists them.
    let mut gone: Vec<&&Value> = stored
        .iter()
        .filter(|s| !find(&desired_refs, &s["key"]))
        .collect();
    gone.sort_by_key(|s| (instant(&s["start"]), s["schedule"].to_string()));
    for s in gone {
        let (a, b) = (instant(&s["start"]), instant(&s["end"]));
        let mut holders: Vec<(i64, String)> = file["appointments"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["schedule"] == s["schedule"] && x["status"] != "cancelled")
            .filter(|x| instant(&x["start"]) < b && a < instant(&x["end"]))
            .map(|x| (instant(&x["start"]), x["id"].as_str().unwrap().to_owned()))
            .collect();
        holders.sort();
        if holders.is_empty() {
            delete.push(s["key"].clone());
        } else {
            let ids: Vec<String> = holders.into_iter().map(|h| h.1).collect();
            conflicts.push(json!({"key": s["key"], "appointments": ids}));
        }
    }
    (create, update, delete, conflicts, unchanged)
}

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
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/reconcile.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let (create, update, delete, conflicts, unchanged) = expected_plan(&file);
    assert_eq!(keys("create"), create);
    assert_eq!(keys("update"), update);
    assert_eq!(keys("delete"), delete);
    assert_eq!(plan["conflicts"], Value::Array(conflicts.clone()));
    assert_eq!(plan["unchanged"], unchanged);
    // What the example file was written to show.
    assert_eq!(
        delete,
        [
            "dr-bruno@2026-03-30T10:00:00Z",
            "dr-bruno@2026-03-30T11:00:00Z",
            "dr-ana@2026-04-03T12:00:00Z"
        ]
    );
    assert_eq!(
        conflicts,
        [json!({"key": "dr-ana@2026-03-30T12:15:00Z", "appointments": ["apt-010", "apt-011"]})]
    );
    let (code, table, _) = slotwise(&["reconcile", "data/reconcile.json"], "");
    assert_eq!(code, 0);
    assert!(table.starts_with("action  "), "{table}");
    assert!(table.contains("capacity 2 -> 1"));
    assert!(table.contains("kept: held by apt-010, apt-011"));
    let summary = format!(
        "{} to create, {} to update, {} to delete, {} in conflict, {unchanged} unchanged",
        create.len(),
        update.len(),
        delete.len(),
        conflicts.len()
    );
    assert!(table.contains(&summary), "{summary}\n{table}");
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
    // A bundled document's own fields (no schedules or appointments).
    let only = |name: &str, keys: &[&str]| -> String {
        let path = format!("{}/../data/{name}", env!("CARGO_MANIFEST_DIR"));
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut v = serde_json::Map::new();
        for k in keys {
            v.insert((*k).into(), doc[*k].clone());
        }
        Value::Object(v).to_string()
    };
    for (command, name, keys) in [
        ("reconcile", "reconcile.json", &["window", "existing"][..]),
        ("report", "report.json", &["window", "bucket"]),
        ("availability", "clinic.json", &["query"]),
    ] {
        let file = format!("data/{name}");
        assert_eq!(
            json(
                &[command, "-", "--json", "--snapshot", bin],
                &only(name, keys)
            ),
            json(&[command, &file, "--json"], ""),
            "{command}"
        );
    }
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
        only("report.json", &["window", "bucket"]),
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
