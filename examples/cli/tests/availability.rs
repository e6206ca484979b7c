//! `slotwise availability`: the clinic example as JSON and as a table, and bad input
//! as a message on stderr with exit code 2.

mod common;
use common::slotwise;

/// The core's brute-force reference: it reads the same file and finds the slots
/// minute by minute, independently of the engine.
#[path = "../../../core/tests/reference/mod.rs"]
mod reference;

#[test]
fn the_clinic_as_json_and_as_a_table() {
    let (code, out, _) = slotwise(&["availability", "data/clinic.json", "--json"], "");
    assert_eq!(code, 0);
    let slots: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/clinic.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(slots, reference::availability(&file).unwrap());
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
            "{} slots (asked: seats 0: every slot, full and overbooked ones too)",
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

#[test]
fn a_combined_query_prints_who_can_take_each_time() {
    // Dr Ana 09:00-12:00 and room 2 10:00-13:00 in New York on Monday 2026-03-09
    // (EDT): both open 10:00-12:00 local = 14:00Z-16:00Z; the room is full
    // 10:30-11:00 local (14:30Z-15:00Z), which every 45-minute span starting at
    // 10:00, 10:15, 10:30 or 10:45 meets: 11:00 and 11:15 local remain.
    let (code, out, err) = slotwise(&["availability", "data/doctor-and-room.json", "--json"], "");
    assert_eq!(code, 0, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        rows,
        serde_json::json!([
            {"start": "2026-03-09T15:00:00Z", "end": "2026-03-09T15:45:00Z",
             "schedules": ["dr-ana", "room-2"], "remaining": 1},
            {"start": "2026-03-09T15:15:00Z", "end": "2026-03-09T16:00:00Z",
             "schedules": ["dr-ana", "room-2"], "remaining": 1}
        ])
    );
    let (code, table, _) = slotwise(&["availability", "data/doctor-and-room.json"], "");
    assert_eq!(code, 0);
    let line = table
        .lines()
        .find(|l| l.starts_with("2026-03-09T15:00:00Z"))
        .unwrap();
    assert!(line.ends_with("dr-ana, room-2"), "{table}");
    assert!(table.contains("2 combined times"), "{table}");
}
