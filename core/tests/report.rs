//! Engine::report checked by hand: local-midnight buckets on DST days, clipping at
//! the window's edges, rates with zero denominators, and limits. (The vectors in
//! tests/vectors/report/ hold a larger hand-checked case.)

use serde_json::{json, Value};
use slotwise::capacity::Appointment;
use slotwise::schedule::Schedule;
use slotwise::time::parse_instant;
use slotwise::{Bucket, Engine, ErrorCode, Limits, ReportRow, StatusCounts};

fn t(text: &str) -> i64 {
    parse_instant(text).unwrap()
}

fn engine(schedules: Value, appointments: Value) -> Engine {
    let schedules: Vec<Schedule> = serde_json::from_value(schedules).unwrap();
    let appointments: Vec<Appointment> = serde_json::from_value(appointments).unwrap();
    Engine::from_parts(schedules, appointments, Limits::default()).unwrap()
}

/// A New York kiosk open around the clock (each day's window ends at the next local
/// midnight; `P1D` would be 24 hours and leave a gap on the fall-back day), one seat.
fn kiosk() -> Value {
    json!({"id": "kiosk", "timezone": "America/New_York",
           "availability": [{"rule": "DTSTART:20260101T000000\nRRULE:FREQ=DAILY", "end": "00:00"}],
           "slot": {"duration": "PT1H", "capacity": 1}})
}

fn summary(rows: &[ReportRow]) -> Vec<(String, f64, f64)> {
    rows.iter()
        .map(|r| {
            (
                r.bucket_start.0.to_string(),
                r.offered_seat_minutes,
                r.booked_seat_minutes,
            )
        })
        .collect()
}

#[test]
fn the_fall_back_day_has_25_hours_and_starts_a_month() {
    // New York falls back on Sunday 2026-11-01 at 06:00Z (02:00 EDT -> 01:00 EST):
    // local 11-01 runs from 04:00Z to 11-02 05:00Z, 25 hours.
    let e = engine(
        json!([kiosk()]),
        json!([
            // 00:30-03:30 local through the repeated hour: 4 hours of elapsed time.
            {"id": "a", "schedule": "kiosk", "start": "2026-11-01T04:30:00Z", "end": "2026-11-01T08:30:00Z"},
            // Across local midnight 10-31/11-01 (04:00Z): 30 minutes each side.
            {"id": "b", "schedule": "kiosk", "start": "2026-11-01T03:30:00Z", "end": "2026-11-01T04:30:00Z", "status": "no_show"}
        ]),
    );
    let (from, to) = (t("2026-10-31T12:00:00Z"), t("2026-11-02T12:00:00Z"));
    let days = e.report(from, to, Bucket::Day).unwrap();
    assert_eq!(
        summary(&days),
        [
            // 12:00Z to 04:00Z: 16 hours, clipped at `from`.
            ("2026-10-31".into(), 16.0 * 60.0, 30.0),
            ("2026-11-01".into(), 25.0 * 60.0, 240.0 + 30.0),
            // 05:00Z to 12:00Z: 7 hours, clipped at `to`.
            ("2026-11-02".into(), 7.0 * 60.0, 0.0),
        ]
    );
    // `b` starts on 10-31 (23:30 EDT), `a` on 11-01.
    assert_eq!(days[0].appointments.no_show, 1);
    assert_eq!(days[0].no_show_rate, Some(1.0));
    assert_eq!(days[1].appointments.booked, 1);
    assert_eq!(days[1].no_show_rate, None);
    assert_eq!(days[1].utilization, Some(270.0 / 1500.0));
    let months = e.report(from, to, Bucket::Month).unwrap();
    assert_eq!(
        summary(&months),
        [
            ("2026-10-01".into(), 16.0 * 60.0, 30.0),
            ("2026-11-01".into(), 32.0 * 60.0, 270.0)
        ]
    );
    // Sunday 11-01 ends the week of Monday 10-26; Monday 11-02 starts the next.
    let weeks = e.report(from, to, Bucket::Week).unwrap();
    assert_eq!(
        summary(&weeks),
        [
            ("2026-10-26".into(), 41.0 * 60.0, 300.0),
            ("2026-11-02".into(), 7.0 * 60.0, 0.0)
        ]
    );
}

#[test]
fn rates_with_zero_denominators_are_null() {
    let e = engine(
        json!([
            {"id": "closed", "timezone": "UTC", "availability": [], "slot": {"duration": "PT1H", "capacity": 1}},
            {"id": "open", "timezone": "UTC",
             "availability": [{"rule": "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", "end": "10:00"}],
             "slot": {"duration": "PT1H", "capacity": 2}}
        ]),
        json!([
            {"id": "c", "schedule": "open", "start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:00:00Z", "status": "cancelled"},
            {"id": "x", "schedule": "closed", "start": "2026-03-03T09:00:00Z", "end": "2026-03-03T10:00:00Z", "status": "attended"}
        ]),
    );
    let rows = e
        .report(
            t("2026-03-02T00:00:00Z"),
            t("2026-03-04T00:00:00Z"),
            Bucket::Day,
        )
        .unwrap();
    let v = serde_json::to_value(&rows).unwrap();
    // Nothing offered: utilization null; an attended appointment all the same.
    assert_eq!(
        v[1],
        json!({"schedule": "closed", "bucket_start": "2026-03-03", "offered_seat_minutes": 0,
               "booked_seat_minutes": 0, "utilization": null,
               "appointments": {"booked": 0, "attended": 1, "no_show": 0, "cancelled": 0},
               "cancellation_rate": 0.0, "no_show_rate": 0.0})
    );
    // Only a cancellation: it holds no seat; no attended or no-show: no-show rate null.
    assert_eq!(
        v[2],
        json!({"schedule": "open", "bucket_start": "2026-03-02", "offered_seat_minutes": 120,
               "booked_seat_minutes": 0, "utilization": 0.0,
               "appointments": {"booked": 0, "attended": 0, "no_show": 0, "cancelled": 1},
               "cancellation_rate": 1.0, "no_show_rate": null})
    );
    // No appointment at all: both rates null.
    assert_eq!(rows[3].appointments, StatusCounts::default());
    assert_eq!(
        (rows[3].cancellation_rate, rows[3].no_show_rate),
        (None, None)
    );
    assert_eq!(rows[3].utilization, Some(0.0));
}

#[test]
fn exclusions_and_overbooking() {
    // 09:00-12:00 UTC, 2 seats; 10:00-11:00 excluded. Three overlapping bookings of
    // 2 seats over 09:30-11:30: the excluded hour is not offered, so it is not booked.
    let e = engine(
        json!([{"id": "r", "timezone": "UTC",
                "availability": [{"rule": "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", "end": "12:00"}],
                "slot": {"duration": "PT30M", "capacity": 2},
                "exclusions": [{"kind": "range", "from": "2026-03-02T10:00:00Z", "to": "2026-03-02T11:00:00Z"}]}]),
        json!([
            {"id": "a", "schedule": "r", "start": "2026-03-02T09:30:00Z", "end": "2026-03-02T11:30:00Z", "seats": 2},
            {"id": "b", "schedule": "r", "start": "2026-03-02T09:30:00Z", "end": "2026-03-02T11:30:00Z", "seats": 2}
        ]),
    );
    let rows = e
        .report(
            t("2026-03-02T00:00:00Z"),
            t("2026-03-03T00:00:00Z"),
            Bucket::Day,
        )
        .unwrap();
    // Offered: 2 hours x 2 seats. Booked: (30 + 30 minutes) x 4 seats.
    assert_eq!(summary(&rows), [("2026-03-02".into(), 240.0, 240.0)]);
    assert_eq!(rows[0].utilization, Some(1.0));
    let e = engine(
        json!([{"id": "r", "timezone": "UTC",
                "availability": [{"rule": "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", "end": "09:01:30"}],
                "slot": {"duration": "PT1M", "capacity": 1}}]),
        json!([{"id": "a", "schedule": "r", "start": "2026-03-02T09:00:00Z", "end": "2026-03-02T09:01:00Z", "seats": 3}]),
    );
    let rows = e
        .report(
            t("2026-03-02T00:00:00Z"),
            t("2026-03-03T00:00:00Z"),
            Bucket::Day,
        )
        .unwrap();
    // 90 seconds offered; 3 seat-minutes booked: overbooked, and fractions print.
    assert_eq!(summary(&rows), [("2026-03-02".into(), 1.5, 3.0)]);
    assert_eq!(rows[0].utilization, Some(2.0));
    assert_eq!(
        serde_json::to_value(&rows[0]).unwrap()["offered_seat_minutes"],
        json!(1.5)
    );
}

#[test]
fn a_skipped_day_has_no_row() {
    // Pacific/Apia skipped 2011-12-30 entirely.
    let e = engine(
        json!([{"id": "apia", "timezone": "Pacific/Apia", "availability": [],
                "slot": {"duration": "PT1H", "capacity": 1}}]),
        json!([]),
    );
    let rows = e
        .report(
            t("2011-12-29T10:00:00Z"),
            t("2011-12-31T10:00:00Z"),
            Bucket::Day,
        )
        .unwrap();
    let dates: Vec<String> = rows.iter().map(|r| r.bucket_start.0.to_string()).collect();
    assert_eq!(dates, ["2011-12-29", "2011-12-31"]);
}

#[test]
fn bad_windows_and_limits() {
    let e = engine(json!([kiosk()]), json!([]));
    let err = e.report(
        t("2026-03-02T00:00:00Z"),
        t("2026-03-02T00:00:00Z"),
        Bucket::Day,
    );
    assert_eq!(err.unwrap_err().code(), ErrorCode::InvalidWindow);
    let schedules: Vec<Schedule> = serde_json::from_value(json!([kiosk()])).unwrap();
    let small = Limits {
        max_slots: 100,
        ..Limits::default()
    };
    let e = Engine::from_parts(schedules, vec![], small).unwrap();
    let year = (t("2026-01-01T00:00:00Z"), t("2027-01-01T00:00:00Z"));
    let err = e.report(year.0, year.1, Bucket::Day).unwrap_err();
    assert_eq!(err.code(), ErrorCode::LimitExceeded);
    assert_eq!(e.report(year.0, year.1, Bucket::Week).unwrap().len(), 53);
    // 2026-01-01T00:00Z is still December 2025 in New York.
    let months = e.report(year.0, year.1, Bucket::Month).unwrap();
    assert_eq!(months.len(), 13);
    assert_eq!(months[0].bucket_start.0.to_string(), "2025-12-01");
    // The kiosk opens at its DTSTART, local 2026-01-01 00:00 (05:00Z).
    assert_eq!(months[0].offered_seat_minutes, 0.0);
    assert_eq!(months[1].offered_seat_minutes, 31.0 * 24.0 * 60.0);
}

const ZONES: [&str; 3] = ["Europe/Lisbon", "America/Sao_Paulo", "Asia/Kolkata"];
const STATUSES: [&str; 4] = ["booked", "attended", "no_show", "cancelled"];

#[test]
fn parallel_and_sequential_reports_are_identical() {
    let schedules: Vec<Value> = (0..24)
        .map(|i| {
            json!({"id": format!("s{i:02}"), "timezone": ZONES[i % 3],
                   "availability": [{"rule": "DTSTART:20260101T080000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "end": "17:00"}],
                   "slot": {"duration": "PT30M", "capacity": 1 + i % 4}})
        })
        .collect();
    let appointments: Vec<Value> = (0..500)
        .map(|n| {
            let start = t("2026-01-05T08:00:00Z") + (n * 7919 % (90 * 48)) * 1800;
            json!({"id": format!("a{n}"), "schedule": format!("s{:02}", n % 24),
                   "start": slotwise::time::format_instant(start),
                   "end": slotwise::time::format_instant(start + 1800),
                   "status": STATUSES[(n % 4) as usize]})
        })
        .collect();
    let mut e = engine(Value::Array(schedules), Value::Array(appointments));
    let (from, to) = (t("2026-01-01T00:00:00Z"), t("2026-05-01T00:00:00Z"));
    let parallel = e.report(from, to, Bucket::Week).unwrap();
    e.set_parallel(false);
    assert_eq!(parallel, e.report(from, to, Bucket::Week).unwrap());
    let counted: u32 = parallel.iter().map(|r| r.appointments.total()).sum();
    assert_eq!(counted, 500);
}

/// Booking limits do not change a report: a slot a limit blocks is still offered
/// time (the schedule is open; the limit caps what is accepted, not what is
/// offered), and booked time is the appointments as they are. So a doctor open
/// 09:00-17:00 with one appointment a day at most reports 480 offered minutes on a
/// day holding its one booking, utilization 60 / 480, not 60 / 60.
#[test]
fn booking_limits_leave_offered_and_booked_time_alone() {
    let doctor = |limits: Value| {
        json!({"id": "dr-ana", "timezone": "Europe/Lisbon",
               "availability": [{"rule": "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", "end": "17:00"}],
               "slot": {"duration": "PT1H", "capacity": 1},
               "limits": limits})
    };
    // Monday 2026-03-02 (WET, UTC+0): one booking 10:00-11:00, which reaches the
    // day's limit; every other slot of that day is blocked by it.
    let booking = json!([{"id": "a", "schedule": "dr-ana",
                          "start": "2026-03-02T10:00:00Z", "end": "2026-03-02T11:00:00Z"}]);
    let limited = engine(
        json!([doctor(json!([{"period": "day", "max_appointments": 1}]))]),
        booking.clone(),
    );
    let free = engine(json!([doctor(json!([]))]), booking);
    let (from, to) = (t("2026-03-02T00:00:00Z"), t("2026-03-04T00:00:00Z"));
    // The limit does block the rest of Monday's slots...
    let q = slotwise::Query::new(from, t("2026-03-03T00:00:00Z"));
    assert_eq!(limited.availability(&q).unwrap().len(), 0);
    assert_eq!(free.availability(&q).unwrap().len(), 7);
    // ...and the report is the same with or without it.
    let rows = limited.report(from, to, Bucket::Day).unwrap();
    assert_eq!(
        summary(&rows),
        [
            ("2026-03-02".into(), 480.0, 60.0),
            ("2026-03-03".into(), 480.0, 0.0)
        ]
    );
    assert_eq!(rows[0].utilization, Some(60.0 / 480.0));
    assert_eq!(rows, free.report(from, to, Bucket::Day).unwrap());
}
