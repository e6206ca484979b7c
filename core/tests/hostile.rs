//! Hostile input: the shapes that hang or exhaust other recurrence libraries, and
//! every resource limit, each answered at once with an answer or an error.
//! No timing assertions: each case only has to finish (the suite runs in debug).
//! Related bounded-work tests live in dst.rs (never-matching rules over 1900..9999,
//! the instance ceiling) and rfc5545_examples.rs (forbidden combinations).

mod common;

use chrono::{Datelike, NaiveDate, Weekday};
use common::{at_time, expand_ok, utc, utcs};
use serde_json::json;
use slotwise::{Bucket, Engine, Error, ErrorCode, Limits, Query, RecurrenceSet, Zone};

/// The widest window: 0001-01-01 to the end of 9999.
fn all_time() -> (i64, i64) {
    (utc("0001-01-01T00:00:00Z"), utc("9999-12-31T23:59:59Z") + 1)
}

fn expand_err(ical: &str, from: i64, to: i64, limit: Option<usize>) -> Error {
    match slotwise::expand(ical, from, to, limit) {
        Ok(v) => panic!("{ical}: expected an error, got {} instants", v.len()),
        Err(e) => e,
    }
}

fn assert_limit(e: &Error, limit: &str) {
    assert_eq!(e.code(), ErrorCode::LimitExceeded, "{e}");
    assert!(e.message().contains(&format!("{limit}: ")), "{e}");
}

#[test]
fn interval_zero_is_rejected() {
    for freq in ["SECONDLY", "HOURLY", "DAILY", "YEARLY"] {
        let ical = format!("DTSTART:20260101T000000Z\nRRULE:FREQ={freq};INTERVAL=0");
        let e = RecurrenceSet::parse(&ical).expect_err("INTERVAL=0");
        assert_eq!(e.code(), ErrorCode::InvalidRule, "{e}");
    }
}

#[test]
fn rules_that_never_match_are_empty() {
    let (from, to) = all_time();
    for rule in [
        // BYSETPOS over sets that are always empty, or always too small.
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30;BYSETPOS=1",
        "FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2",
        "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31;BYSETPOS=-1",
        // Sub-daily periods hold a fixed number of instances: a position past it never
        // matches (the first found by the expand fuzz target, a 10-second timeout).
        "FREQ=SECONDLY;BYSECOND=0,30;BYSETPOS=5",
        "FREQ=MINUTELY;BYSECOND=0,30;BYSETPOS=3,-3",
        "FREQ=HOURLY;BYMINUTE=0;BYSECOND=0;BYSETPOS=-2",
        // HOURLY with an even INTERVAL from an even hour never reaches an odd one.
        "FREQ=HOURLY;INTERVAL=2;BYHOUR=1,3,5,7,9,11,13,15,17,19,21,23",
        "FREQ=MINUTELY;INTERVAL=120;BYHOUR=3",
        // Sub-daily rules whose day filters never match.
        "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MINUTELY;INTERVAL=7;BYMONTH=4;BYMONTHDAY=31;BYHOUR=1",
        "FREQ=HOURLY;INTERVAL=5;BYMONTH=11;BYMONTHDAY=31",
        // Every two weeks from a Friday, never on a Thursday.
        "FREQ=MINUTELY;INTERVAL=20160;BYDAY=TH",
        "FREQ=DAILY;INTERVAL=14;BYDAY=TH",
        // ISO week 53 never falls in January... of a year whose 53rd week is there.
        "FREQ=YEARLY;BYWEEKNO=53;BYMONTH=3",
    ] {
        let ical = format!("DTSTART:20260102T000000Z\nRRULE:{rule}");
        assert_eq!(expand_ok(&ical, from, to, None), [0i64; 0], "{ical}");
    }
}

#[test]
fn dtstart_in_year_one_and_9999() {
    let (from, to) = all_time();
    let first = "DTSTART:00010101T000000Z\nRRULE:FREQ=YEARLY;COUNT=3";
    assert_eq!(
        expand_ok(first, from, to, None),
        utcs(&[
            "0001-01-01T00:00:00Z",
            "0002-01-01T00:00:00Z",
            "0003-01-01T00:00:00Z"
        ])
    );
    let first = "DTSTART:00010101T000000Z\nRRULE:FREQ=DAILY";
    assert_eq!(expand_ok(first, from, to, Some(2)), [from, from + 86_400]);
    // A zone far west of UTC: the first local day starts before any instant there is.
    let first =
        "DTSTART;TZID=America/Los_Angeles:00010101T000000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1";
    // The last day of January, February and March of the year 1, local midnight
    // (chrono-tz: Los Angeles' local mean time then).
    assert_eq!(
        expand_ok(first, from, to, Some(3)),
        at_time(
            "America/Los_Angeles",
            "00:00",
            &["0001-01-31", "0001-02-28", "0001-03-31"]
        )
    );
    let last = "DTSTART:99991231T235959Z\nRRULE:FREQ=SECONDLY";
    assert_eq!(expand_ok(last, from, to, None), [to - 1]);
    // UTC+14: local times run on into the year 10000 while their instants are in 9999.
    let last = "DTSTART;TZID=Pacific/Kiritimati:99991231T230000\nRRULE:FREQ=HOURLY";
    // 23:00 +14 is 09:00Z: every hour from there to 23:00Z.
    let hours: Vec<i64> = (0..15)
        .map(|h| utc("9999-12-31T09:00:00Z") + h * 3600)
        .collect();
    assert_eq!(expand_ok(last, from, to, None), hours);
    let last = "DTSTART:99991231T000000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29";
    assert!(expand_ok(last, from, to, None).is_empty());
}

#[test]
fn until_before_dtstart_is_empty() {
    let (from, to) = all_time();
    for ical in [
        "DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY;UNTIL=20251231T000000Z",
        "DTSTART:20260101T000000Z\nRRULE:FREQ=SECONDLY;UNTIL=20251231T235959Z",
        "DTSTART;TZID=Europe/Lisbon:20260101T090000\nRRULE:FREQ=WEEKLY;UNTIL=00010101",
    ] {
        assert!(expand_ok(ical, from, to, None).is_empty(), "{ical}");
    }
}

#[test]
fn huge_count_queried_far_away() {
    // A COUNT rule walks from DTSTART: 3.3 million days to reach 9000, under the
    // walk bound (ten times max_instances).
    let (from, to) = (utc("9000-01-01T00:00:00Z"), utc("9000-02-01T00:00:00Z"));
    let ical = "DTSTART:00010101T000000Z\nRRULE:FREQ=DAILY;COUNT=4000000000";
    let days: Vec<i64> = (0..31).map(|d| from + d * 86_400).collect();
    assert_eq!(expand_ok(ical, from, to, None), days);
    // Past the bound it is limit_exceeded, not a long walk.
    let set = RecurrenceSet::parse(ical).unwrap();
    let small = Limits {
        max_instances: 1_000,
        ..Limits::DEFAULT
    };
    assert_limit(
        &set.between(from, to, None, &small).unwrap_err(),
        "max_instances",
    );
    assert_limit(
        &set.between(from, to, Some(1), &small).unwrap_err(),
        "max_instances",
    );
}

#[test]
fn windows_from_year_one_to_9999() {
    let (from, to) = all_time();
    let ical = "DTSTART:20260101T090000Z\nRRULE:FREQ=YEARLY;BYMONTH=6;BYDAY=-1FR";
    // The last Friday of June, counted back from June 30 with chrono.
    let fridays: Vec<i64> = (2026..=9999)
        .map(|y| {
            let mut d = NaiveDate::from_ymd_opt(y, 6, 30).unwrap();
            while d.weekday() != Weekday::Fri {
                d = d.pred_opt().unwrap();
            }
            d.and_hms_opt(9, 0, 0).unwrap().and_utc().timestamp()
        })
        .collect();
    assert_eq!(expand_ok(ical, from, to, None), fridays);
    let ical = "DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY";
    let days: Vec<i64> = (0..5)
        .map(|d| utc("2026-01-01T09:00:00Z") + d * 86_400)
        .collect();
    assert_eq!(expand_ok(ical, from, to, Some(5)), days);
    // Past either end, or reversed: invalid_window.
    for (a, b) in [(from - 1, to), (from, to + 1), (to, from), (from, from)] {
        assert_eq!(
            expand_err(ical, a, b, None).code(),
            ErrorCode::InvalidWindow
        );
    }
    let short = Limits {
        max_window_seconds: 86_400,
        ..Limits::DEFAULT
    };
    let e = RecurrenceSet::parse(ical)
        .unwrap()
        .between(from, from + 86_401, None, &short)
        .unwrap_err();
    assert_limit(&e, "max_window_seconds");
}

#[test]
fn secondly_without_a_limit_is_limit_exceeded() {
    let (from, to) = all_time();
    let ical = "DTSTART:20260101T000000Z\nRRULE:FREQ=SECONDLY";
    assert_limit(&expand_err(ical, from, to, None), "max_instances");
    let t = utc("2026-01-01T00:00:00Z");
    assert_eq!(expand_ok(ical, from, to, Some(3)), [t, t + 1, t + 2]);
}

#[test]
fn giant_by_lists_answer() {
    let (from, to) = all_time();
    let days: Vec<String> = (0..20_000).map(|i| (i % 31 + 1).to_string()).collect();
    let ical = format!(
        "DTSTART:20260101T000000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY={}",
        days.join(",")
    );
    // Each day once: January's 31 and February's 28.
    let days: Vec<i64> = (0..59)
        .map(|d| utc("2026-01-01T00:00:00Z") + d * 86_400)
        .collect();
    assert_eq!(
        expand_ok(
            &ical,
            utc("2026-01-01T00:00:00Z"),
            utc("2026-03-01T00:00:00Z"),
            None
        ),
        days
    );
    // Every second of the day from a DAILY rule: 86,400 times of day, with a limit.
    let list = |n: u32| (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    let ical = format!(
        "DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY;BYHOUR={};BYMINUTE={};BYSECOND={}",
        list(24),
        list(60),
        list(60)
    );
    let t = utc("2026-01-01T00:00:00Z");
    assert_eq!(
        expand_ok(&ical, from, to, Some(10)),
        (t..t + 10).collect::<Vec<_>>()
    );
    let year_days: Vec<String> = (1..=366)
        .flat_map(|d| [d.to_string(), format!("-{d}")])
        .collect();
    let ical = format!(
        "DTSTART:20260101T000000Z\nRRULE:FREQ=YEARLY;BYYEARDAY={};BYSETPOS=-1,1,200",
        year_days.join(",")
    );
    // Every day of 2026 is in the set: positions 1, 200 (day 200 is 07-19) and -1.
    assert_eq!(
        expand_ok(
            &ical,
            utc("2026-01-01T00:00:00Z"),
            utc("2027-01-01T00:00:00Z"),
            None
        ),
        utcs(&[
            "2026-01-01T00:00:00Z",
            "2026-07-19T00:00:00Z",
            "2026-12-31T00:00:00Z"
        ])
    );
}

#[test]
fn text_over_max_input_bytes() {
    let small = Limits {
        max_input_bytes: 64,
        ..Limits::DEFAULT
    };
    let ical = "DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY;BYHOUR=1,2,3,4,5,6,7,8,9,10,11,12";
    let e = RecurrenceSet::parse_with(ical, Zone::UTC, &small).unwrap_err();
    assert_limit(&e, "max_input_bytes");
    assert!(RecurrenceSet::parse_with(DAILY, Zone::UTC, &small).is_ok());
    let e = Engine::from_json_with(&format!("{{\"schedules\": [], {}}}", " ".repeat(64)), small)
        .unwrap_err();
    assert_limit(&e, "max_input_bytes");
    // A schedule's rule is input text too.
    let mut engine = Engine::with_limits(small);
    let e = engine.add_schedule(schedule("a", ical)).unwrap_err();
    assert_limit(&e, "max_input_bytes");
    assert_eq!(e.path(), "availability[0].rule");
}

fn schedule(id: &str, rule: &str) -> slotwise::Schedule {
    serde_json::from_value(json!({
        "id": id, "timezone": "UTC",
        "availability": [{"rule": rule, "duration": "PT1H"}],
        "slot": {"duration": "PT30M", "capacity": 1}
    }))
    .unwrap()
}

fn appointment(id: &str, schedule: &str) -> slotwise::Appointment {
    serde_json::from_value(json!({
        "id": id, "schedule": schedule,
        "start": "2026-01-01T09:00:00Z", "end": "2026-01-01T09:30:00Z"
    }))
    .unwrap()
}

const DAILY: &str = "DTSTART:20260101T090000\nRRULE:FREQ=DAILY";

#[test]
fn schedules_and_appointments_per_engine() {
    let limits = Limits {
        max_schedules: 2,
        max_appointments: 2,
        ..Limits::DEFAULT
    };
    let mut engine = Engine::with_limits(limits);
    engine.add_schedule(schedule("a", DAILY)).unwrap();
    engine.add_schedule(schedule("b", DAILY)).unwrap();
    let before = engine.to_json().unwrap();
    assert_limit(
        &engine.add_schedule(schedule("c", DAILY)).unwrap_err(),
        "max_schedules",
    );
    engine.add_appointment(appointment("1", "a")).unwrap();
    engine.add_appointment(appointment("2", "b")).unwrap();
    let full = engine.to_json().unwrap();
    assert_limit(
        &engine.add_appointment(appointment("3", "a")).unwrap_err(),
        "max_appointments",
    );
    // Nothing changed, and replacing stays possible at the limit.
    assert_eq!(engine.to_json().unwrap(), full);
    assert_ne!(before, full);
    engine.replace_schedule(schedule("a", DAILY)).unwrap();
    // Whole documents and snapshots past the limits are refused whole.
    let bigger = Engine::from_json(&full).unwrap();
    let tight = Limits {
        max_schedules: 1,
        ..Limits::DEFAULT
    };
    let e = Engine::from_json_with(&full, tight).unwrap_err();
    assert_limit(&e, "max_schedules");
    let bytes = bigger.to_snapshot().unwrap();
    let e = Engine::from_snapshot_vec(bytes.clone(), tight).unwrap_err();
    assert_limit(&e, "max_schedules");
    let one = Limits {
        max_appointments: 1,
        ..Limits::DEFAULT
    };
    let e = Engine::from_snapshot_vec(bytes.clone(), one).unwrap_err();
    assert_limit(&e, "max_appointments");
    let short = Limits {
        max_snapshot_bytes: bytes.len() - 1,
        ..Limits::DEFAULT
    };
    let e = Engine::from_snapshot_vec(bytes.clone(), short).unwrap_err();
    assert_limit(&e, "max_snapshot_bytes");
    // A host raises (or keeps) them: the same bytes open under the defaults.
    assert!(Engine::from_snapshot_vec(bytes, Limits::DEFAULT).is_ok());
}

#[test]
fn slots_and_windows_per_query() {
    let limits = Limits {
        max_slots: 100,
        ..Limits::DEFAULT
    };
    let mut engine = Engine::with_limits(limits);
    engine
        .add_schedule(schedule(
            "a",
            "DTSTART:20260101T000000\nRRULE:FREQ=MINUTELY;INTERVAL=30",
        ))
        .unwrap();
    let from = utc("2026-01-01T00:00:00Z");
    let e = engine
        .availability(&Query::new(from, from + 3 * 86_400))
        .unwrap_err();
    assert_limit(&e, "max_slots");
    // Hour-long windows every half hour merge into one from 00:00: 30-minute slots
    // at every half hour of the day.
    let starts: Vec<i64> = engine
        .availability(&Query::new(from, from + 86_400))
        .unwrap()
        .iter()
        .map(|s| s.start)
        .collect();
    assert_eq!(starts, (0..48).map(|k| from + k * 1800).collect::<Vec<_>>());
    let e = engine.reconcile(from, from + 3 * 86_400, &[]).unwrap_err();
    assert_limit(&e, "max_slots");
    // A report's rows count too: 200 days by day is more than 100 rows.
    let e = engine
        .report(from, from + 200 * 86_400, Bucket::Day)
        .unwrap_err();
    assert_limit(&e, "max_slots");
    // A SECONDLY availability over a long window hits the instance ceiling at once.
    let mut engine = Engine::new();
    engine
        .add_schedule(schedule(
            "s",
            "DTSTART:20260101T000000\nRRULE:FREQ=SECONDLY",
        ))
        .unwrap();
    let (lo, hi) = all_time();
    let e = engine.availability(&Query::new(lo, hi)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::LimitExceeded, "{e}");
}
