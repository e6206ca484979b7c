//! Booking limits per local day, week and month: hand-checked slots at period edges
//! (DST days of 23 and 25 hours, a week across a month change, an appointment that
//! runs past midnight), the same verdict from listing, streaming, columns,
//! check_booking and explain, validation, and the field carried by snapshots and JSON.

use serde_json::{json, Value};
use slotwise::capacity::Appointment;
use slotwise::schedule::Schedule;
use slotwise::time::{format_instant, parse_instant};
use slotwise::{BookingRules, Engine, ErrorCode, Query, Reason};

fn t(text: &str) -> i64 {
    parse_instant(text).unwrap()
}

/// Open around the clock in New York, one-hour slots, one seat, with `limits`.
fn doctor(limits: Value) -> Schedule {
    serde_json::from_value(json!({
        "id": "dr-ana",
        "timezone": "America/New_York",
        "availability": [{"rule": "DTSTART:20260101T000000\nRRULE:FREQ=DAILY", "end": "00:00"}],
        "slot": {"duration": "PT1H", "capacity": 1},
        "limits": limits
    }))
    .unwrap()
}

fn appointment(id: &str, start: &str, end: &str) -> Appointment {
    serde_json::from_value(json!({"id": id, "schedule": "dr-ana", "start": start, "end": end}))
        .unwrap()
}

fn engine(limits: Value, appointments: &[(&str, &str, &str)]) -> Engine {
    let mut e = Engine::new();
    e.add_schedule(doctor(limits)).unwrap();
    for (id, s, end) in appointments {
        e.add_appointment(appointment(id, s, end)).unwrap();
    }
    e
}

/// Every slot starting in `[from, to)` (seats 0) as `(start, remaining)`.
fn all(e: &Engine, from: &str, to: &str) -> Vec<(String, u32)> {
    let mut q = Query::new(t(from), t(to));
    q.seats = 0;
    let listed: Vec<(String, u32)> = e
        .availability(&q)
        .unwrap()
        .iter()
        .map(|s| (format_instant(s.start), s.remaining))
        .collect();
    // The stream and the columns say the same.
    let streamed: Vec<(String, u32)> = e
        .availability_stream(&q)
        .unwrap()
        .map(|s| (format_instant(s.start), s.remaining))
        .collect();
    assert_eq!(listed, streamed);
    let columns = e.availability_columns(&q).unwrap();
    let from_columns: Vec<(String, u32)> = (0..columns.len())
        .map(|i| (format_instant(columns.start[i]), columns.remaining[i]))
        .collect();
    assert_eq!(listed, from_columns);
    listed
}

/// The starts offered for one seat in `[from, to)`.
fn offered(e: &Engine, from: &str, to: &str) -> Vec<String> {
    e.availability(&Query::new(t(from), t(to)))
        .unwrap()
        .iter()
        .map(|s| format_instant(s.start))
        .collect()
}

fn limit_reasons(reasons: &[Reason]) -> Vec<&Reason> {
    reasons
        .iter()
        .filter(|r| matches!(r, Reason::LimitReached { .. }))
        .collect()
}

#[test]
fn a_full_day_leaves_no_seat_and_the_next_day_is_free() {
    // At most 2 a day; 2026-03-10 (EDT, UTC-4) holds two.
    let e = engine(
        json!([{"period": "day", "max_appointments": 2}]),
        &[
            ("a", "2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z"),
            ("b", "2026-03-10T15:00:00Z", "2026-03-10T16:00:00Z"),
        ],
    );
    // Local 2026-03-10 is [04:00Z, next day 04:00Z): nothing offered in it.
    assert!(offered(&e, "2026-03-10T04:00:00Z", "2026-03-11T04:00:00Z").is_empty());
    // Listed with seats 0: 24 slots, all with remaining 0, booked still told.
    let day = all(&e, "2026-03-10T04:00:00Z", "2026-03-11T04:00:00Z");
    assert_eq!(day.len(), 24);
    assert!(day.iter().all(|(_, r)| *r == 0));
    let q = Query {
        seats: 0,
        ..Query::new(t("2026-03-10T13:00:00Z"), t("2026-03-10T15:00:00Z"))
    };
    let booked: Vec<u32> = e
        .availability(&q)
        .unwrap()
        .iter()
        .map(|s| s.booked)
        .collect();
    assert_eq!(booked, vec![1, 0]);
    // The last slot of the day before and the first of the day after are free.
    assert_eq!(
        offered(&e, "2026-03-10T03:00:00Z", "2026-03-10T04:00:00Z"),
        vec!["2026-03-10T03:00:00Z"]
    );
    assert_eq!(
        offered(&e, "2026-03-11T04:00:00Z", "2026-03-11T05:00:00Z"),
        vec!["2026-03-11T04:00:00Z"]
    );
}

#[test]
fn a_day_of_23_hours_counts_by_local_date() {
    // 2026-03-08 in New York has 23 hours: [05:00Z, 2026-03-09T04:00Z).
    // A booking at 23:30 local on 03-07 (04:30Z on 03-08) counts for 03-07.
    let e = engine(
        json!([{"period": "day", "max_appointments": 1}]),
        &[("late", "2026-03-08T04:30:00Z", "2026-03-08T05:30:00Z")],
    );
    let day7 = all(&e, "2026-03-07T05:00:00Z", "2026-03-08T05:00:00Z");
    assert_eq!(day7.len(), 24);
    assert!(day7.iter().all(|(_, r)| *r == 0));
    // 03-08: 23 slots; the one at 00:00 local (05:00Z) overlaps `late` (booked,
    // remaining 0); the other 22 are free.
    let day8 = all(&e, "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z");
    assert_eq!(day8.len(), 23);
    assert_eq!(day8.iter().filter(|(_, r)| *r == 1).count(), 22);
    assert_eq!(
        day8.first().unwrap(),
        &("2026-03-08T05:00:00Z".to_owned(), 0)
    );
    // A booking on the short day fills exactly its 23 slots.
    let e = engine(
        json!([{"period": "day", "max_appointments": 1}]),
        &[("x", "2026-03-08T12:00:00Z", "2026-03-08T13:00:00Z")],
    );
    assert!(offered(&e, "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z").is_empty());
    assert_eq!(
        offered(&e, "2026-03-08T04:00:00Z", "2026-03-08T05:00:00Z"),
        vec!["2026-03-08T04:00:00Z"]
    );
    assert_eq!(
        offered(&e, "2026-03-09T04:00:00Z", "2026-03-09T05:00:00Z"),
        vec!["2026-03-09T04:00:00Z"]
    );
}

#[test]
fn a_day_of_25_hours_counts_all_its_hours() {
    // 2026-11-01 in New York has 25 hours: [04:00Z, 2026-11-02T05:00Z).
    let e = engine(
        json!([{"period": "day", "max_appointments": 1}]),
        &[("x", "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z")],
    );
    let day = all(&e, "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z");
    assert_eq!(day.len(), 25);
    assert!(day.iter().all(|(_, r)| *r == 0));
    // The slot at 23:00 local (04:00Z on 11-02) still belongs to 11-01.
    assert!(offered(&e, "2026-11-02T04:00:00Z", "2026-11-02T05:00:00Z").is_empty());
    assert_eq!(
        offered(&e, "2026-11-02T05:00:00Z", "2026-11-02T06:00:00Z"),
        vec!["2026-11-02T05:00:00Z"]
    );
}

#[test]
fn minutes_count_for_the_start_date_and_reaching_the_maximum_is_allowed() {
    // At most 120 minutes a day. A 2-hour booking from 23:00 local on 2026-04-14
    // (03:00Z..05:00Z on 04-15) counts 120 minutes for 04-14, none for 04-15.
    let e = engine(
        json!([{"period": "day", "max_minutes": 120}]),
        &[("night", "2026-04-15T03:00:00Z", "2026-04-15T05:00:00Z")],
    );
    // 04-14 local: [04:00Z, 04-15T04:00Z): 120 + 60 > 120 everywhere.
    assert!(offered(&e, "2026-04-14T04:00:00Z", "2026-04-15T04:00:00Z").is_empty());
    // 04-15 local from 04:00Z: the 04:00Z slot overlaps the booking, the rest free.
    let day15 = offered(&e, "2026-04-15T04:00:00Z", "2026-04-16T04:00:00Z");
    assert_eq!(day15.len(), 23);
    assert_eq!(day15.first().unwrap(), "2026-04-15T05:00:00Z");
    // 60 minutes booked + a 60-minute slot = 120: allowed (reaching it exactly).
    let e = engine(
        json!([{"period": "day", "max_minutes": 120}]),
        &[("one", "2026-04-15T14:00:00Z", "2026-04-15T15:00:00Z")],
    );
    assert_eq!(
        offered(&e, "2026-04-15T04:00:00Z", "2026-04-16T04:00:00Z").len(),
        23
    );
    // 61 minutes booked: 61 + 60 passes 120, nothing left that day.
    let e = engine(
        json!([{"period": "day", "max_minutes": 120}]),
        &[("one", "2026-04-15T14:00:00Z", "2026-04-15T15:01:00Z")],
    );
    assert!(offered(&e, "2026-04-15T04:00:00Z", "2026-04-16T04:00:00Z").is_empty());
}

#[test]
fn a_week_across_a_month_change_and_the_months_on_each_side() {
    // Week Monday 2026-03-30 .. Sunday 2026-04-05 (EDT: local midnight = 04:00Z).
    // One booking on Wednesday 2026-04-01.
    let booked = [("w", "2026-04-01T14:00:00Z", "2026-04-01T15:00:00Z")];
    let week = engine(json!([{"period": "week", "max_appointments": 1}]), &booked);
    // The whole week is full, March days included.
    assert!(offered(&week, "2026-03-30T04:00:00Z", "2026-04-06T04:00:00Z").is_empty());
    // Sunday 2026-03-29 and Monday 2026-04-06 are in other weeks.
    assert_eq!(
        offered(&week, "2026-03-30T03:00:00Z", "2026-03-30T04:00:00Z"),
        vec!["2026-03-30T03:00:00Z"]
    );
    assert_eq!(
        offered(&week, "2026-04-06T04:00:00Z", "2026-04-06T05:00:00Z"),
        vec!["2026-04-06T04:00:00Z"]
    );
    // By month: March is free, April is full.
    let month = engine(json!([{"period": "month", "max_appointments": 1}]), &booked);
    assert_eq!(
        offered(&month, "2026-03-30T04:00:00Z", "2026-04-01T04:00:00Z").len(),
        48
    );
    assert!(offered(&month, "2026-04-01T04:00:00Z", "2026-05-01T04:00:00Z").is_empty());
    assert_eq!(
        offered(&month, "2026-05-01T04:00:00Z", "2026-05-01T05:00:00Z"),
        vec!["2026-05-01T04:00:00Z"]
    );
}

#[test]
fn cancelled_appointments_do_not_count_and_seats_count_once() {
    let mut e = Engine::new();
    let mut s = doctor(json!([{"period": "day", "max_appointments": 2}]));
    s.slot.capacity = 5;
    e.add_schedule(s).unwrap();
    let mut a = appointment("big", "2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z");
    a.seats = 4;
    e.add_appointment(a).unwrap();
    let mut c = appointment("gone", "2026-03-10T15:00:00Z", "2026-03-10T16:00:00Z");
    c.status = slotwise::Status::Cancelled;
    e.add_appointment(c).unwrap();
    // One appointment counted (4 seats count once), the cancelled one not at all.
    assert_eq!(
        offered(&e, "2026-03-10T04:00:00Z", "2026-03-11T04:00:00Z").len(),
        24
    );
    e.add_appointment(appointment(
        "two",
        "2026-03-10T18:00:00Z",
        "2026-03-10T19:00:00Z",
    ))
    .unwrap();
    assert!(offered(&e, "2026-03-10T04:00:00Z", "2026-03-11T04:00:00Z").is_empty());
}

#[test]
fn check_booking_and_explain_name_the_limit() {
    let e = engine(
        json!([
            {"period": "week", "max_minutes": 600},
            {"period": "day", "max_appointments": 1}
        ]),
        &[("a", "2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z")],
    );
    let check = e
        .check_booking(
            &appointment("b", "2026-03-10T16:00:00Z", "2026-03-10T17:00:00Z"),
            &BookingRules::default(),
        )
        .unwrap();
    assert!(!check.fits);
    assert_eq!(check.slot.as_ref().unwrap().remaining, 0);
    assert_eq!(check.slot.as_ref().unwrap().booked, 0);
    match limit_reasons(&check.reasons).as_slice() {
        [Reason::LimitReached {
            index,
            period,
            period_start,
            max_appointments,
            appointments,
            minutes,
            ..
        }] => {
            assert_eq!(*index, 1);
            assert_eq!(*period, slotwise::LimitPeriod::Day);
            assert_eq!(period_start, "2026-03-10");
            assert_eq!(*max_appointments, Some(1));
            assert_eq!((*appointments, *minutes), (1, 60));
        }
        other => panic!("expected one limit reason, got {other:?}"),
    }
    let json = serde_json::to_value(&check).unwrap();
    assert_eq!(json["reasons"][0]["code"], "limit_reached");
    // Re-checking the booked appointment itself leaves it out of the count: fits.
    let again = e
        .check_booking(
            &appointment("a", "2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z"),
            &BookingRules::default(),
        )
        .unwrap();
    assert!(again.fits, "{:?}", again.reasons);
    // The next day fits.
    let next = e
        .check_booking(
            &appointment("b", "2026-03-11T16:00:00Z", "2026-03-11T17:00:00Z"),
            &BookingRules::default(),
        )
        .unwrap();
    assert!(next.fits);
    // explain says the same, with the limit in the summary.
    let x = e.explain("dr-ana", t("2026-03-10T16:30:00Z")).unwrap();
    assert!(!x.bookable);
    assert_eq!(limit_reasons(&x.slots[0].reasons).len(), 1);
    assert!(x.summary.contains("limits[1]"), "{}", x.summary);
    assert!(
        e.explain("dr-ana", t("2026-03-11T16:30:00Z"))
            .unwrap()
            .bookable
    );
}

#[test]
fn a_limit_needs_a_maximum_and_a_known_period() {
    let mut e = Engine::new();
    let err = e
        .add_schedule(doctor(
            json!([{"period": "day", "max_minutes": 60}, {"period": "week"}]),
        ))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(err.path(), "limits[1]");
    assert!(err.to_string().contains("max_appointments"), "{err}");
    assert_eq!(e.schedule_ids().count(), 0);
    let bad: Result<Schedule, _> = serde_json::from_value(json!({
        "id": "x", "timezone": "UTC", "availability": [],
        "slot": {"duration": "PT1H", "capacity": 1},
        "limits": [{"period": "year", "max_appointments": 1}]
    }));
    assert!(bad.is_err());
    let document = json!({
        "schedules": [{
            "id": "x", "timezone": "UTC", "availability": [],
            "slot": {"duration": "PT1H", "capacity": 1},
            "limits": [{"period": "day", "max_appointments": 1, "max_seats": 2}]
        }],
        "query": {"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}
    });
    let err = slotwise::AvailabilityRequest::from_json(
        &document.to_string(),
        &slotwise::Limits::default(),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(
        err.path().starts_with("schedules[0].limits[0]"),
        "{}",
        err.path()
    );
}

#[test]
fn snapshots_and_json_carry_the_limits() {
    let e = engine(
        json!([{"period": "month", "max_appointments": 3, "max_minutes": 240}]),
        &[("a", "2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z")],
    );
    let window = ("2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z");
    let before = all(&e, window.0, window.1);
    let opened = Engine::from_snapshot(&e.to_snapshot().unwrap()).unwrap();
    assert_eq!(
        opened.schedule("dr-ana").unwrap().limits,
        e.schedule("dr-ana").unwrap().limits
    );
    assert_eq!(all(&opened, window.0, window.1), before);
    let text = e.to_json().unwrap();
    assert!(text.contains("\"max_minutes\":240"), "{text}");
    let back = Engine::from_json(&text).unwrap();
    assert_eq!(all(&back, window.0, window.1), before);
    // Three bookings fill the month.
    let mut full = back;
    for (id, s, end) in [
        ("b", "2026-03-11T13:00:00Z", "2026-03-11T14:00:00Z"),
        ("c", "2026-03-12T13:00:00Z", "2026-03-12T14:00:00Z"),
    ] {
        full.add_appointment(appointment(id, s, end)).unwrap();
    }
    assert!(offered(&full, window.0, window.1).is_empty());
}
