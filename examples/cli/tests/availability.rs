//! `slotwise availability`: the clinic example as JSON and as a table, and bad input
//! as a message on stderr with exit code 2.

use std::io::Write;
use std::process::{Command, Stdio};

fn slotwise(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_slotwise"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_clinic_as_json_and_as_a_table() {
    let (code, out, _) = slotwise(&["availability", "data/clinic.json", "--json"], "");
    assert_eq!(code, 0);
    let slots: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(slots.len() > 100);
    assert_eq!(slots[0]["key"], "dra-carla@2026-03-23T10:00:00Z");
    // Good Friday is a holiday for everyone.
    assert!(slots
        .iter()
        .all(|s| !s["start"].as_str().unwrap().starts_with("2026-04-03")));
    let (code, table, _) = slotwise(&["availability", "data/clinic.json"], "");
    assert_eq!(code, 0);
    assert!(table.starts_with("START (UTC)"));
    assert!(table.contains("Mon 2026-03-23 10:00-10:45 +00:00"));
    assert!(table.contains(&format!("{} slots with 1 seat free", slots.len())));
}

#[test]
fn bad_input_is_a_message_and_exit_code_2() {
    let doc = r#"{"schedules": [{"id": "a", "timezone": "Mars/Olympus", "slot": {"duration": "PT1H", "capacity": 1}}],
                  "query": {"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}}"#;
    let (code, out, err) = slotwise(&["availability", "-"], doc);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("unknown_timezone: schedules[0].timezone"),
        "{err}"
    );
    let (code, _, err) = slotwise(&["availability", "-"], "{not json");
    assert_eq!(code, 2);
    assert!(err.contains("invalid_input"), "{err}");
    let (code, _, err) = slotwise(&["availability", "no/such/file.json"], "");
    assert_eq!(code, 2);
    assert!(err.contains("no/such/file.json"), "{err}");
    let (code, _, _) = slotwise(&["availability", "data/clinic.json", "--csv"], "");
    assert_eq!(code, 2);
}
