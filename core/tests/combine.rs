//! Combined queries, hand-checked: a doctor and a room in New York on DST days
//! (`all`), a pool of nurses across two zones with the fairness order (`any`),
//! interviewers with k = n, k = 2 and k = 1 (`k_of_n`), booking limits and `first`
//! inside combined rows, and every error of the list.

use serde_json::{json, Value};
use slotwise::capacity::Appointment;
use slotwise::schedule::Schedule;
use slotwise::time::{format_instant, parse_instant};
use slotwise::{Engine, ErrorCode, Query};

fn t(text: &str) -> i64 {
    parse_instant(text).unwrap()
}

fn schedule(id: &str, zone: &str, from: &str, to: &str, capacity: u32, extra: Value) -> Schedule {
    let mut v = json!({
        "id": id, "timezone": zone,
        "availability": [{"rule": format!("DTSTART:20260301T{from}00\nRRULE:FREQ=DAILY"), "end": to}],
        "slot": {"duration": "PT1H", "capacity": capacity}
    });
    if let Value::Object(m) = extra {
        for (k, x) in m {
            v[k] = x;
        }
    }
    serde_json::from_value(v).unwrap()
}

fn book(e: &mut Engine, id: &str, schedule: &str, start: &str, end: &str) {
    let a: Appointment =
        serde_json::from_value(json!({"id": id, "schedule": schedule, "start": start, "end": end}))
            .unwrap();
    e.add_appointment(a).unwrap();
}

fn query(from: &str, to: &str, combine: Value) -> Query {
    serde_json::from_value(json!({"from": from, "to": to, "combine": combine})).unwrap()
}

/// Rows as `(start, [schedules], remaining)`.
fn rows(e: &Engine, q: &Query) -> Vec<(String, Vec<String>, u32)> {
    e.combined(q)
        .unwrap()
        .into_iter()
        .map(|r| {
            assert!(r.end > r.start);
            (format_instant(r.start), r.schedules, r.remaining)
        })
        .collect()
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Dr Ana 09:00-12:00 (1 seat) and room 2 10:00-13:00 (2 seats), New York.
fn clinic() -> Engine {
    let mut e = Engine::new();
    e.add_schedule(schedule(
        "dr-ana",
        "America/New_York",
        "0900",
        "12:00",
        1,
        json!({}),
    ))
    .unwrap();
    e.add_schedule(schedule(
        "room-2",
        "America/New_York",
        "1000",
        "13:00",
        2,
        json!({}),
    ))
    .unwrap();
    e
}

#[test]
fn all_needs_the_doctor_and_the_room_across_the_spring_change() {
    let mut e = clinic();
    // 2026-03-08 is the spring-forward day: 10:30-11:00 EDT = 14:30Z-15:00Z, the
    // room's 2 seats both taken.
    book(
        &mut e,
        "r1",
        "room-2",
        "2026-03-08T14:30:00Z",
        "2026-03-08T15:00:00Z",
    );
    book(
        &mut e,
        "r2",
        "room-2",
        "2026-03-08T14:30:00Z",
        "2026-03-08T15:00:00Z",
    );
    let q = query(
        "2026-03-07T05:00:00Z",
        "2026-03-09T04:00:00Z",
        json!({"mode": "all", "schedules": ["room-2", "dr-ana"], "duration": "PT45M", "step": "PT15M"}),
    );
    let both = ids(&["dr-ana", "room-2"]);
    // Both open 10:00-12:00 local. 03-07 (EST, UTC-5): 10:00, 10:15, ..., 11:15
    // (11:15 + 45 min = 12:00) = 15:00Z..16:15Z. 03-08 (EDT, UTC-4): the spans that
    // meet 10:30-11:00 are gone, leaving 11:00 and 11:15 local = 15:00Z and 15:15Z.
    let expected: Vec<(String, Vec<String>, u32)> = [
        "2026-03-07T15:00:00Z",
        "2026-03-07T15:15:00Z",
        "2026-03-07T15:30:00Z",
        "2026-03-07T15:45:00Z",
        "2026-03-07T16:00:00Z",
        "2026-03-07T16:15:00Z",
        "2026-03-08T15:00:00Z",
        "2026-03-08T15:15:00Z",
    ]
    .iter()
    .map(|s| (s.to_string(), both.clone(), 1))
    .collect();
    assert_eq!(rows(&e, &q), expected);
    // The doctor booked at 11:00-11:30 on 03-08: nothing left that day.
    book(
        &mut e,
        "d1",
        "dr-ana",
        "2026-03-08T15:00:00Z",
        "2026-03-08T15:30:00Z",
    );
    assert_eq!(rows(&e, &q).len(), 6);
    // JSON rows.
    let json = serde_json::to_value(e.combined(&q).unwrap()).unwrap();
    assert_eq!(
        json[0],
        json!({"start": "2026-03-07T15:00:00Z", "end": "2026-03-07T15:45:00Z",
               "schedules": ["dr-ana", "room-2"], "remaining": 1})
    );
}

#[test]
fn all_on_the_fall_back_day_and_with_seats_and_limits() {
    let mut e = clinic();
    // 2026-11-01 (fall back at 02:00): 10:00 EST = 15:00Z. PT1H on the hour.
    let q = query(
        "2026-11-01T04:00:00Z",
        "2026-11-02T05:00:00Z",
        json!({"mode": "all", "schedules": ["dr-ana", "room-2"], "duration": "PT1H"}),
    );
    let starts: Vec<String> = rows(&e, &q).into_iter().map(|r| r.0).collect();
    assert_eq!(starts, vec!["2026-11-01T15:00:00Z", "2026-11-01T16:00:00Z"]);
    // Two seats: the doctor has one, so nothing.
    let mut two = q.clone();
    two.seats = 2;
    assert!(rows(&e, &two).is_empty());
    // A day limit on the doctor with one booking that day (outside the room's
    // hours) takes the whole day.
    let mut limited = Engine::new();
    limited
        .add_schedule(schedule(
            "dr-ana",
            "America/New_York",
            "0900",
            "12:00",
            1,
            json!({"limits": [{"period": "day", "max_appointments": 1}]}),
        ))
        .unwrap();
    limited
        .add_schedule(schedule(
            "room-2",
            "America/New_York",
            "1000",
            "13:00",
            2,
            json!({}),
        ))
        .unwrap();
    assert_eq!(rows(&limited, &q).len(), 2);
    book(
        &mut limited,
        "d",
        "dr-ana",
        "2026-11-01T14:00:00Z",
        "2026-11-01T15:00:00Z",
    );
    assert!(rows(&limited, &q).is_empty());
    // first: 1 stops at the first row.
    e.add_schedule(schedule("spare", "UTC", "0000", "00:00", 1, json!({})))
        .unwrap();
    let mut one = q.clone();
    one.first = Some(1);
    assert_eq!(rows(&e, &one).len(), 1);
}

/// Nurse A in Lisbon 09:00-11:00, nurse B in Madrid 10:00-12:00: the same instants
/// (Madrid is an hour ahead), slots of one hour.
fn nurses() -> Engine {
    let mut e = Engine::new();
    e.add_schedule(schedule(
        "nurse-a",
        "Europe/Lisbon",
        "0900",
        "11:00",
        1,
        json!({}),
    ))
    .unwrap();
    e.add_schedule(schedule(
        "nurse-b",
        "Europe/Madrid",
        "1000",
        "12:00",
        1,
        json!({}),
    ))
    .unwrap();
    e
}

#[test]
fn any_pools_two_zones_fairest_first() {
    let mut e = nurses();
    let q = query(
        "2026-03-10T00:00:00Z",
        "2026-03-11T00:00:00Z",
        json!({"mode": "any", "schedules": ["nurse-b", "nurse-a"]}),
    );
    // 2026-03-10: Lisbon UTC+0, Madrid UTC+1: both have 09:00Z and 10:00Z.
    assert_eq!(
        rows(&e, &q),
        vec![
            (
                "2026-03-10T09:00:00Z".into(),
                ids(&["nurse-a", "nurse-b"]),
                2
            ),
            (
                "2026-03-10T10:00:00Z".into(),
                ids(&["nurse-a", "nurse-b"]),
                2
            ),
        ]
    );
    // Nurse A takes 10:00Z; a booking of hers at 23:30 the day before (Lisbon)
    // counts for 03-09, not 03-10.
    book(
        &mut e,
        "a1",
        "nurse-a",
        "2026-03-10T10:00:00Z",
        "2026-03-10T11:00:00Z",
    );
    book(
        &mut e,
        "a0",
        "nurse-a",
        "2026-03-09T23:30:00Z",
        "2026-03-09T23:45:00Z",
    );
    assert_eq!(
        rows(&e, &q),
        vec![
            // A has one appointment on 03-10, B none: B first.
            (
                "2026-03-10T09:00:00Z".into(),
                ids(&["nurse-b", "nurse-a"]),
                2
            ),
            // A is full: only B, and the sum of remaining seats is 0 + 1.
            ("2026-03-10T10:00:00Z".into(), ids(&["nurse-b"]), 1),
        ]
    );
    // Both full at 10:00Z: no row.
    book(
        &mut e,
        "b1",
        "nurse-b",
        "2026-03-10T10:00:00Z",
        "2026-03-10T11:00:00Z",
    );
    assert_eq!(rows(&e, &q).len(), 1);
    // Summer: Lisbon UTC+1, Madrid UTC+2: still the same instants (08:00Z, 09:00Z).
    let summer = query(
        "2026-07-01T00:00:00Z",
        "2026-07-02T00:00:00Z",
        json!({"mode": "any", "schedules": ["nurse-a", "nurse-b"]}),
    );
    let starts: Vec<String> = rows(&e, &summer).into_iter().map(|r| r.0).collect();
    assert_eq!(starts, vec!["2026-07-01T08:00:00Z", "2026-07-01T09:00:00Z"]);
}

/// Interviewers a, b (09:00-12:00) and c (10:00-12:00), UTC.
fn panel() -> Engine {
    let mut e = Engine::new();
    e.add_schedule(schedule("a", "UTC", "0900", "12:00", 1, json!({})))
        .unwrap();
    e.add_schedule(schedule("b", "UTC", "0900", "12:00", 1, json!({})))
        .unwrap();
    e.add_schedule(schedule("c", "UTC", "1000", "12:00", 1, json!({})))
        .unwrap();
    book(
        &mut e,
        "b11",
        "b",
        "2026-03-10T11:00:00Z",
        "2026-03-10T12:00:00Z",
    );
    e
}

fn panel_query(k: u32) -> Query {
    query(
        "2026-03-10T00:00:00Z",
        "2026-03-11T00:00:00Z",
        json!({"mode": "k_of_n", "k": k, "schedules": ["a", "b", "c"], "duration": "PT1H"}),
    )
}

#[test]
fn k_of_n_with_k_of_two_three_and_one() {
    let e = panel();
    assert_eq!(
        rows(&e, &panel_query(2)),
        vec![
            ("2026-03-10T09:00:00Z".into(), ids(&["a", "b"]), 2),
            ("2026-03-10T10:00:00Z".into(), ids(&["a", "b", "c"]), 3),
            ("2026-03-10T11:00:00Z".into(), ids(&["a", "c"]), 2),
        ]
    );
    // k = n: only when all three are open and free.
    assert_eq!(
        rows(&e, &panel_query(3)),
        vec![("2026-03-10T10:00:00Z".into(), ids(&["a", "b", "c"]), 3)]
    );
    // k = 1: the grid runs over the time any one is open (09:00-12:00).
    assert_eq!(
        rows(&e, &panel_query(1)),
        vec![
            ("2026-03-10T09:00:00Z".into(), ids(&["a", "b"]), 2),
            ("2026-03-10T10:00:00Z".into(), ids(&["a", "b", "c"]), 3),
            ("2026-03-10T11:00:00Z".into(), ids(&["a", "c"]), 2),
        ]
    );
}

#[test]
fn every_error_of_the_list() {
    let e = panel();
    let err = |combine: Value| {
        e.combined(&query(
            "2026-03-10T00:00:00Z",
            "2026-03-11T00:00:00Z",
            combine,
        ))
        .unwrap_err()
    };
    let cases = [
        (
            json!({"mode": "all", "schedules": ["a"], "duration": "PT1H"}),
            ErrorCode::InvalidInput,
            "combine.schedules",
        ),
        (
            json!({"mode": "all", "schedules": ["a", "b", "a"], "duration": "PT1H"}),
            ErrorCode::InvalidInput,
            "combine.schedules[2]",
        ),
        (
            json!({"mode": "k_of_n", "k": 0, "schedules": ["a", "b"], "duration": "PT1H"}),
            ErrorCode::InvalidInput,
            "combine.k",
        ),
        (
            json!({"mode": "k_of_n", "k": 3, "schedules": ["a", "b"], "duration": "PT1H"}),
            ErrorCode::InvalidInput,
            "combine.k",
        ),
        (
            json!({"mode": "k_of_n", "schedules": ["a", "b"], "duration": "PT1H"}),
            ErrorCode::InvalidInput,
            "combine.k",
        ),
        (
            json!({"mode": "all", "schedules": ["a", "b"]}),
            ErrorCode::InvalidInput,
            "combine.duration",
        ),
        (
            json!({"mode": "k_of_n", "k": 1, "schedules": ["a", "b"]}),
            ErrorCode::InvalidInput,
            "combine.duration",
        ),
        (
            json!({"mode": "any", "schedules": ["a", "b"], "duration": "PT1H"}),
            ErrorCode::InvalidInput,
            "combine.duration",
        ),
        (
            json!({"mode": "any", "schedules": ["a", "b"], "step": "PT1H"}),
            ErrorCode::InvalidInput,
            "combine.step",
        ),
        (
            json!({"mode": "all", "schedules": ["a", "zz"], "duration": "PT1H"}),
            ErrorCode::UnknownSchedule,
            "combine.schedules[1]",
        ),
    ];
    for (combine, code, path) in cases {
        let e = err(combine.clone());
        assert_eq!((e.code(), e.path()), (code, path), "{combine}");
    }
    // first < 1.
    let mut q = panel_query(2);
    q.first = Some(0);
    let e1 = e.combined(&q).unwrap_err();
    assert_eq!((e1.code(), e1.path()), (ErrorCode::InvalidInput, "first"));
    // A combined query asked for slots is refused, naming `combine`.
    let e2 = e.availability(&panel_query(2)).unwrap_err();
    assert_eq!((e2.code(), e2.path()), (ErrorCode::InvalidInput, "combine"));
    // Without `combine`, `combined` says so.
    let e3 = e
        .combined(&Query::new(
            t("2026-03-10T00:00:00Z"),
            t("2026-03-11T00:00:00Z"),
        ))
        .unwrap_err();
    assert_eq!(e3.path(), "combine");
    // The query's own `schedules` beside `combine`: refused, naming it, even when it
    // lists the same ids (one list of schedules per query).
    for list in [vec!["a"], vec!["a", "b"]] {
        let mut q = panel_query(2);
        q.schedules = Some(list.iter().map(|s| s.to_string()).collect());
        let e4 = e.combined(&q).unwrap_err();
        assert_eq!(
            (e4.code(), e4.path()),
            (ErrorCode::InvalidInput, "schedules")
        );
    }
}

#[test]
fn first_rows_are_the_prefix_of_the_whole_answer() {
    // Nurses around the clock in two zones with 50- and 40-minute grids: the pool's
    // rows with `first` are walked in spans; they must be the whole answer's first.
    let mut e = Engine::new();
    for (id, zone, len) in [("n1", "Europe/Lisbon", 50), ("n2", "America/New_York", 40)] {
        let s: Schedule = serde_json::from_value(json!({
            "id": id, "timezone": zone,
            "availability": [{"rule": "DTSTART:20260101T000000\nRRULE:FREQ=DAILY", "end": "00:00"}],
            "slot": {"duration": format!("PT{len}M"), "step": "PT20M", "capacity": 1}
        }))
        .unwrap();
        e.add_schedule(s).unwrap();
    }
    book(
        &mut e,
        "x",
        "n1",
        "2026-03-20T10:00:00Z",
        "2026-03-20T12:00:00Z",
    );
    for combine in [
        json!({"mode": "any", "schedules": ["n1", "n2"]}),
        json!({"mode": "all", "schedules": ["n1", "n2"], "duration": "PT30M", "step": "PT10M"}),
        json!({"mode": "k_of_n", "k": 1, "schedules": ["n1", "n2"], "duration": "PT2H"}),
    ] {
        let whole = rows(
            &e,
            &query(
                "2026-03-01T00:00:00Z",
                "2026-06-01T00:00:00Z",
                combine.clone(),
            ),
        );
        assert!(whole.len() > 1000, "{combine}");
        for n in [1u32, 5, 1000] {
            let mut q = query(
                "2026-03-01T00:00:00Z",
                "2026-06-01T00:00:00Z",
                combine.clone(),
            );
            q.first = Some(n);
            assert_eq!(
                rows(&e, &q),
                whole[..n as usize].to_vec(),
                "{combine} n = {n}"
            );
        }
    }
}
