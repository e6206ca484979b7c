//! `first: n`: only the first n slots of a query, in the answer's order, with `to`
//! optional; the whole answer, the stream and the columns agree, and the window
//! without `to` ends where the rules say.

use serde_json::json;
use slotwise::capacity::Appointment;
use slotwise::schedule::Schedule;
use slotwise::time::{format_instant, parse_instant};
use slotwise::{AvailabilityRequest, Engine, ErrorCode, Limits, Query};

fn t(text: &str) -> i64 {
    parse_instant(text).unwrap()
}

/// Open 09:00-10:00 UTC daily from 2026-01-01, one one-hour slot a day.
fn daily(id: &str, dtstart: &str) -> Schedule {
    serde_json::from_value(json!({
        "id": id, "timezone": "UTC",
        "availability": [{"rule": format!("DTSTART:{dtstart}\nRRULE:FREQ=DAILY"), "end": "10:00"}],
        "slot": {"duration": "PT1H", "capacity": 1}
    }))
    .unwrap()
}

fn starts(e: &Engine, q: &Query) -> Vec<String> {
    let whole: Vec<String> = e
        .availability(q)
        .unwrap()
        .iter()
        .map(|s| format_instant(s.start))
        .collect();
    let streamed: Vec<String> = e
        .availability_stream(q)
        .unwrap()
        .map(|s| format_instant(s.start))
        .collect();
    assert_eq!(whole, streamed);
    let columns = e.availability_columns(q).unwrap();
    assert_eq!(
        whole,
        columns
            .start
            .iter()
            .map(|&s| format_instant(s))
            .collect::<Vec<_>>()
    );
    whole
}

/// Booked every day of the first half of 2026, free after.
fn booked_half_year() -> Engine {
    let mut e = Engine::new();
    e.add_schedule(daily("dr-ana", "20260101T090000")).unwrap();
    let mut day = t("2026-01-01T09:00:00Z");
    let mut n = 0;
    while day < t("2026-07-01T00:00:00Z") {
        let a: Appointment = serde_json::from_value(json!({
            "id": format!("a{n}"), "schedule": "dr-ana",
            "start": format_instant(day), "end": format_instant(day + 3600)
        }))
        .unwrap();
        e.add_appointment(a).unwrap();
        day += 86_400;
        n += 1;
    }
    assert_eq!(n, 181);
    e
}

#[test]
fn the_first_free_slots_after_a_long_gap() {
    let e = booked_half_year();
    let q = Query {
        first: Some(5),
        to: Query::OPEN_END,
        ..Query::new(t("2026-01-01T00:00:00Z"), 0)
    };
    assert_eq!(
        starts(&e, &q),
        vec![
            "2026-07-01T09:00:00Z",
            "2026-07-02T09:00:00Z",
            "2026-07-03T09:00:00Z",
            "2026-07-04T09:00:00Z",
            "2026-07-05T09:00:00Z"
        ]
    );
    // The same as the first five of a fixed one-year window.
    let year = Query::new(t("2026-01-01T00:00:00Z"), t("2027-01-01T00:00:00Z"));
    let all = starts(&e, &year);
    assert_eq!(all.len(), 365 - 181);
    assert_eq!(starts(&e, &q), all[..5].to_vec());
    // With a `to`, first cuts the window's answer; fewer slots than n is fine.
    let short = Query {
        first: Some(5),
        ..Query::new(t("2026-06-29T00:00:00Z"), t("2026-07-03T00:00:00Z"))
    };
    assert_eq!(
        starts(&e, &short),
        vec!["2026-07-01T09:00:00Z", "2026-07-02T09:00:00Z"]
    );
}

#[test]
fn first_keeps_the_answers_order_across_schedules() {
    let mut e = Engine::new();
    e.add_schedule(daily("b-room", "20260101T090000")).unwrap();
    e.add_schedule(daily("a-room", "20260102T090000")).unwrap();
    let q = Query {
        first: Some(3),
        ..Query::new(t("2026-01-01T00:00:00Z"), t("2026-02-01T00:00:00Z"))
    };
    let keys: Vec<String> = e
        .availability(&q)
        .unwrap()
        .iter()
        .map(|s| s.key())
        .collect();
    assert_eq!(
        keys,
        vec![
            "b-room@2026-01-01T09:00:00Z",
            "a-room@2026-01-02T09:00:00Z",
            "b-room@2026-01-02T09:00:00Z"
        ]
    );
}

#[test]
fn without_to_the_window_ends_at_max_advance_or_after_366_days() {
    // 2026-01-01 + 366 days = 2027-01-02T00:00Z (exclusive): the slot of
    // 2027-01-01 is in, that of 2027-01-02 is not.
    let mut e = Engine::new();
    e.add_schedule(daily("late", "20270101T090000")).unwrap();
    let q = Query {
        first: Some(5),
        to: Query::OPEN_END,
        ..Query::new(t("2026-01-01T00:00:00Z"), 0)
    };
    assert_eq!(starts(&e, &q), vec!["2027-01-01T09:00:00Z"]);
    // now + max_advance, inclusive: 2026-01-03T09:00Z is the last start allowed.
    let mut e = Engine::new();
    e.add_schedule(daily("dr-ana", "20260101T090000")).unwrap();
    let q = Query {
        first: Some(10),
        to: Query::OPEN_END,
        now: Some(t("2026-01-01T09:00:00Z")),
        max_advance: Some(2 * 86_400),
        ..Query::new(t("2026-01-01T00:00:00Z"), 0)
    };
    assert_eq!(
        starts(&e, &q),
        vec![
            "2026-01-01T09:00:00Z",
            "2026-01-02T09:00:00Z",
            "2026-01-03T09:00:00Z"
        ]
    );
}

#[test]
fn first_below_one_and_a_missing_to_are_refused() {
    let doc = |query: serde_json::Value| {
        json!({
            "schedules": [{"id": "x", "timezone": "UTC", "availability": [],
                           "slot": {"duration": "PT1H", "capacity": 1}}],
            "query": query
        })
        .to_string()
    };
    let run = |text: String| {
        AvailabilityRequest::from_json(&text, &Limits::default())
            .and_then(|r| r.run(Limits::default()))
            .unwrap_err()
    };
    let err = run(doc(json!({"from": "2026-01-01T00:00:00Z", "first": 0})));
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(err.path(), "query.first");
    let err = run(doc(json!({"from": "2026-01-01T00:00:00Z"})));
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(err.path(), "query.to");
    // A query without `to` round-trips through JSON without it.
    let q: Query =
        serde_json::from_value(json!({"from": "2026-01-01T00:00:00Z", "first": 2})).unwrap();
    assert_eq!(q.to, Query::OPEN_END);
    let text = serde_json::to_string(&q).unwrap();
    assert!(!text.contains("\"to\""), "{text}");
    assert_eq!(serde_json::from_str::<Query>(&text).unwrap(), q);
}

#[test]
fn first_across_many_spans_is_the_prefix_of_the_whole_answer() {
    // Around the clock in 50-minute slots (a grid that does not divide a week) in
    // New York across both DST changes, beside an overnight schedule in Lisbon and
    // a booked one; 3,000 slots reach past several doubling spans.
    let mut e = Engine::new();
    let around: Schedule = serde_json::from_value(json!({
        "id": "kiosk", "timezone": "America/New_York",
        "availability": [{"rule": "DTSTART:20260101T000000\nRRULE:FREQ=DAILY", "end": "00:00"}],
        "slot": {"duration": "PT50M", "capacity": 1}
    }))
    .unwrap();
    let night: Schedule = serde_json::from_value(json!({
        "id": "night", "timezone": "Europe/Lisbon",
        "availability": [{"rule": "DTSTART:20260101T220000\nRRULE:FREQ=DAILY", "end": "06:00"}],
        "slot": {"duration": "PT1H", "step": "PT40M", "capacity": 2}
    }))
    .unwrap();
    e.add_schedule(around).unwrap();
    e.add_schedule(night).unwrap();
    let from = t("2026-02-27T13:07:00Z");
    let whole: Vec<String> = e
        .availability(&Query::new(from, t("2027-01-01T00:00:00Z")))
        .unwrap()
        .iter()
        .map(|s| s.key())
        .collect();
    for n in [1u32, 7, 300, 3000] {
        let q = Query {
            first: Some(n),
            to: Query::OPEN_END,
            ..Query::new(from, 0)
        };
        let got: Vec<String> = e
            .availability(&q)
            .unwrap()
            .iter()
            .map(|s| s.key())
            .collect();
        assert_eq!(got, whole[..n as usize].to_vec(), "n = {n}");
        let streamed: Vec<String> = e
            .availability_stream(&q)
            .unwrap()
            .map(|s| s.key())
            .collect();
        assert_eq!(streamed, got, "n = {n}");
    }
}
