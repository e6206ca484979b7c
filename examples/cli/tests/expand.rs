//! `slotwise expand`: batch JSON lines (one answer per line, in order, bad lines
//! answered with an error line) and the human form.

mod common;
use common::slotwise;
use serde_json::Value;

const NY_MONTHLY: &str =
    "DTSTART;TZID=America/New_York:19970902T090000\\nRRULE:FREQ=MONTHLY;COUNT=3;BYDAY=1FR";

#[test]
fn batch_answers_every_line_in_order_and_bad_lines_with_errors() {
    let input = [
        format!(r#"{{"id": "c1", "ical": "{NY_MONTHLY}", "from": "1997-01-01T00:00:00Z", "to": "1999-01-01T00:00:00Z"}}"#),
        "this is not json".to_owned(),
        r#"{"id": 7, "ical": "DTSTART:20260101T000000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=0", "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z"}"#.to_owned(),
        String::new(),
        r#"{"id": "c4", "ical": "DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY", "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z", "limit": 2}"#.to_owned(),
        r#"{"id": "c5", "ical": "DTSTART;TZID=Mars/Base:20260101T090000\nRRULE:FREQ=DAILY", "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z"}"#.to_owned(),
        r#"{"id": "c6", "ical": "DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY", "from": "2026-02-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"}"#.to_owned(),
    ]
    .join("\n");
    let (code, out, _) = slotwise(&["expand", "--batch"], &input);
    assert_eq!(code, 0);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7, "one answer per input line: {out}");

    assert_eq!(lines[0]["id"], "c1");
    assert_eq!(
        lines[0]["occurrences"],
        serde_json::json!([
            "1997-09-05T13:00:00Z",
            "1997-10-03T13:00:00Z",
            "1997-11-07T14:00:00Z"
        ])
    );
    assert_eq!(lines[1]["id"], Value::Null);
    assert_eq!(lines[1]["error"]["code"], "invalid_input");
    assert_eq!(lines[2]["id"], 7);
    assert_eq!(lines[2]["error"]["code"], "invalid_rule");
    assert!(lines[2]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("BYMONTHDAY=0"));
    assert_eq!(lines[3]["error"]["code"], "invalid_input");
    assert_eq!(
        lines[4]["occurrences"],
        serde_json::json!(["2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z"])
    );
    assert_eq!(lines[5]["error"]["code"], "unknown_timezone");
    assert_eq!(lines[6]["error"]["code"], "invalid_window");
}

#[test]
fn batch_keeps_order_over_many_lines() {
    let input: String = (0..5000)
        .map(|i| {
            format!(
                r#"{{"id": {i}, "ical": "DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY;COUNT={}", "from": "2026-01-01T00:00:00Z", "to": "2030-01-01T00:00:00Z"}}"#,
                i % 50 + 1
            ) + "\n"
        })
        .collect();
    let (code, out, _) = slotwise(&["expand", "--batch"], &input);
    assert_eq!(code, 0);
    for (i, line) in out.lines().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["id"], i as u64);
        assert_eq!(v["occurrences"].as_array().unwrap().len(), i % 50 + 1);
    }
    assert_eq!(out.lines().count(), 5000);
}

#[test]
fn human_form_prints_one_instant_a_line() {
    let (code, out, _) = slotwise(
        &[
            "expand",
            "--rule",
            NY_MONTHLY,
            "--from",
            "1997-01-01T00:00:00Z",
            "--to",
            "1999-01-01T00:00:00Z",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "1997-09-05T13:00:00Z\n1997-10-03T13:00:00Z\n1997-11-07T14:00:00Z\n"
    );
}

#[test]
fn bad_flags_and_rules_exit_with_code_2() {
    for args in [
        vec!["expand"],
        vec![
            "expand",
            "--rule",
            "FREQ=DAILY",
            "--from",
            "2026-01-01T00:00:00Z",
            "--to",
            "2026-02-01T00:00:00Z",
        ],
        vec![
            "expand",
            "--rule",
            NY_MONTHLY,
            "--from",
            "yesterday",
            "--to",
            "2026-02-01T00:00:00Z",
        ],
        vec![
            "expand",
            "--rule",
            NY_MONTHLY,
            "--from",
            "1997-01-01T00:00:00Z",
            "--to",
            "1999-01-01T00:00:00Z",
            "--limit",
            "-1",
        ],
        vec!["expand", "--bogus"],
        vec!["frobnicate"],
        vec![],
    ] {
        let (code, _, err) = slotwise(&args, "");
        assert_eq!(code, 2, "{args:?}");
        assert!(!err.trim().is_empty(), "{args:?}");
    }
}
