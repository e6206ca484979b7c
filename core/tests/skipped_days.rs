//! Exact local dates where a zone skipped a whole day (Pacific/Apia 2011-12-30,
//! Pacific/Kiritimati 1994-12-31) and where a gap-shifted instance lands on another
//! one (BYHOUR=2,3 in New York on 2026-03-08): a window is dated by the date a clock
//! shows at its start, after the shift, and collapsed instances keep the written time
//! of the one that was not shifted. Checked in expansion, availability, overrides,
//! reports and reconcile; every expected instant is worked out by hand below.
//!
//! Apia: 2011-12-29 24:00 -10:00 (2011-12-30T10:00Z) became 2011-12-31 00:00 +14:00.
//! Kiritimati: 1994-12-30 24:00 -10:00 (1994-12-31T10:00Z) became 1995-01-01 00:00
//! +14:00. New York: 2026-03-08 02:00 EST (07:00Z) became 03:00 EDT.

use serde_json::{json, Value};
use slotwise::capacity::Appointment;
use slotwise::schedule::Schedule;
use slotwise::time::{format_instant, parse_instant};
use slotwise::{Bucket, Engine, ExistingSlot, Limits, Query, RecurrenceSet, ReportRow, Zone};

fn t(text: &str) -> i64 {
    parse_instant(text).unwrap()
}

fn engine(schedules: Value) -> Engine {
    let schedules: Vec<Schedule> = serde_json::from_value(schedules).unwrap();
    Engine::from_parts(schedules, Vec::<Appointment>::new(), Limits::default()).unwrap()
}

/// One-hour slots, one seat, from `rule` (a floating DTSTART and RRULE) ending at
/// local time `end`, with `overrides`.
fn schedule(zone: &str, rule: &str, end: &str, overrides: Value) -> Value {
    json!({"id": "s", "timezone": zone,
           "availability": [{"rule": rule, "end": end}],
           "overrides": overrides,
           "slot": {"duration": "PT1H", "capacity": 1}})
}

/// The starts of the slots in `[from, to)`, as RFC 3339 UTC.
fn starts(e: &Engine, from: &str, to: &str) -> Vec<String> {
    e.availability(&Query::new(t(from), t(to)))
        .unwrap()
        .iter()
        .map(|s| format_instant(s.start))
        .collect()
}

/// Every hour from `from` (inclusive) to `to` (exclusive), as RFC 3339 UTC.
fn hours(from: &str, to: &str) -> Vec<String> {
    (t(from)..t(to)).step_by(3600).map(format_instant).collect()
}

fn concat(parts: &[Vec<String>]) -> Vec<String> {
    parts.concat()
}

/// The local wall-clock time an occurrence was written at, as `YYYY-MM-DDTHH:MM`.
fn written(wall: i64) -> String {
    format_instant(wall).trim_end_matches(":00Z").to_owned()
}

/// `(instant, written local time)` of each instance of `ical` (floating in `zone`).
fn occurrences(ical: &str, zone: &str, from: &str, to: &str) -> Vec<(String, String)> {
    let set = RecurrenceSet::parse_in(ical, Zone::parse(zone).unwrap()).unwrap();
    set.occurrences_between(t(from), t(to), None, &Limits::default())
        .unwrap()
        .into_iter()
        .map(|o| (format_instant(o.instant), written(o.wall)))
        .collect()
}

// ---- expansion ----

#[test]
fn apia_the_skipped_days_instance_collapses_into_the_next_days() {
    // 09:00 on 12-30 is shifted by the 24-hour gap to 12-31 09:00 +14 (12-30T19:00Z),
    // the instant of 12-31's own 09:00: one instance, written 12-31 09:00.
    let got = occurrences(
        "DTSTART:20111228T090000\nRRULE:FREQ=DAILY",
        "Pacific/Apia",
        "2011-12-28T00:00:00Z",
        "2012-01-01T00:00:00Z",
    );
    let want = [
        ("2011-12-28T19:00:00Z", "2011-12-28T09:00"),
        ("2011-12-29T19:00:00Z", "2011-12-29T09:00"),
        ("2011-12-30T19:00:00Z", "2011-12-31T09:00"),
        ("2011-12-31T19:00:00Z", "2012-01-01T09:00"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
}

#[test]
fn kiritimati_a_weekly_instance_on_the_skipped_day_moves_to_the_next_day() {
    // 1994-12-31 was a Saturday; its 09:00 is shifted to 1995-01-01 09:00 +14
    // (1994-12-31T19:00Z) and collides with nothing, so it keeps its written time.
    let got = occurrences(
        "DTSTART:19941224T090000\nRRULE:FREQ=WEEKLY;BYDAY=SA",
        "Pacific/Kiritimati",
        "1994-12-24T00:00:00Z",
        "1995-01-08T00:00:00Z",
    );
    let want = [
        ("1994-12-24T19:00:00Z", "1994-12-24T09:00"),
        ("1994-12-31T19:00:00Z", "1994-12-31T09:00"),
        ("1995-01-06T19:00:00Z", "1995-01-07T09:00"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
}

#[test]
fn new_york_byhour_2_3_keeps_the_written_three_oclock() {
    // 03-07: 02:00 and 03:00 EST (07:00Z, 08:00Z). 03-08: 02:00 is in the gap and is
    // shifted to 03:00 EDT (07:00Z), the instant of 03:00 itself: one instance,
    // written 03:00. 03-09: 02:00 and 03:00 EDT (06:00Z, 07:00Z).
    let ical = "DTSTART:20260307T020000\nRRULE:FREQ=DAILY;BYHOUR=2,3";
    let want = [
        ("2026-03-07T07:00:00Z", "2026-03-07T02:00"),
        ("2026-03-07T08:00:00Z", "2026-03-07T03:00"),
        ("2026-03-08T07:00:00Z", "2026-03-08T03:00"),
        ("2026-03-09T06:00:00Z", "2026-03-09T02:00"),
        ("2026-03-09T07:00:00Z", "2026-03-09T03:00"),
    ]
    .map(|(a, b)| (a.to_owned(), b.to_owned()));
    let window = ("2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z");
    assert_eq!(
        occurrences(ical, "America/New_York", window.0, window.1),
        want
    );
    // The same through the lazy iterator, and with the hours as two rules or as a
    // rule and an RDATE: the unshifted written time wins whichever source has it.
    let set = RecurrenceSet::parse_in(ical, Zone::parse("America/New_York").unwrap()).unwrap();
    let lazy: Vec<_> = set
        .iter_from(t(window.0))
        .take(5)
        .map(|o| (format_instant(o.instant), written(o.wall)))
        .collect();
    assert_eq!(lazy, want);
    for two in [
        "DTSTART:20260307T020000\nRRULE:FREQ=DAILY;BYHOUR=2\nRRULE:FREQ=DAILY;BYHOUR=3",
        "DTSTART:20260307T020000\nRRULE:FREQ=DAILY;BYHOUR=3\nRRULE:FREQ=DAILY;BYHOUR=2",
        "DTSTART:20260307T020000\nRRULE:FREQ=DAILY;BYHOUR=2;COUNT=3\nRDATE:20260307T030000,20260308T030000,20260309T030000",
    ] {
        assert_eq!(occurrences(two, "America/New_York", window.0, window.1), want, "{two}");
        let set = RecurrenceSet::parse_in(two, Zone::parse("America/New_York").unwrap()).unwrap();
        let lazy: Vec<_> = set
            .iter_from(t(window.0))
            .take(5)
            .map(|o| (format_instant(o.instant), written(o.wall)))
            .collect();
        assert_eq!(lazy, want, "{two}");
    }
    // RDATEs alone: 02:00 and 03:00 on 03-08 are one instance, written 03:00.
    assert_eq!(
        occurrences(
            "DTSTART:20260308T020000\nRDATE:20260308T030000",
            "America/New_York",
            window.0,
            window.1
        ),
        [(
            "2026-03-08T07:00:00Z".to_owned(),
            "2026-03-08T03:00".to_owned()
        )]
    );
}

// ---- availability ----

/// Around the clock: each day's window opens at 00:00 and ends at the next 00:00.
const ALL_DAY: &str = "00:00";

#[test]
fn apia_a_24_hour_window_on_the_skipped_day_leaves_no_hole() {
    // Windows [12-29 00:00 -10, 12-31 00:00 +14) = [12-29T10Z, 12-30T10Z) and
    // [12-31 00:00, 01-01 00:00 +14) = [12-30T10Z, 12-31T10Z): one run.
    let e = engine(json!([schedule(
        "Pacific/Apia",
        "DTSTART:20111228T000000\nRRULE:FREQ=DAILY",
        ALL_DAY,
        json!([])
    )]));
    assert_eq!(
        starts(&e, "2011-12-29T10:00:00Z", "2011-12-31T10:00:00Z"),
        hours("2011-12-29T10:00:00Z", "2011-12-31T10:00:00Z")
    );
}

#[test]
fn kiritimati_a_24_hour_window_on_the_skipped_day_leaves_no_hole() {
    // [12-30 00:00 -10, 01-01 00:00 +14) = [12-30T10Z, 12-31T10Z), then
    // [01-01 00:00, 01-02 00:00 +14) = [12-31T10Z, 01-01T10Z).
    let e = engine(json!([schedule(
        "Pacific/Kiritimati",
        "DTSTART:19941228T000000\nRRULE:FREQ=DAILY",
        ALL_DAY,
        json!([])
    )]));
    assert_eq!(
        starts(&e, "1994-12-30T10:00:00Z", "1995-01-01T10:00:00Z"),
        hours("1994-12-30T10:00:00Z", "1995-01-01T10:00:00Z")
    );
}

/// Apia, 22:00 to 02:00 every night: 12-28 22:00 -10 (12-29T08Z) to 02:00 (12Z);
/// 12-29 22:00 -10 (12-30T08Z) to 12-30 02:00, which is shifted to 12-31 02:00 +14
/// (12-30T12Z); 12-31 22:00 +14 (12-31T08Z) to 01-01 02:00 (12Z); 01-01 22:00
/// (01-01T08Z) to 02:00 (12Z). The written 12-30 22:00 is the 12-31 22:00 instance.
fn apia_nights() -> Vec<String> {
    concat(&[
        hours("2011-12-29T08:00:00Z", "2011-12-29T12:00:00Z"),
        hours("2011-12-30T08:00:00Z", "2011-12-30T12:00:00Z"),
        hours("2011-12-31T08:00:00Z", "2011-12-31T12:00:00Z"),
        hours("2012-01-01T08:00:00Z", "2012-01-01T12:00:00Z"),
    ])
}

fn apia_night_schedule(overrides: Value) -> Value {
    schedule(
        "Pacific/Apia",
        "DTSTART:20111228T220000\nRRULE:FREQ=DAILY",
        "02:00",
        overrides,
    )
}

#[test]
fn apia_the_night_window_dated_after_the_skipped_day_is_kept() {
    let e = engine(json!([apia_night_schedule(json!([]))]));
    assert_eq!(
        starts(&e, "2011-12-29T00:00:00Z", "2012-01-02T00:00:00Z"),
        apia_nights()
    );
}

#[test]
fn kiritimati_the_night_window_dated_after_the_skipped_day_is_kept() {
    // 12-29 22:00 -10 (12-30T08Z) to 12-30 02:00 (12Z); 12-30 22:00 -10 (12-31T08Z)
    // to 12-31 02:00, shifted to 01-01 02:00 +14 (12-31T12Z); the written 12-31
    // 22:00 is 01-01 22:00 +14 (01-01T08Z), to 01-02 02:00 (12Z).
    let e = engine(json!([schedule(
        "Pacific/Kiritimati",
        "DTSTART:19941229T220000\nRRULE:FREQ=DAILY",
        "02:00",
        json!([])
    )]));
    assert_eq!(
        starts(&e, "1994-12-30T00:00:00Z", "1995-01-02T00:00:00Z"),
        concat(&[
            hours("1994-12-30T08:00:00Z", "1994-12-30T12:00:00Z"),
            hours("1994-12-31T08:00:00Z", "1994-12-31T12:00:00Z"),
            hours("1995-01-01T08:00:00Z", "1995-01-01T12:00:00Z"),
        ])
    );
}

/// New York, BYHOUR=2,3 ending at 03:00: the 02:00 window lasts to 03:00 and the
/// 03:00 one (an end not after its written start) to the next day's 03:00, so the
/// schedule is open around the clock. On 03-08 the one instance at 07:00Z is the
/// written 03:00, whose window runs to 03-09 03:00 EDT (07:00Z).
fn new_york_collision() -> Value {
    schedule(
        "America/New_York",
        "DTSTART:20260307T020000\nRRULE:FREQ=DAILY;BYHOUR=2,3",
        "03:00",
        json!([]),
    )
}

#[test]
fn new_york_the_collapsed_instance_keeps_its_24_hour_window() {
    let e = engine(json!([new_york_collision()]));
    assert_eq!(
        starts(&e, "2026-03-08T00:00:00Z", "2026-03-09T12:00:00Z"),
        hours("2026-03-08T00:00:00Z", "2026-03-09T12:00:00Z")
    );
}

// ---- overrides ----

/// Apia, Fridays 09:00 to 12:00. Friday 2011-12-30 was skipped: its window starts
/// at 12-31 09:00 +14 (12-30T19Z) and ends at 12:00 (22Z), dated 12-31.
fn apia_fridays(overrides: Value) -> Engine {
    engine(json!([schedule(
        "Pacific/Apia",
        "DTSTART:20111223T090000\nRRULE:FREQ=WEEKLY;BYDAY=FR",
        "12:00",
        overrides
    )]))
}

#[test]
fn apia_an_override_on_the_day_after_the_skipped_one_replaces_its_window() {
    let window = ("2011-12-30T00:00:00Z", "2011-12-31T00:00:00Z");
    let open = apia_fridays(json!([]));
    assert_eq!(
        starts(&open, window.0, window.1),
        hours("2011-12-30T19:00:00Z", "2011-12-30T22:00:00Z")
    );
    let day_off = apia_fridays(json!([{"date": "2011-12-31", "windows": []}]));
    assert_eq!(starts(&day_off, window.0, window.1), Vec::<String>::new());
    // The skipped date holds no window, so an override of it replaces nothing.
    let skipped = apia_fridays(json!([{"date": "2011-12-30", "windows": []}]));
    assert_eq!(
        starts(&skipped, window.0, window.1),
        starts(&open, window.0, window.1)
    );
    let shorter = apia_fridays(json!([{"date": "2011-12-31", "windows": [["10:00", "11:00"]]}]));
    assert_eq!(
        starts(&shorter, window.0, window.1),
        ["2011-12-30T20:00:00Z"]
    );
}

#[test]
fn kiritimati_an_override_on_the_day_after_the_skipped_one_replaces_its_window() {
    // Saturday 1994-12-31 09:00-12:00 starts at 1995-01-01 09:00 +14 (12-31T19Z).
    let fridays = |overrides: Value| {
        engine(json!([schedule(
            "Pacific/Kiritimati",
            "DTSTART:19941224T090000\nRRULE:FREQ=WEEKLY;BYDAY=SA",
            "12:00",
            overrides
        )]))
    };
    let window = ("1994-12-31T00:00:00Z", "1995-01-01T00:00:00Z");
    assert_eq!(
        starts(&fridays(json!([])), window.0, window.1),
        hours("1994-12-31T19:00:00Z", "1994-12-31T22:00:00Z")
    );
    let day_off = fridays(json!([{"date": "1995-01-01", "windows": []}]));
    assert_eq!(starts(&day_off, window.0, window.1), Vec::<String>::new());
}

#[test]
fn an_override_night_window_on_a_skipped_date_ends_on_the_date_it_starts() {
    // Apia, an override of 12-30 (skipped) with 22:00-02:00: its start is shifted
    // to 12-31 22:00 +14 (12-31T08Z), so it ends 01-01 02:00 (12-31T12Z), the
    // end on the date of the start.
    let e = engine(json!([schedule(
        "Pacific/Apia",
        "DTSTART:20111201T090000\nRRULE:FREQ=YEARLY;BYMONTH=6",
        "10:00",
        json!([{"date": "2011-12-30", "windows": [["22:00", "02:00"]]}])
    )]));
    assert_eq!(
        starts(&e, "2011-12-29T00:00:00Z", "2012-01-02T00:00:00Z"),
        hours("2011-12-31T08:00:00Z", "2011-12-31T12:00:00Z")
    );
}

// ---- reports ----

fn offered(rows: &[ReportRow]) -> Vec<(String, f64)> {
    rows.iter()
        .map(|r| (r.bucket_start.0.to_string(), r.offered_seat_minutes))
        .collect()
}

#[test]
fn reports_count_the_minutes_after_a_skipped_day() {
    let apia = engine(json!([schedule(
        "Pacific/Apia",
        "DTSTART:20111228T000000\nRRULE:FREQ=DAILY",
        ALL_DAY,
        json!([])
    )]));
    // Local 12-29 is [12-29T10Z, 12-30T10Z), 12-31 is [12-30T10Z, 12-31T10Z); 12-30
    // has no instant and no row.
    let rows = apia
        .report(
            t("2011-12-29T10:00:00Z"),
            t("2011-12-31T10:00:00Z"),
            Bucket::Day,
        )
        .unwrap();
    assert_eq!(
        offered(&rows),
        [("2011-12-29".into(), 1440.0), ("2011-12-31".into(), 1440.0)]
    );
    let nights = engine(json!([apia_night_schedule(json!([]))]));
    // Local 12-29 holds 12-29T08-10Z (2 h, from 12-28's window) and 12-30T08-10Z
    // (2 h); 12-31 holds 12-30T10-12Z and 12-31T08-10Z; 01-01 the rest.
    let rows = nights
        .report(
            t("2011-12-29T00:00:00Z"),
            t("2012-01-02T00:00:00Z"),
            Bucket::Day,
        )
        .unwrap();
    let hours_of = |date: &str| {
        offered(&rows)
            .into_iter()
            .find(|(d, _)| d == date)
            .map(|(_, m)| m / 60.0)
    };
    assert_eq!(hours_of("2011-12-29"), Some(4.0));
    assert_eq!(hours_of("2011-12-30"), None);
    assert_eq!(hours_of("2011-12-31"), Some(4.0));
    assert_eq!(hours_of("2012-01-01"), Some(4.0));
    let kiritimati = engine(json!([schedule(
        "Pacific/Kiritimati",
        "DTSTART:19941228T000000\nRRULE:FREQ=DAILY",
        ALL_DAY,
        json!([])
    )]));
    let rows = kiritimati
        .report(
            t("1994-12-30T10:00:00Z"),
            t("1995-01-01T10:00:00Z"),
            Bucket::Day,
        )
        .unwrap();
    assert_eq!(
        offered(&rows),
        [("1994-12-30".into(), 1440.0), ("1995-01-01".into(), 1440.0)]
    );
}

#[test]
fn reports_count_the_window_of_a_collapsed_instance() {
    // New York's 03-08 is 23 hours, [03-08T05Z, 03-09T04Z), open throughout.
    let e = engine(json!([new_york_collision()]));
    let rows = e
        .report(
            t("2026-03-08T05:00:00Z"),
            t("2026-03-09T04:00:00Z"),
            Bucket::Day,
        )
        .unwrap();
    assert_eq!(offered(&rows), [("2026-03-08".into(), 23.0 * 60.0)]);
}

// ---- reconcile ----

/// The stored form of one-hour, one-seat slots of schedule `s` at `starts`.
fn stored(starts: &[String]) -> Vec<ExistingSlot> {
    starts
        .iter()
        .map(|s| ExistingSlot {
            key: format!("s@{s}"),
            schedule: "s".into(),
            start: t(s),
            end: t(s) + 3600,
            capacity: 1,
        })
        .collect()
}

#[test]
fn reconcile_keeps_the_slots_after_a_skipped_day_and_a_collision() {
    let cases = [
        (
            engine(json!([apia_night_schedule(json!([]))])),
            ("2011-12-29T00:00:00Z", "2012-01-02T00:00:00Z"),
            apia_nights(),
        ),
        (
            engine(json!([schedule(
                "Pacific/Kiritimati",
                "DTSTART:19941228T000000\nRRULE:FREQ=DAILY",
                ALL_DAY,
                json!([])
            )])),
            ("1994-12-30T10:00:00Z", "1995-01-01T10:00:00Z"),
            hours("1994-12-30T10:00:00Z", "1995-01-01T10:00:00Z"),
        ),
        (
            engine(json!([new_york_collision()])),
            ("2026-03-08T00:00:00Z", "2026-03-09T12:00:00Z"),
            hours("2026-03-08T00:00:00Z", "2026-03-09T12:00:00Z"),
        ),
    ];
    for (e, (from, to), slots) in cases {
        let plan = e.reconcile(t(from), t(to), &stored(&slots)).unwrap();
        assert!(!plan.has_changes(), "{from}: {plan:?}");
        assert!(plan.conflicts.is_empty(), "{from}");
        assert_eq!(plan.unchanged, slots.len(), "{from}");
        // From nothing stored, it creates exactly those slots.
        let plan = e.reconcile(t(from), t(to), &[]).unwrap();
        let created: Vec<String> = plan
            .create
            .iter()
            .map(|s| format_instant(s.start))
            .collect();
        assert_eq!(created, slots, "{from}");
    }
}
