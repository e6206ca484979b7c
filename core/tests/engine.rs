//! The Engine's calls: bad input is refused with a code and a path and changes nothing;
//! appointments update incrementally; check_booking and explain name their reasons;
//! parallel and sequential answers are identical.

use serde_json::{json, Value};
use slotwise::capacity::Appointment;
use slotwise::schedule::Schedule;
use slotwise::time::parse_instant;
use slotwise::{BookingRules, Engine, ErrorCode, Query, Reason};

fn schedule(v: Value) -> Schedule {
    serde_json::from_value(v).unwrap()
}

fn appointment(v: Value) -> Appointment {
    serde_json::from_value(v).unwrap()
}

fn t(text: &str) -> i64 {
    parse_instant(text).unwrap()
}

/// A clinic room in UTC: weekdays 09:00-12:00, 30-minute slots, 2 seats, 10-minute
/// buffer after; a holiday on 2026-03-04 and a range exclusion on 2026-03-05.
fn room() -> Value {
    json!({
        "id": "room",
        "timezone": "UTC",
        "availability": [{"rule": "DTSTART:20260302T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "end": "12:00"}],
        "slot": {"duration": "PT30M", "capacity": 2, "buffer_after": "PT10M"},
        "exclusions": [
            {"kind": "day", "date": "2026-03-04", "reason": "holiday"},
            {"kind": "range", "from": "2026-03-05T10:00:00Z", "to": "2026-03-05T11:00:00Z"}
        ]
    })
}

fn booking(id: &str, start: &str, end: &str, seats: u32) -> Appointment {
    appointment(json!({"id": id, "schedule": "room", "start": start, "end": end, "seats": seats}))
}

fn engine() -> Engine {
    let mut e = Engine::new();
    e.add_schedule(schedule(room())).unwrap();
    e.add_appointment(booking(
        "a1",
        "2026-03-02T09:00:00Z",
        "2026-03-02T09:30:00Z",
        1,
    ))
    .unwrap();
    e
}

fn week() -> Query {
    Query::new(t("2026-03-02T00:00:00Z"), t("2026-03-09T00:00:00Z"))
}

/// Everything observable about an engine's state.
fn state(e: &Engine) -> String {
    let mut all = week();
    all.seats = 0;
    serde_json::to_string(&json!({
        "schedules": e.schedules().collect::<Vec<_>>(),
        "appointments": e.appointments().collect::<Vec<_>>(),
        "slots": e.availability(&all).unwrap(),
    }))
    .unwrap()
}

/// `v` with the field at `pointer` set (added when missing).
fn with(mut v: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = v.pointer_mut(parent).unwrap();
    match key.parse::<usize>() {
        Ok(i) => parent[i] = value,
        Err(_) => parent[key] = value,
    }
    v
}

#[test]
fn bad_input_is_refused_with_code_and_path_and_changes_nothing() {
    let mut e = engine();
    let before = state(&e);
    let mut check =
        |op: &dyn Fn(&mut Engine) -> slotwise::Result<()>, code: ErrorCode, path: &str| {
            let err = op(&mut e).unwrap_err();
            assert_eq!((err.code(), err.path()), (code, path), "{err}");
            assert!(err.to_string().starts_with(path), "{err}");
            assert_eq!(state(&e), before, "state changed after: {err}");
        };
    let bad_schedules = [
        (
            with(room(), "/timezone", json!("Mars/Olympus")),
            ErrorCode::UnknownTimezone,
            "timezone",
        ),
        (
            with(room(), "/slot/capacity", json!(0)),
            ErrorCode::InvalidInput,
            "slot.capacity",
        ),
        (
            with(room(), "/slot/step", json!("PT0S")),
            ErrorCode::InvalidInput,
            "slot.step",
        ),
        (
            with(room(), "/slot/duration", json!("-PT30M")),
            ErrorCode::InvalidInput,
            "slot.duration",
        ),
        (
            with(room(), "/slot/buffer_after", json!("-PT5M")),
            ErrorCode::InvalidInput,
            "slot.buffer_after",
        ),
        (
            with(room(), "/availability/0/rule", json!("RRULE:FREQ=DAILY")),
            ErrorCode::InvalidRule,
            "availability[0].rule",
        ),
        (
            with(
                room(),
                "/availability/0/rule",
                json!("DTSTART;TZID=Europe/Lisbon:20260302T090000\nRRULE:FREQ=DAILY"),
            ),
            ErrorCode::InvalidInput,
            "availability[0].rule",
        ),
        (
            with(room(), "/availability/0/end", Value::Null),
            ErrorCode::InvalidInput,
            "availability[0]",
        ),
        (
            with(room(), "/exclusions/1/to", json!("2026-03-05T09:00:00Z")),
            ErrorCode::InvalidInput,
            "exclusions[1].to",
        ),
        (
            with(room(), "/version", json!(2)),
            ErrorCode::InvalidInput,
            "version",
        ),
    ];
    for (s, code, path) in bad_schedules {
        let s: Schedule = serde_json::from_value(s).unwrap();
        let mut renamed = s.clone();
        renamed.id = "other".into();
        check(&|e| e.add_schedule(renamed.clone()), code, path);
        check(&|e| e.replace_schedule(s.clone()), code, path);
    }
    check(
        &|e| e.add_schedule(schedule(room())),
        ErrorCode::DuplicateId,
        "id",
    );
    check(
        &|e| e.replace_schedule(schedule(with(room(), "/id", json!("nope")))),
        ErrorCode::UnknownSchedule,
        "id",
    );
    check(
        &|e| e.remove_schedule("nope"),
        ErrorCode::UnknownSchedule,
        "id",
    );

    let mut a = booking("a2", "2026-03-02T10:00:00Z", "2026-03-02T10:30:00Z", 1);
    a.schedule = "nope".into();
    check(
        &|e| e.add_appointment(a.clone()),
        ErrorCode::UnknownSchedule,
        "schedule",
    );
    check(
        &|e| e.update_appointment(a.clone()),
        ErrorCode::UnknownSchedule,
        "schedule",
    );
    let a = booking("a2", "2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z", 1);
    check(
        &|e| e.add_appointment(a.clone()),
        ErrorCode::InvalidInput,
        "end",
    );
    let a = booking("a2", "2026-03-02T10:00:00Z", "2026-03-02T10:30:00Z", 0);
    check(
        &|e| e.add_appointment(a.clone()),
        ErrorCode::InvalidInput,
        "seats",
    );
    let a = booking("a1", "2026-03-02T10:00:00Z", "2026-03-02T10:30:00Z", 1);
    check(
        &|e| e.add_appointment(a.clone()),
        ErrorCode::DuplicateId,
        "id",
    );
    let a = booking("a9", "2026-03-02T10:00:00Z", "2026-03-02T10:30:00Z", 1);
    check(
        &|e| e.update_appointment(a.clone()),
        ErrorCode::InvalidInput,
        "id",
    );
    check(
        &|e| e.remove_appointment("a9"),
        ErrorCode::InvalidInput,
        "id",
    );

    let mut q = week();
    q.to = q.from;
    let err = e.availability(&q).unwrap_err();
    assert_eq!((err.code(), err.path()), (ErrorCode::InvalidWindow, "to"));
    let mut q = week();
    q.schedules = Some(vec!["room".into(), "nope".into()]);
    let err = e.availability(&q).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::UnknownSchedule, "schedules[1]")
    );
    let mut q = week();
    q.min_notice = -1;
    let err = e.availability(&q).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::InvalidInput, "min_notice")
    );
}

#[test]
fn appointments_change_availability_incrementally() {
    let mut e = engine();
    let monday_9 = t("2026-03-02T09:00:00Z");
    let seats_at = |e: &Engine, start: i64| {
        let mut q = week();
        q.seats = 0;
        e.availability(&q)
            .unwrap()
            .iter()
            .find(|s| s.start == start)
            .map(|s| s.remaining)
    };
    assert_eq!(seats_at(&e, monday_9), Some(1));
    e.add_appointment(booking(
        "a2",
        "2026-03-02T09:00:00Z",
        "2026-03-02T09:30:00Z",
        1,
    ))
    .unwrap();
    assert_eq!(seats_at(&e, monday_9), Some(0));
    let mut moved = booking("a2", "2026-03-02T10:00:00Z", "2026-03-02T10:30:00Z", 1);
    e.update_appointment(moved.clone()).unwrap();
    assert_eq!(seats_at(&e, monday_9), Some(1));
    assert_eq!(seats_at(&e, t("2026-03-02T10:00:00Z")), Some(1));
    moved.status = slotwise::Status::Cancelled;
    e.update_appointment(moved).unwrap();
    assert_eq!(seats_at(&e, t("2026-03-02T10:00:00Z")), Some(2));
    e.remove_appointment("a1").unwrap();
    assert_eq!(seats_at(&e, monday_9), Some(2));
    // Replacing a schedule keeps its appointments; removing it removes them.
    e.replace_schedule(schedule(with(room(), "/slot/capacity", json!(5))))
        .unwrap();
    assert_eq!(seats_at(&e, monday_9), Some(5));
    assert_eq!(e.appointments().count(), 1);
    e.remove_schedule("room").unwrap();
    assert_eq!(e.appointments().count(), 0);
    assert!(e.availability(&week()).unwrap().is_empty());
}

#[test]
fn check_booking_names_every_reason() {
    let mut e = engine();
    e.add_appointment(booking(
        "a2",
        "2026-03-03T09:00:00Z",
        "2026-03-03T09:30:00Z",
        2,
    ))
    .unwrap();
    e.add_appointment(booking(
        "a3",
        "2026-03-03T09:50:00Z",
        "2026-03-03T10:00:00Z",
        2,
    ))
    .unwrap();
    let none = BookingRules::default();
    let reasons = |e: &Engine, a: Appointment, rules: &BookingRules| {
        let check = e.check_booking(&a, rules).unwrap();
        assert_eq!(check.fits, check.reasons.is_empty());
        check.reasons
    };
    // Fits: Monday 09:00 has one seat left.
    let ok = booking("new", "2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z", 1);
    assert_eq!(reasons(&e, ok.clone(), &none), []);
    // Re-checking an existing appointment leaves itself out of the count.
    let mut again = ok.clone();
    again.id = "a1".into();
    again.seats = 2;
    assert_eq!(reasons(&e, again, &none), []);
    let two = booking("new", "2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z", 2);
    assert!(matches!(
        reasons(&e, two, &none).as_slice(),
        [Reason::Full { capacity: 2, booked: 1, remaining: 1, appointments }] if appointments == &["a1"]
    ));
    let outside = booking("new", "2026-03-02T12:00:00Z", "2026-03-02T12:30:00Z", 1);
    assert_eq!(reasons(&e, outside, &none), [Reason::OutsideAvailability]);
    let off_grid = booking("new", "2026-03-02T09:10:00Z", "2026-03-02T09:40:00Z", 1);
    assert_eq!(reasons(&e, off_grid, &none), [Reason::NotASlot]);
    let too_long = booking("new", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", 1);
    assert_eq!(reasons(&e, too_long, &none), [Reason::NotASlot]);
    let holiday = booking("new", "2026-03-04T09:00:00Z", "2026-03-04T09:30:00Z", 1);
    assert!(matches!(
        reasons(&e, holiday, &none).as_slice(),
        [Reason::Excluded(hit)] if hit.index == 0 && hit.reason.as_deref() == Some("holiday")
    ));
    let range = booking("new", "2026-03-05T10:30:00Z", "2026-03-05T11:00:00Z", 1);
    assert!(matches!(
        reasons(&e, range, &none).as_slice(),
        [Reason::Excluded(hit)] if hit.index == 1
    ));
    let full = booking("new", "2026-03-03T09:00:00Z", "2026-03-03T09:30:00Z", 1);
    assert!(matches!(
        reasons(&e, full, &none).as_slice(),
        [Reason::Full {
            booked: 2,
            remaining: 0,
            ..
        }]
    ));
    // The 10:00 slot itself is free, but a4 (2 seats) sits in its 10-minute buffer.
    e.add_appointment(booking(
        "a4",
        "2026-03-03T10:35:00Z",
        "2026-03-03T10:40:00Z",
        2,
    ))
    .unwrap();
    let buffered = booking("new", "2026-03-03T10:00:00Z", "2026-03-03T10:30:00Z", 1);
    assert!(matches!(
        reasons(&e, buffered, &none).as_slice(),
        [Reason::InBuffer { appointments }] if appointments == &["a4"]
    ));
    e.add_appointment(booking(
        "a5",
        "2026-03-03T11:00:00Z",
        "2026-03-03T11:30:00Z",
        3,
    ))
    .unwrap();
    let over = booking("new", "2026-03-03T11:00:00Z", "2026-03-03T11:30:00Z", 1);
    assert!(matches!(
        reasons(&e, over, &none).as_slice(),
        [Reason::Overbooked {
            capacity: 2,
            booked: 3,
            ..
        }]
    ));
    let rules = BookingRules {
        now: Some(t("2026-03-02T08:00:00Z")),
        min_notice: 3600,
        max_advance: Some(3600),
    };
    assert_eq!(reasons(&e, ok.clone(), &rules), []);
    let early = BookingRules {
        now: Some(t("2026-03-02T08:00:01Z")),
        ..rules
    };
    assert_eq!(
        reasons(&e, ok.clone(), &early),
        [Reason::BeforeMinimumNotice {
            earliest: t("2026-03-02T09:00:01Z")
        }]
    );
    let late = BookingRules {
        now: Some(t("2026-03-02T07:59:59Z")),
        min_notice: 0,
        ..rules
    };
    assert_eq!(
        reasons(&e, ok, &late),
        [Reason::AfterMaximumAdvance {
            latest: t("2026-03-02T08:59:59Z")
        }]
    );
}

#[test]
fn explain_tells_support_staff_why() {
    let e = engine();
    let x = e.explain("room", t("2026-03-02T09:15:00Z")).unwrap();
    assert!(x.bookable, "{x:?}");
    assert_eq!(x.local_time, "2026-03-02T09:15:00+00:00");
    assert_eq!(x.slots.len(), 1);
    assert_eq!(x.slots[0].slot.key(), "room@2026-03-02T09:00:00Z");
    assert!(x.summary.starts_with("bookable"), "{}", x.summary);

    let x = e.explain("room", t("2026-03-02T13:00:00Z")).unwrap();
    assert!(!x.bookable);
    assert!(x.window.is_none());
    assert!(x.summary.contains("outside every availability window"));

    let x = e.explain("room", t("2026-03-04T10:00:00Z")).unwrap();
    assert!(!x.bookable);
    assert_eq!(x.exclusions.len(), 1);
    assert!(x.summary.contains("holiday"), "{}", x.summary);
    let json = serde_json::to_value(&x).unwrap();
    assert_eq!(json["slots"][0]["reasons"][0]["code"], "excluded");
    assert_eq!(json["slots"][0]["reasons"][0]["reason"], "holiday");

    let err = e.explain("nope", 0).unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownSchedule);
}

#[test]
fn parallel_and_sequential_answers_are_identical() {
    let mut e = Engine::new();
    let zones = [
        "UTC",
        "Europe/Lisbon",
        "America/Sao_Paulo",
        "America/New_York",
    ];
    for i in 0..60 {
        let s = json!({
            "id": format!("s{:02}", (i * 37) % 60),
            "timezone": zones[i % zones.len()],
            "availability": [
                {"rule": format!("DTSTART:20260301T{:02}{:02}00\nRRULE:FREQ=DAILY", 7 + i % 5, (i % 4) * 15), "end": "12:00"},
                {"rule": "DTSTART:20260301T130000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR", "duration": "PT5H"}
            ],
            "slot": {"duration": format!("PT{}M", 20 + 5 * (i % 5)), "capacity": 1 + i % 3, "buffer_before": "PT5M"},
            "exclusions": [{"kind": "day", "date": format!("2026-03-{:02}", 5 + i % 20)}]
        });
        e.add_schedule(schedule(s)).unwrap();
    }
    for i in 0..2000i64 {
        let start = t("2026-03-01T00:00:00Z") + (i * 7919 % (30 * 96)) * 900;
        e.add_appointment(appointment(json!({
            "id": format!("a{i}"),
            "schedule": format!("s{:02}", i % 60),
            "start": slotwise::time::format_instant(start),
            "end": slotwise::time::format_instant(start + 1800),
            "status": if i % 5 == 0 { "cancelled" } else { "booked" }
        })))
        .unwrap();
    }
    let mut q = Query::new(t("2026-03-01T00:00:00Z"), t("2026-04-01T00:00:00Z"));
    q.seats = 0;
    e.set_parallel(false);
    let sequential = e.availability(&q).unwrap();
    e.set_parallel(true);
    let parallel = e.availability(&q).unwrap();
    assert!(sequential.len() > 10_000);
    assert_eq!(sequential, parallel);
    assert_eq!(sequential.to_vec(), parallel.to_vec());
    assert!(sequential
        .to_vec()
        .windows(2)
        .all(|w| (w[0].start, &w[0].schedule) < (w[1].start, &w[1].schedule)));
}

#[test]
fn slots_of_one_schedule_is_the_availability_of_that_schedule() {
    let mut e = engine();
    e.add_schedule(schedule(with(room(), "/id", json!("other"))))
        .unwrap();
    let mut q = week();
    q.seats = 0;
    q.schedules = Some(vec!["room".into()]);
    let listed = e.availability(&q).unwrap().to_vec();
    assert_eq!(e.slots_of("room", q.from, q.to, 0).unwrap(), listed);
    assert!(listed.iter().all(|s| &*s.schedule == "room"));
    let err = e.slots_of("room", q.to, q.from, 0).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidWindow);
}

/// With `step < duration` the grid's slots overlap, and explain lists every one
/// holding the instant. Worked out by hand: 09:00-12:00 windows, one-hour slots
/// every 20 minutes start at 09:00, 09:20, 09:40, 10:00, ...; 10:10 lies in the ones
/// starting 09:20, 09:40 and 10:00. A 09:00-09:30 booking meets only the first.
#[test]
fn explain_lists_every_overlapping_slot() {
    let schedule: Schedule = serde_json::from_value(json!({
        "id": "desk", "timezone": "UTC",
        "availability": [{"rule": "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", "end": "12:00"}],
        "slot": {"duration": "PT1H", "step": "PT20M", "capacity": 1}
    }))
    .unwrap();
    let booking: Appointment = serde_json::from_value(json!({
        "id": "a", "schedule": "desk",
        "start": "2026-03-02T09:00:00Z", "end": "2026-03-02T09:30:00Z"
    }))
    .unwrap();
    let e = Engine::from_parts(vec![schedule], vec![booking], Default::default()).unwrap();
    let x = e.explain("desk", t("2026-03-02T10:10:00Z")).unwrap();
    let keys: Vec<String> = x.slots.iter().map(|v| v.slot.key()).collect();
    assert_eq!(
        keys,
        [
            "desk@2026-03-02T09:20:00Z",
            "desk@2026-03-02T09:40:00Z",
            "desk@2026-03-02T10:00:00Z"
        ]
    );
    let json = serde_json::to_value(&x).unwrap();
    assert_eq!(json["slots"][0]["reasons"][0]["code"], "full", "{json:#}");
    assert_eq!(json["slots"][0]["reasons"][0]["appointments"], json!(["a"]));
    assert_eq!(json["slots"][1]["reasons"], json!([]));
    assert_eq!(json["slots"][2]["reasons"], json!([]));
    assert!(x.bookable, "{x:?}");
}
