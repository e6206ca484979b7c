//! `slotwise availability`: the clinic example as JSON and as a table, and bad input
//! as a message on stderr with exit code 2.

mod common;
use common::slotwise;

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
    // Columns named as the JSON names them.
    let header: Vec<&str> = table
        .lines()
        .next()
        .unwrap()
        .split("  ")
        .filter(|c| !c.is_empty())
        .map(str::trim)
        .collect();
    assert_eq!(
        header,
        [
            "start",
            "schedule",
            "local time",
            "remaining",
            "booked",
            "capacity"
        ]
    );
    assert!(table.contains("Mon 2026-03-23 10:00-10:45 +00:00"));
    // The summary says what was asked and what was found.
    assert!(
        table.contains(&format!(
            "{} bookable slots (asked: at least 1 free seat) across 3 of 3 schedules\n\
             window 2026-03-23T00:00:00Z .. 2026-04-06T00:00:00Z",
            slots.len()
        )),
        "{table}"
    );
    // A row's remaining seats are the JSON's.
    let row = table
        .lines()
        .find(|l| l.starts_with("2026-03-23T11:00:00Z"))
        .unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    let slot = slots
        .iter()
        .find(|s| s["key"] == "dr-bruno@2026-03-23T11:00:00Z")
        .unwrap();
    assert_eq!(cells[cells.len() - 3], slot["remaining"].to_string());
    assert_eq!(cells[cells.len() - 1], slot["capacity"].to_string());
}

#[test]
fn seats_zero_says_every_slot_is_listed() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/clinic.json"))
        .unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&doc).unwrap();
    doc["query"]["seats"] = 0.into();
    let (code, json, _) = slotwise(&["availability", "-", "--json"], doc.to_string());
    assert_eq!(code, 0);
    let all: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert!(all.iter().any(|s| s["remaining"] == 0));
    let (code, table, _) = slotwise(&["availability", "-"], doc.to_string());
    assert_eq!(code, 0);
    assert!(
        table.contains(&format!(
            "{} slots (asked: every slot, full and overbooked ones too (seats 0))",
            all.len()
        )),
        "{table}"
    );
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

#[test]
fn a_byte_order_mark_is_read_and_wrong_shapes_are_said_in_our_words() {
    let clinic =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/clinic.json")).unwrap();
    let mut with_bom = "\u{feff}".as_bytes().to_vec();
    with_bom.extend_from_slice(&clinic);
    let (code, out, err) = slotwise(&["availability", "-", "--json"], &with_bom);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        slotwise(&["availability", "data/clinic.json", "--json"], "").1
    );
    let (code, _, err) = slotwise(&["availability", "-"], b"\xff\xfe{\x00}\x00");
    assert_eq!(code, 2);
    assert!(err.contains("UTF-16 byte-order mark"), "{err}");
    for command in ["availability", "reconcile", "report"] {
        let (code, _, err) = slotwise(&[command, "-"], "[]");
        assert_eq!(code, 2);
        assert!(
            err.contains("invalid_input: the document must be a JSON object {...}, not an array"),
            "{err}"
        );
    }
}
