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

/// A line's answer as text, and parsed.
fn batch(lines: &[&str]) -> Vec<(String, Value)> {
    let mut input = lines.join("\n");
    input.push('\n');
    let (code, out, err) = slotwise(&["expand", "--batch"], &input);
    assert_eq!(code, 0, "{err}");
    let answers: Vec<(String, Value)> = out
        .lines()
        // An id of 1e400 is echoed as sent, which serde_json cannot read back.
        .map(|l| (l.to_owned(), serde_json::from_str(l).unwrap_or(Value::Null)))
        .collect();
    assert_eq!(answers.len(), lines.len(), "{out}");
    answers
}

const WINDOW: &str = r#""from": "2026-01-01T00:00:00Z", "to": "2026-02-01T00:00:00Z""#;
const DAILY: &str = r#""ical": "DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;COUNT=2""#;

#[test]
fn batch_lines_with_wrong_types_or_unknown_fields_are_invalid_input() {
    let lines = [
        format!(r#"{{"id": "a", {DAILY}, {WINDOW}, "timezone": 5}}"#),
        format!(r#"{{"id": "b", {DAILY}, {WINDOW}, "timezon": "UTC"}}"#),
        format!(r#"{{"id": "c", {DAILY}, {WINDOW}, "limit": "10"}}"#),
        format!(r#"{{"id": "d", "ical": 7, {WINDOW}}}"#),
        format!(r#"{{"id": "e", {DAILY}, "from": 20260101, "to": "2026-02-01T00:00:00Z"}}"#),
        format!(r#"{{"id": "f", {DAILY}, {WINDOW}, "limit": -1}}"#),
        format!(r#"{{"id": "g", {DAILY}}}"#),
        format!(r#"{{"id": ["h"], {DAILY}, {WINDOW}}}"#),
    ];
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let answers = batch(&lines);
    for (field, (_, answer)) in [
        "timezone", "timezon", "limit", "ical", "from", "limit", "", "id",
    ]
    .iter()
    .zip(&answers)
    {
        assert_eq!(answer["error"]["code"], "invalid_input", "{answer}");
        let message = answer["error"]["message"].as_str().unwrap();
        if !field.is_empty() {
            assert!(
                message.starts_with(&format!("{field}: ")),
                "{field}: {message}"
            );
        }
    }
    assert_eq!(answers[0].1["id"], "a");
    assert_eq!(answers[7].1["id"], serde_json::json!(["h"]));
    assert!(answers[6].1["error"]["message"]
        .as_str()
        .unwrap()
        .contains("missing field `from`"));
}

#[test]
fn batch_ids_come_back_exactly_as_sent() {
    let long = "x".repeat(10_000);
    let ids = [
        "12345678901234567890123".to_owned(),
        "1.50".to_owned(),
        "-0".to_owned(),
        "1e400".to_owned(),
        r#""caf\u00e9 \"quoted\"""#.to_owned(),
        format!(r#""{long}""#),
    ];
    let lines: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"id": {id}, {DAILY}, {WINDOW}}}"#))
        .collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    for (id, (text, answer)) in ids.iter().zip(batch(&lines)) {
        assert!(
            text.starts_with(&format!(r#"{{"id":{id},"#)),
            "{id}: {text}"
        );
        if id == "1e400" {
            // Read as a number it is out of range: the line fails, its id stays.
            assert!(text.contains("id: the number is too large"), "{text}");
        } else {
            assert_eq!(answer["occurrences"].as_array().unwrap().len(), 2, "{text}");
        }
    }
}

#[test]
fn batch_numbers_past_their_range_are_too_large_and_keep_the_id() {
    let lines = [
        format!(r#"{{"id": "limit-f64", {DAILY}, {WINDOW}, "limit": 1e400}}"#),
        format!(r#"{{"id": "limit-u64", {DAILY}, {WINDOW}, "limit": 18446744073709551616}}"#),
        format!(
            r#"{{"id": "interval", "ical": "DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;INTERVAL=4294967296", {WINDOW}}}"#
        ),
    ];
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    for ((_, answer), id) in batch(&lines)
        .iter()
        .zip(["limit-f64", "limit-u64", "interval"])
    {
        assert_eq!(answer["id"], id);
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(message.contains("too large"), "{answer}");
    }
}

#[test]
fn batch_windows_past_the_year_9999_through_an_offset_are_invalid_window() {
    let lines = [
        format!(
            r#"{{"id": 1, {DAILY}, "from": "2026-01-01T00:00:00Z", "to": "9999-12-31T23:00:00-05:00"}}"#
        ),
        format!(
            r#"{{"id": 2, {DAILY}, "from": "0001-01-01T00:30:00+01:00", "to": "2026-01-01T00:00:00Z"}}"#
        ),
    ];
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let answers = batch(&lines);
    assert_eq!(answers[0].1["error"]["code"], "invalid_window");
    assert!(answers[0].1["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("to: "));
    assert_eq!(answers[1].1["error"]["code"], "invalid_window");
    assert!(answers[1].1["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("from: "));
}

#[test]
fn batch_reads_past_a_byte_order_mark() {
    let line = format!("\u{feff}{{\"id\": \"bom\", {DAILY}, {WINDOW}}}");
    let answers = batch(&[&line]);
    assert_eq!(answers[0].1["id"], "bom");
    assert_eq!(answers[0].1["occurrences"].as_array().unwrap().len(), 2);
}
