//! Expansion across DST transitions and calendar edges, per docs/semantics.md:
//! - a local time in a gap is shifted forward by the gap (read with the offset in force
//!   before it); an ambiguous local time takes its first instant;
//! - duplicate instants collapse;
//! - invalid dates are skipped; BYWEEKNO weeks are WKST-aware and cross the year edge;
//! - our readings where python-dateutil differs (BYSETPOS in WEEKLY counts
//!   the whole WKST-aligned week; YEARLY+BYWEEKNO without BYDAY takes DTSTART's weekday);
//! - bounded work: never-matching rules answer at once, `limit`, the ceiling, windows
//!   up to year 9999 and far from DTSTART.
//!
//! The DST expectations are written as literal UTC instants (checked against Python's
//! zoneinfo with fold=0), so they do not depend on the test helpers' own conversion.

mod common;

use common::*;
use slotwise::{ErrorCode, Limits, RecurrenceSet};

fn tz_ical(zone: &str, dtstart: &str, rrule: &str) -> String {
    format!("DTSTART;TZID={zone}:{dtstart}\nRRULE:{rrule}")
}

#[track_caller]
fn check(zone: &str, dtstart: &str, rrule: &str, from: &str, to: &str, expected: &[&str]) {
    let ical = tz_ical(zone, dtstart, rrule);
    let got = expand_ok(&ical, utc(from), utc(to), None);
    assert_instants_in(zone, &ical, &got, &utcs(expected));
    // parse_in with another default zone changes nothing for a TZID DTSTART.
    let set = parse_in_ok(&ical, "Asia/Kolkata");
    let got = between_ok(&set, utc(from), utc(to), None);
    assert_instants_in(zone, &format!("{ical} (parse_in)"), &got, &utcs(expected));
}

/// The helpers' local-time conversion agrees with the literal instants below (so the
/// tests that use it elsewhere rest on the same rules).
#[test]
fn helper_conversion_matches_zoneinfo() {
    let cases = [
        (
            "America/New_York",
            "2026-03-08T02:30",
            "2026-03-08T07:30:00Z",
        ),
        (
            "America/New_York",
            "2026-11-01T01:30",
            "2026-11-01T05:30:00Z",
        ),
        ("Europe/Lisbon", "2026-03-29T01:30", "2026-03-29T01:30:00Z"),
        ("Europe/Lisbon", "2026-10-25T01:30", "2026-10-25T00:30:00Z"),
        (
            "Australia/Sydney",
            "2026-10-04T02:30",
            "2026-10-03T16:30:00Z",
        ),
        (
            "Australia/Sydney",
            "2026-04-05T02:30",
            "2026-04-04T15:30:00Z",
        ),
        (
            "Australia/Lord_Howe",
            "2026-10-04T02:15",
            "2026-10-03T15:45:00Z",
        ),
        (
            "Australia/Lord_Howe",
            "2026-04-05T01:45",
            "2026-04-04T14:45:00Z",
        ),
        (
            "America/Sao_Paulo",
            "2018-11-04T00:00",
            "2018-11-04T03:00:00Z",
        ),
        (
            "America/Sao_Paulo",
            "2018-02-17T23:30",
            "2018-02-18T01:30:00Z",
        ),
        ("Pacific/Apia", "2011-12-30T09:00", "2011-12-30T19:00:00Z"),
        ("Pacific/Apia", "2012-04-01T03:30", "2012-03-31T13:30:00Z"),
    ];
    for (zone, l, u) in cases {
        assert_eq!(fmt(local(zone, l)), u, "{zone} {l}");
    }
}

// ---------------------------------------------------------------------------------
// America/New_York: 2026-03-08 02:00 -> 03:00; 2026-11-01 02:00 -> 01:00.
// ---------------------------------------------------------------------------------

#[test]
fn new_york_daily_gap_and_overlap() {
    let z = "America/New_York";
    // 02:30 does not exist on Mar 8: read with EST (-5), i.e. 03:30 EDT.
    check(
        z,
        "20260306T023000",
        "FREQ=DAILY",
        "2026-03-06T00:00:00Z",
        "2026-03-11T00:00:00Z",
        &[
            "2026-03-06T07:30:00Z",
            "2026-03-07T07:30:00Z",
            "2026-03-08T07:30:00Z",
            "2026-03-09T06:30:00Z",
            "2026-03-10T06:30:00Z",
        ],
    );
    // 01:30 happens twice on Nov 1: the first (EDT) is the instance.
    check(
        z,
        "20261030T013000",
        "FREQ=DAILY;COUNT=4",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-10-30T05:30:00Z",
            "2026-10-31T05:30:00Z",
            "2026-11-01T05:30:00Z",
            "2026-11-02T06:30:00Z",
        ],
    );
}

#[test]
fn new_york_weekly_gap_and_overlap() {
    let z = "America/New_York";
    check(
        z,
        "20260301T023000",
        "FREQ=WEEKLY;BYDAY=SU;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-03-01T07:30:00Z",
            "2026-03-08T07:30:00Z",
            "2026-03-15T06:30:00Z",
        ],
    );
    check(
        z,
        "20261025T013000",
        "FREQ=WEEKLY;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-10-25T05:30:00Z",
            "2026-11-01T05:30:00Z",
            "2026-11-08T06:30:00Z",
        ],
    );
}

#[test]
fn new_york_hourly_gap_collapses_and_overlap_takes_first() {
    let z = "America/New_York";
    // Local 02:00 is shifted to 03:00 EDT = 07:00Z, the same instant as local 03:00:
    // one instance.
    check(
        z,
        "20260307T000000",
        "FREQ=HOURLY",
        "2026-03-08T04:00:00Z",
        "2026-03-08T10:00:00Z",
        &[
            "2026-03-08T04:00:00Z",
            "2026-03-08T05:00:00Z",
            "2026-03-08T06:00:00Z",
            "2026-03-08T07:00:00Z",
            "2026-03-08T08:00:00Z",
            "2026-03-08T09:00:00Z",
        ],
    );
    // Local 01:00 is one wall-clock time: its first instant (05:00Z); 06:00Z (the
    // second 01:00, EST) is not an instance.
    check(
        z,
        "20261031T000000",
        "FREQ=HOURLY",
        "2026-11-01T03:00:00Z",
        "2026-11-01T09:00:00Z",
        &[
            "2026-11-01T03:00:00Z",
            "2026-11-01T04:00:00Z",
            "2026-11-01T05:00:00Z",
            "2026-11-01T07:00:00Z",
            "2026-11-01T08:00:00Z",
        ],
    );
}

#[test]
fn new_york_dtstart_in_the_gap_is_shifted() {
    check(
        "America/New_York",
        "20260308T023000",
        "FREQ=DAILY;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-03-08T07:30:00Z",
            "2026-03-09T06:30:00Z",
            "2026-03-10T06:30:00Z",
        ],
    );
    // An RDATE / DTSTART alone in the gap, too.
    let got = expand_ok(
        "DTSTART;TZID=America/New_York:20260308T020000\n\
         RDATE;TZID=America/New_York:20260308T023000,20261101T013000",
        utc("2026-01-01T00:00:00Z"),
        utc("2027-01-01T00:00:00Z"),
        None,
    );
    assert_instants(
        "DTSTART/RDATE in gap and overlap",
        &got,
        &utcs(&[
            "2026-03-08T07:00:00Z",
            "2026-03-08T07:30:00Z",
            "2026-11-01T05:30:00Z",
        ]),
    );
}

#[test]
fn new_york_byhour_rule_across_both_transitions() {
    // BYHOUR=1,2,3 on both transition days.
    let z = "America/New_York";
    let ical = tz_ical(z, "20260307T000000", "FREQ=DAILY;BYHOUR=1,2,3");
    let got = expand_ok(
        &ical,
        utc("2026-03-08T00:00:00Z"),
        utc("2026-03-09T00:00:00Z"),
        None,
    );
    // 01:00 EST = 06Z; 02:00 -> 03:00 EDT = 07Z; 03:00 EDT = 07Z (collapses).
    assert_instants_in(
        z,
        &ical,
        &got,
        &utcs(&["2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z"]),
    );
    let got = expand_ok(
        &ical,
        utc("2026-11-01T00:00:00Z"),
        utc("2026-11-02T00:00:00Z"),
        None,
    );
    // 01:00 first instant (EDT) = 05Z; 02:00 EST = 07Z; 03:00 EST = 08Z.
    assert_instants_in(
        z,
        &ical,
        &got,
        &utcs(&[
            "2026-11-01T05:00:00Z",
            "2026-11-01T07:00:00Z",
            "2026-11-01T08:00:00Z",
        ]),
    );
}

// ---------------------------------------------------------------------------------
// Europe/Lisbon: 2026-03-29 01:00 -> 02:00 (WET -> WEST); 2026-10-25 02:00 -> 01:00.
// ---------------------------------------------------------------------------------

#[test]
fn lisbon_daily_weekly_hourly() {
    let z = "Europe/Lisbon";
    check(
        z,
        "20260328T013000",
        "FREQ=DAILY;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-03-28T01:30:00Z",
            "2026-03-29T01:30:00Z",
            "2026-03-30T00:30:00Z",
        ],
    );
    check(
        z,
        "20261024T013000",
        "FREQ=DAILY;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-10-24T00:30:00Z",
            "2026-10-25T00:30:00Z",
            "2026-10-26T01:30:00Z",
        ],
    );
    check(
        z,
        "20260322T013000",
        "FREQ=WEEKLY;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-03-22T01:30:00Z",
            "2026-03-29T01:30:00Z",
            "2026-04-05T00:30:00Z",
        ],
    );
    check(
        z,
        "20261018T013000",
        "FREQ=WEEKLY;BYDAY=SU;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-10-18T00:30:00Z",
            "2026-10-25T00:30:00Z",
            "2026-11-01T01:30:00Z",
        ],
    );
    check(
        z,
        "20260328T000000",
        "FREQ=HOURLY",
        "2026-03-28T23:00:00Z",
        "2026-03-29T03:00:00Z",
        &[
            "2026-03-28T23:00:00Z",
            "2026-03-29T00:00:00Z",
            "2026-03-29T01:00:00Z",
            "2026-03-29T02:00:00Z",
        ],
    );
    check(
        z,
        "20261024T000000",
        "FREQ=HOURLY",
        "2026-10-24T22:00:00Z",
        "2026-10-25T04:00:00Z",
        &[
            "2026-10-24T22:00:00Z",
            "2026-10-24T23:00:00Z",
            "2026-10-25T00:00:00Z",
            "2026-10-25T02:00:00Z",
            "2026-10-25T03:00:00Z",
        ],
    );
}

// ---------------------------------------------------------------------------------
// Australia/Sydney: 2026-04-05 03:00 -> 02:00; 2026-10-04 02:00 -> 03:00.
// ---------------------------------------------------------------------------------

#[test]
fn sydney_daily_weekly_hourly() {
    let z = "Australia/Sydney";
    check(
        z,
        "20261003T023000",
        "FREQ=DAILY;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-10-02T16:30:00Z",
            "2026-10-03T16:30:00Z",
            "2026-10-04T15:30:00Z",
        ],
    );
    check(
        z,
        "20260404T023000",
        "FREQ=DAILY;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-04-03T15:30:00Z",
            "2026-04-04T15:30:00Z",
            "2026-04-05T16:30:00Z",
        ],
    );
    check(
        z,
        "20260927T023000",
        "FREQ=WEEKLY;BYDAY=SU;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-09-26T16:30:00Z",
            "2026-10-03T16:30:00Z",
            "2026-10-10T15:30:00Z",
        ],
    );
    check(
        z,
        "20260329T023000",
        "FREQ=WEEKLY;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-03-28T15:30:00Z",
            "2026-04-04T15:30:00Z",
            "2026-04-11T16:30:00Z",
        ],
    );
    check(
        z,
        "20261001T000000",
        "FREQ=HOURLY",
        "2026-10-03T14:00:00Z",
        "2026-10-03T18:00:00Z",
        &[
            "2026-10-03T14:00:00Z",
            "2026-10-03T15:00:00Z",
            "2026-10-03T16:00:00Z",
            "2026-10-03T17:00:00Z",
        ],
    );
    check(
        z,
        "20260401T000000",
        "FREQ=HOURLY",
        "2026-04-04T13:00:00Z",
        "2026-04-04T19:00:00Z",
        &[
            "2026-04-04T13:00:00Z",
            "2026-04-04T14:00:00Z",
            "2026-04-04T15:00:00Z",
            "2026-04-04T17:00:00Z",
            "2026-04-04T18:00:00Z",
        ],
    );
}

#[test]
fn sydney_across_new_year_in_summer_time() {
    let z = "Australia/Sydney";
    check(
        z,
        "20261230T233000",
        "FREQ=DAILY;COUNT=4",
        "2026-01-01T00:00:00Z",
        "2028-01-01T00:00:00Z",
        &[
            "2026-12-30T12:30:00Z",
            "2026-12-31T12:30:00Z",
            "2027-01-01T12:30:00Z",
            "2027-01-02T12:30:00Z",
        ],
    );
}

// ---------------------------------------------------------------------------------
// Australia/Lord_Howe: +10:30 / +11, 30-minute shifts.
// 2026-04-05 02:00 -> 01:30; 2026-10-04 02:00 -> 02:30.
// ---------------------------------------------------------------------------------

#[test]
fn lord_howe_daily_weekly_hourly() {
    let z = "Australia/Lord_Howe";
    // 02:15 on Oct 4 is in the 30-minute gap: read with +10:30, i.e. 02:45 +11.
    check(
        z,
        "20261003T021500",
        "FREQ=DAILY;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-10-02T15:45:00Z",
            "2026-10-03T15:45:00Z",
            "2026-10-04T15:15:00Z",
        ],
    );
    check(
        z,
        "20260404T014500",
        "FREQ=DAILY;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-04-03T14:45:00Z",
            "2026-04-04T14:45:00Z",
            "2026-04-05T15:15:00Z",
        ],
    );
    check(
        z,
        "20260927T021500",
        "FREQ=WEEKLY;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-09-26T15:45:00Z",
            "2026-10-03T15:45:00Z",
            "2026-10-10T15:15:00Z",
        ],
    );
    check(
        z,
        "20260329T014500",
        "FREQ=WEEKLY;BYDAY=SU;COUNT=3",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        &[
            "2026-03-28T14:45:00Z",
            "2026-04-04T14:45:00Z",
            "2026-04-11T15:15:00Z",
        ],
    );
    // Hourly: local 02:00 is shifted to 02:30 (+11) = 15:30Z.
    check(
        z,
        "20261001T000000",
        "FREQ=HOURLY",
        "2026-10-03T13:00:00Z",
        "2026-10-03T17:30:00Z",
        &[
            "2026-10-03T13:30:00Z",
            "2026-10-03T14:30:00Z",
            "2026-10-03T15:30:00Z",
            "2026-10-03T16:00:00Z",
            "2026-10-03T17:00:00Z",
        ],
    );
    check(
        z,
        "20260401T000000",
        "FREQ=HOURLY",
        "2026-04-04T12:30:00Z",
        "2026-04-04T17:00:00Z",
        &[
            "2026-04-04T13:00:00Z",
            "2026-04-04T14:00:00Z",
            "2026-04-04T15:30:00Z",
            "2026-04-04T16:30:00Z",
        ],
    );
}

#[test]
fn lord_howe_every_15_minutes() {
    let z = "Australia/Lord_Howe";
    // Local 02:00 and 02:15 are shifted onto 02:30 and 02:45: they collapse.
    check(
        z,
        "20261004T000000",
        "FREQ=MINUTELY;INTERVAL=15",
        "2026-10-03T15:00:00Z",
        "2026-10-03T16:01:00Z",
        &[
            "2026-10-03T15:00:00Z",
            "2026-10-03T15:15:00Z",
            "2026-10-03T15:30:00Z",
            "2026-10-03T15:45:00Z",
            "2026-10-03T16:00:00Z",
        ],
    );
    // Local 01:30 and 01:45 happen twice: only their first instants are instances.
    check(
        z,
        "20260405T000000",
        "FREQ=MINUTELY;INTERVAL=15",
        "2026-04-04T14:15:00Z",
        "2026-04-04T16:00:00Z",
        &[
            "2026-04-04T14:15:00Z",
            "2026-04-04T14:30:00Z",
            "2026-04-04T14:45:00Z",
            "2026-04-04T15:30:00Z",
            "2026-04-04T15:45:00Z",
        ],
    );
}

// ---------------------------------------------------------------------------------
// America/Sao_Paulo 2018: DST began at midnight (2018-11-04 00:00 -> 01:00) and ended
// at midnight (2018-02-18 00:00 -> 2018-02-17 23:00).
// ---------------------------------------------------------------------------------

#[test]
fn sao_paulo_2018_midnight_transitions() {
    let z = "America/Sao_Paulo";
    // Midnight does not exist on Nov 4: 00:00 -> 01:00 (-02) = 03:00Z.
    check(
        z,
        "20181102T000000",
        "FREQ=DAILY;COUNT=4",
        "2018-01-01T00:00:00Z",
        "2019-01-01T00:00:00Z",
        &[
            "2018-11-02T03:00:00Z",
            "2018-11-03T03:00:00Z",
            "2018-11-04T03:00:00Z",
            "2018-11-05T02:00:00Z",
        ],
    );
    check(
        z,
        "20181028T000000",
        "FREQ=WEEKLY;BYDAY=SU;COUNT=3",
        "2018-01-01T00:00:00Z",
        "2019-01-01T00:00:00Z",
        &[
            "2018-10-28T03:00:00Z",
            "2018-11-04T03:00:00Z",
            "2018-11-11T02:00:00Z",
        ],
    );
    check(
        z,
        "20181103T000000",
        "FREQ=HOURLY",
        "2018-11-04T01:00:00Z",
        "2018-11-04T05:00:00Z",
        &[
            "2018-11-04T01:00:00Z",
            "2018-11-04T02:00:00Z",
            "2018-11-04T03:00:00Z",
            "2018-11-04T04:00:00Z",
        ],
    );
    // 23:30 on Feb 17 happens twice: the first (-02).
    check(
        z,
        "20180216T233000",
        "FREQ=DAILY;COUNT=3",
        "2018-01-01T00:00:00Z",
        "2019-01-01T00:00:00Z",
        &[
            "2018-02-17T01:30:00Z",
            "2018-02-18T01:30:00Z",
            "2018-02-19T02:30:00Z",
        ],
    );
    // Feb 17 2018 is a Saturday.
    check(
        z,
        "20180210T233000",
        "FREQ=WEEKLY;COUNT=3",
        "2018-01-01T00:00:00Z",
        "2019-01-01T00:00:00Z",
        &[
            "2018-02-11T01:30:00Z",
            "2018-02-18T01:30:00Z",
            "2018-02-25T02:30:00Z",
        ],
    );
    check(
        z,
        "20180217T000000",
        "FREQ=HOURLY",
        "2018-02-18T00:00:00Z",
        "2018-02-18T05:00:00Z",
        &[
            "2018-02-18T00:00:00Z",
            "2018-02-18T01:00:00Z",
            "2018-02-18T03:00:00Z",
            "2018-02-18T04:00:00Z",
        ],
    );
}

#[test]
fn sao_paulo_midnight_gap_keeps_the_date() {
    // A weekly Sunday rule at midnight still lands on Sunday Nov 4 (at 01:00 local).
    let z = "America/Sao_Paulo";
    let ical = tz_ical(z, "20181007T000000", "FREQ=MONTHLY;BYDAY=1SU;COUNT=2");
    let got = expand_ok(
        &ical,
        utc("2018-01-01T00:00:00Z"),
        utc("2019-01-01T00:00:00Z"),
        None,
    );
    assert_instants_in(
        z,
        &ical,
        &got,
        &utcs(&["2018-10-07T03:00:00Z", "2018-11-04T03:00:00Z"]),
    );
}

// ---------------------------------------------------------------------------------
// Pacific/Apia skipped 2011-12-30 entirely (-10 -> +14 at local midnight), and ended
// DST on 2012-04-01 04:00 -> 03:00.
// ---------------------------------------------------------------------------------

#[test]
fn apia_skipped_day() {
    let z = "Pacific/Apia";
    // Dec 30 09:00 is shifted by the 24-hour gap onto Dec 31 09:00: one instance.
    check(
        z,
        "20111228T090000",
        "FREQ=DAILY",
        "2011-12-28T00:00:00Z",
        "2012-01-03T00:00:00Z",
        &[
            "2011-12-28T19:00:00Z",
            "2011-12-29T19:00:00Z",
            "2011-12-30T19:00:00Z",
            "2011-12-31T19:00:00Z",
            "2012-01-01T19:00:00Z",
            "2012-01-02T19:00:00Z",
        ],
    );
    // Weekly on Friday: Friday Dec 30 never happened; its instance is read with -10,
    // i.e. Saturday Dec 31 10:00 local.
    check(
        z,
        "20111223T100000",
        "FREQ=WEEKLY;BYDAY=FR;COUNT=3",
        "2011-01-01T00:00:00Z",
        "2013-01-01T00:00:00Z",
        &[
            "2011-12-23T20:00:00Z",
            "2011-12-30T20:00:00Z",
            "2012-01-05T20:00:00Z",
        ],
    );
    // Hourly straight through the skipped day: continuous instants.
    check(
        z,
        "20111229T200000",
        "FREQ=HOURLY",
        "2011-12-30T06:00:00Z",
        "2011-12-30T14:00:00Z",
        &[
            "2011-12-30T06:00:00Z",
            "2011-12-30T07:00:00Z",
            "2011-12-30T08:00:00Z",
            "2011-12-30T09:00:00Z",
            "2011-12-30T10:00:00Z",
            "2011-12-30T11:00:00Z",
            "2011-12-30T12:00:00Z",
            "2011-12-30T13:00:00Z",
        ],
    );
    // A monthly rule on the 30th: December 2011's instance comes out shifted.
    check(
        z,
        "20111030T120000",
        "FREQ=MONTHLY;BYMONTHDAY=30;COUNT=4",
        "2011-01-01T00:00:00Z",
        "2013-01-01T00:00:00Z",
        &[
            "2011-10-30T22:00:00Z",
            "2011-11-30T22:00:00Z",
            "2011-12-30T22:00:00Z",
            "2012-01-29T22:00:00Z",
        ],
    );
}

#[test]
fn apia_overlap() {
    let z = "Pacific/Apia";
    check(
        z,
        "20120331T033000",
        "FREQ=DAILY;COUNT=3",
        "2012-01-01T00:00:00Z",
        "2013-01-01T00:00:00Z",
        &[
            "2012-03-30T13:30:00Z",
            "2012-03-31T13:30:00Z",
            "2012-04-01T14:30:00Z",
        ],
    );
    check(
        z,
        "20120325T033000",
        "FREQ=WEEKLY;COUNT=3",
        "2012-01-01T00:00:00Z",
        "2013-01-01T00:00:00Z",
        &[
            "2012-03-24T13:30:00Z",
            "2012-03-31T13:30:00Z",
            "2012-04-07T14:30:00Z",
        ],
    );
    check(
        z,
        "20120331T000000",
        "FREQ=HOURLY",
        "2012-03-31T12:00:00Z",
        "2012-03-31T17:00:00Z",
        &[
            "2012-03-31T12:00:00Z",
            "2012-03-31T13:00:00Z",
            "2012-03-31T15:00:00Z",
            "2012-03-31T16:00:00Z",
        ],
    );
}

// ---------------------------------------------------------------------------------
// Calendar edges.
// ---------------------------------------------------------------------------------

#[test]
fn monthly_on_the_31st_skips_short_months() {
    let z = "America/New_York";
    let from = utc("2026-01-01T00:00:00Z");
    let to = utc("2027-01-01T00:00:00Z");
    let expected = ny_days(
        "09:00",
        &[
            "2026-01-31",
            "2026-03-31",
            "2026-05-31",
            "2026-07-31",
            "2026-08-31",
            "2026-10-31",
            "2026-12-31",
        ],
    );
    for rule in ["FREQ=MONTHLY", "FREQ=MONTHLY;BYMONTHDAY=31"] {
        let ical = tz_ical(z, "20260131T090000", rule);
        assert_instants(&ical, &expand_ok(&ical, from, to, None), &expected);
    }
}

#[test]
fn last_day_of_month_and_leap_february() {
    let ical = "DTSTART:20230131T120000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=14";
    let got = expand_ok(
        ical,
        utc("2023-01-01T00:00:00Z"),
        utc("2025-01-01T00:00:00Z"),
        None,
    );
    let expected = [
        "2023-01-31",
        "2023-02-28",
        "2023-03-31",
        "2023-04-30",
        "2023-05-31",
        "2023-06-30",
        "2023-07-31",
        "2023-08-31",
        "2023-09-30",
        "2023-10-31",
        "2023-11-30",
        "2023-12-31",
        "2024-01-31",
        "2024-02-29",
    ];
    assert_instants_in("UTC", ical, &got, &at_time("UTC", "12:00", &expected));
}

#[test]
fn yearly_on_feb_29_only_in_leap_years() {
    let ical = "DTSTART;TZID=America/New_York:20240229T090000\nRRULE:FREQ=YEARLY";
    let got = expand_ok(
        ical,
        utc("2024-01-01T00:00:00Z"),
        utc("2110-01-01T00:00:00Z"),
        None,
    );
    let leap: Vec<String> = (2024..2110)
        .filter(|y| y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
        .map(|y| format!("{y}-02-29"))
        .collect();
    assert!(!leap.iter().any(|d| d.starts_with("2100")));
    let refs: Vec<&str> = leap.iter().map(String::as_str).collect();
    assert_instants(ical, &got, &ny_days("09:00", &refs));
    // Also through BYMONTH/BYMONTHDAY, and over 2000 (a leap year) and 1900 (not).
    let ical = "DTSTART:18960229T000000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29";
    let got = expand_ok(
        ical,
        utc("1890-01-01T00:00:00Z"),
        utc("2009-01-01T00:00:00Z"),
        None,
    );
    let years: Vec<String> = (1896..2009)
        .filter(|y| y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
        .map(|y| format!("{y}-02-29"))
        .collect();
    assert!(!years.iter().any(|d| d.starts_with("1900")));
    assert!(years.iter().any(|d| d.starts_with("2000")));
    let refs: Vec<&str> = years.iter().map(String::as_str).collect();
    assert_instants_in("UTC", ical, &got, &at_time("UTC", "00:00", &refs));
}

#[test]
fn feb_29_on_a_monday_every_28_years() {
    let ical = "DTSTART:20000101T100000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO";
    let got = within(30, ical, move || {
        expand_ok(
            ical,
            utc("2000-01-01T00:00:00Z"),
            utc("2101-01-01T00:00:00Z"),
            None,
        )
    });
    assert_instants_in(
        "UTC",
        ical,
        &got,
        &at_time("UTC", "10:00", &["2016-02-29", "2044-02-29", "2072-02-29"]),
    );
}

#[test]
fn byyearday_in_leap_and_common_years() {
    let from = utc("2023-01-01T00:00:00Z");
    let to = utc("2026-01-01T00:00:00Z");
    let cases: [(&str, &[&str]); 4] = [
        ("BYYEARDAY=60", &["2023-03-01", "2024-02-29", "2025-03-01"]),
        ("BYYEARDAY=-1", &["2023-12-31", "2024-12-31", "2025-12-31"]),
        ("BYYEARDAY=366", &["2024-12-31"]),
        ("BYYEARDAY=-366", &["2024-01-01"]),
    ];
    for (part, dates) in cases {
        let ical = format!("DTSTART:20230101T080000Z\nRRULE:FREQ=YEARLY;{part}");
        let got = expand_ok(&ical, from, to, None);
        assert_instants_in("UTC", &ical, &got, &at_time("UTC", "08:00", dates));
    }
}

#[test]
fn fifth_weekday_only_in_months_that_have_one() {
    let ical = "DTSTART:20260102T090000Z\nRRULE:FREQ=MONTHLY;BYDAY=5FR;COUNT=4";
    let got = expand_ok(
        ical,
        utc("2026-01-01T00:00:00Z"),
        utc("2028-01-01T00:00:00Z"),
        None,
    );
    // Months of 2026 with five Fridays: January, May, July, October.
    assert_instants_in(
        "UTC",
        ical,
        &got,
        &at_time(
            "UTC",
            "09:00",
            &["2026-01-30", "2026-05-29", "2026-07-31", "2026-10-30"],
        ),
    );
}

#[test]
fn daily_across_year_end_in_new_york() {
    let ical = "DTSTART;TZID=America/New_York:20261230T233000\nRRULE:FREQ=DAILY;COUNT=4";
    let got = expand_ok(
        ical,
        utc("2026-01-01T00:00:00Z"),
        utc("2028-01-01T00:00:00Z"),
        None,
    );
    assert_instants(
        ical,
        &got,
        &utcs(&[
            "2026-12-31T04:30:00Z",
            "2027-01-01T04:30:00Z",
            "2027-01-02T04:30:00Z",
            "2027-01-03T04:30:00Z",
        ]),
    );
}

// ---------------------------------------------------------------------------------
// BYWEEKNO at the year edge (ISO weeks; WKST-aware).
// ---------------------------------------------------------------------------------

#[test]
fn byweekno_53_across_the_year_edge() {
    // ISO years with 53 weeks in 2019..2033: 2020, 2026, 2032. Week 53 of 2020 is
    // 2020-12-28..2021-01-03: its Sunday falls in calendar 2021, and is an instance
    // of the 2021 period. 2021 itself has 52 weeks: Jan 1-2, 2022 are in week 52 of
    // 2021, not week 53 (python-dateutil wrongly yields 2022-01-02; PR #1537).
    let ical = "DTSTART:20190101T000000Z\nRRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO,TH,SU";
    let got = expand_ok(
        ical,
        utc("2019-01-01T00:00:00Z"),
        utc("2034-01-01T00:00:00Z"),
        None,
    );
    assert_instants_in(
        "UTC",
        ical,
        &got,
        &at_time(
            "UTC",
            "00:00",
            &[
                "2020-12-28",
                "2020-12-31",
                "2021-01-03",
                "2026-12-28",
                "2026-12-31",
                "2027-01-03",
                "2032-12-27",
                "2032-12-30",
                "2033-01-02",
            ],
        ),
    );
}

#[test]
fn byweekno_53_with_wkst_mo_and_su() {
    let from = utc("2020-01-01T00:00:00Z");
    let to = utc("2022-01-01T00:00:00Z");
    // WKST=MO: week 53 of 2020 is Mon Dec 28 .. Sun Jan 3.
    let ical = "DTSTART:20200101T000000Z\nRRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=SA,SU;WKST=MO";
    assert_instants_in(
        "UTC",
        ical,
        &expand_ok(ical, from, to, None),
        &at_time("UTC", "00:00", &["2021-01-02", "2021-01-03"]),
    );
    // WKST=SU: week 1 of 2020 starts Sun Dec 29 2019, so week 53 is Sun Dec 27 ..
    // Sat Jan 2 (2021's first Sunday-week has only 2 days in 2021).
    let ical = "DTSTART:20200101T000000Z\nRRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=SA,SU;WKST=SU";
    assert_instants_in(
        "UTC",
        ical,
        &expand_ok(ical, from, to, None),
        &at_time("UTC", "00:00", &["2020-12-27", "2021-01-02"]),
    );
}

#[test]
fn byweekno_1_across_the_year_edge() {
    let from = utc("2024-01-01T00:00:00Z");
    let to = utc("2026-01-01T00:00:00Z");
    // WKST=MO: week 1 of 2025 is Mon Dec 30 2024 .. Sun Jan 5 2025; week 1 of 2026
    // starts Mon Dec 29 2025.
    let ical = "DTSTART:20240101T000000Z\nRRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=SU,MO;WKST=MO";
    assert_instants_in(
        "UTC",
        ical,
        &expand_ok(ical, from, to, None),
        &at_time(
            "UTC",
            "00:00",
            &[
                "2024-01-01",
                "2024-01-07",
                "2024-12-30",
                "2025-01-05",
                "2025-12-29",
            ],
        ),
    );
    // WKST=SU: week 1 of 2025 is Sun Dec 29 2024 .. Sat Jan 4 2025; week 1 of 2024
    // is Sun Dec 31 2023 .. Sat Jan 6 2024; week 1 of 2026 starts Sun Jan 4 2026.
    let ical = "DTSTART:20240101T000000Z\nRRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=SU,MO;WKST=SU";
    assert_instants_in(
        "UTC",
        ical,
        &expand_ok(ical, from, to, None),
        &at_time("UTC", "00:00", &["2024-01-01", "2024-12-29", "2024-12-30"]),
    );
}

#[test]
fn byweekno_minus_1_is_the_last_iso_week() {
    let ical = "DTSTART:20200101T000000Z\nRRULE:FREQ=YEARLY;BYWEEKNO=-1;BYDAY=MO,SU";
    let got = expand_ok(
        ical,
        utc("2020-01-01T00:00:00Z"),
        utc("2022-01-01T00:00:00Z"),
        None,
    );
    // Last week of 2020 is week 53 (Dec 28 .. Jan 3); of 2021 week 52 (Dec 27 .. Jan 2).
    assert_instants_in(
        "UTC",
        ical,
        &got,
        &at_time("UTC", "00:00", &["2020-12-28", "2021-01-03", "2021-12-27"]),
    );
}

#[test]
fn yearly_byweekno_without_byday_takes_dtstart_weekday() {
    // DTSTART is a Wednesday; week 10 of 2026 is Mar 2-8, of 2027 Mar 8-14, of 2028
    // Mar 6-12 (docs/semantics.md: the finer grain comes from DTSTART; dateutil would give
    // every day of the week).
    let ical = "DTSTART:20260107T090000Z\nRRULE:FREQ=YEARLY;BYWEEKNO=10";
    let got = expand_ok(
        ical,
        utc("2026-01-01T00:00:00Z"),
        utc("2029-01-01T00:00:00Z"),
        None,
    );
    assert_instants_in(
        "UTC",
        ical,
        &got,
        &at_time("UTC", "09:00", &["2026-03-04", "2027-03-10", "2028-03-08"]),
    );
}

#[test]
fn yearly_bymonthday_without_bymonth_is_every_month() {
    let ical = "DTSTART:20260115T090000Z\nRRULE:FREQ=YEARLY;BYMONTHDAY=15;COUNT=14";
    let got = expand_ok(
        ical,
        utc("2026-01-01T00:00:00Z"),
        utc("2028-01-01T00:00:00Z"),
        None,
    );
    let dates: Vec<String> = (0..14)
        .map(|i| format!("{}-{:02}-15", 2026 + i / 12, i % 12 + 1))
        .collect();
    let refs: Vec<&str> = dates.iter().map(String::as_str).collect();
    assert_instants_in("UTC", ical, &got, &at_time("UTC", "09:00", &refs));
    // Negative month days too: the last day of every month.
    let ical = "DTSTART:20260131T090000Z\nRRULE:FREQ=YEARLY;BYMONTHDAY=-1;COUNT=3";
    let got = expand_ok(
        ical,
        utc("2026-01-01T00:00:00Z"),
        utc("2028-01-01T00:00:00Z"),
        None,
    );
    assert_instants_in(
        "UTC",
        ical,
        &got,
        &at_time("UTC", "09:00", &["2026-01-31", "2026-02-28", "2026-03-31"]),
    );
}

#[test]
fn weekly_bysetpos_counts_the_whole_wkst_week() {
    let from = utc("2026-01-01T00:00:00Z");
    let to = utc("2027-01-01T00:00:00Z");
    // DTSTART Wednesday 2026-01-07. The week Mon Jan 5 .. Sun Jan 11 counts in full:
    // position 1 is Monday Jan 5, before DTSTART, so that week gives nothing.
    let cases: [(&str, &[&str]); 4] = [
        (
            "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=1;COUNT=3",
            &["2026-01-12", "2026-01-19", "2026-01-26"],
        ),
        (
            "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=2;COUNT=3",
            &["2026-01-07", "2026-01-14", "2026-01-21"],
        ),
        (
            "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=-1;COUNT=3",
            &["2026-01-09", "2026-01-16", "2026-01-23"],
        ),
        // WKST=SU: the week is Sun Jan 4 .. Sat Jan 10; position 1 is Sunday Jan 4.
        (
            "FREQ=WEEKLY;WKST=SU;BYDAY=SU,WE,SA;BYSETPOS=1;COUNT=2",
            &["2026-01-11", "2026-01-18"],
        ),
    ];
    for (rule, dates) in cases {
        let ical = format!("DTSTART:20260107T090000Z\nRRULE:{rule}");
        let got = expand_ok(&ical, from, to, None);
        assert_instants_in("UTC", &ical, &got, &at_time("UTC", "09:00", dates));
    }
}

// ---------------------------------------------------------------------------------
// Bounded work.
// ---------------------------------------------------------------------------------

fn all_years() -> (i64, i64) {
    (utc("1900-01-01T00:00:00Z"), utc("9999-12-31T23:59:59Z") + 1)
}

#[test]
fn never_matching_calendar_rules_answer_at_once() {
    let (from, to) = all_years();
    for rule in [
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30,31",
        "FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6",
        "FREQ=YEARLY;BYYEARDAY=366;BYMONTH=2",
        "FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1,2,3",
        "FREQ=YEARLY;BYMONTH=1;BYSETPOS=10",
        "FREQ=MONTHLY;INTERVAL=12;BYMONTH=3",
    ] {
        let ical = format!("DTSTART:19000101T090000Z\nRRULE:{rule}");
        let what = ical.clone();
        let got = within(10, &what, move || slotwise::expand(&ical, from, to, None));
        match got {
            Ok(v) => assert!(
                v.is_empty(),
                "{what}: {:?}",
                v.into_iter().map(fmt).collect::<Vec<_>>()
            ),
            Err(e) => panic!("{what}: expected empty, got {} ({e})", e.code().as_str()),
        }
    }
}

#[test]
fn never_matching_time_rules_answer_at_once() {
    let (from, to) = all_years();
    for rule in [
        // The hour is always 09 on this grid.
        "FREQ=HOURLY;INTERVAL=24;BYHOUR=5",
        // The minute is always 00.
        "FREQ=MINUTELY;INTERVAL=60;BYMINUTE=30",
        // Every 2 hours from 09:00 never reaches an even hour.
        "FREQ=HOURLY;INTERVAL=2;BYHOUR=0,2,4,6,8,10,12,14,16,18,20,22",
        // Every 2 seconds from :00 never reaches an odd second.
        "FREQ=SECONDLY;INTERVAL=2;BYSECOND=1,3,59",
        // Whole days of seconds from 09:00:00: always 09.
        "FREQ=SECONDLY;INTERVAL=86400;BYHOUR=5",
    ] {
        let ical = format!("DTSTART:19000101T090000Z\nRRULE:{rule}");
        let what = ical.clone();
        let got = within(20, &what, move || slotwise::expand(&ical, from, to, None));
        match got {
            Ok(v) => assert!(
                v.is_empty(),
                "{what}: {:?}",
                v.into_iter().map(fmt).collect::<Vec<_>>()
            ),
            Err(e) => panic!("{what}: expected empty, got {} ({e})", e.code().as_str()),
        }
    }
}

/// BYSETPOS beyond the size of every period's set can never select anything: in a
/// sub-daily rule each period holds one candidate, so these are empty, at once, over
/// the whole range of years (not after a walk over billions of periods).
#[test]
fn never_matching_bysetpos_in_sub_daily_rules_answer_at_once() {
    let (from, to) = all_years();
    for rule in [
        "FREQ=HOURLY;BYDAY=MO;BYSETPOS=2",
        "FREQ=MINUTELY;BYDAY=MO;BYSETPOS=2",
        "FREQ=SECONDLY;BYDAY=MO;BYSETPOS=2",
        "FREQ=SECONDLY;BYMINUTE=5;BYSETPOS=-2",
    ] {
        let ical = format!("DTSTART:19000101T090000Z\nRRULE:{rule}");
        let what = ical.clone();
        let got = within(20, &what, move || {
            slotwise::expand(&ical, from, to, Some(10))
        });
        match got {
            Ok(v) => assert!(
                v.is_empty(),
                "{what}: {:?}",
                v.into_iter().map(fmt).collect::<Vec<_>>()
            ),
            Err(e) => panic!("{what}: expected empty, got {} ({e})", e.code().as_str()),
        }
    }
}

/// Rules that match rarely (Feb 29 on a Monday, with INTERVALs that skip most of
/// those) must not be mistaken for rules that never match: instances decades and
/// centuries apart are found (expectations from python-dateutil).
#[test]
fn sparse_rules_are_not_cut_off() {
    let hourly: Vec<String> = [
        ("2044", [0, 5, 10, 15, 20]),
        ("2072", [2, 7, 12, 17, 22]),
        ("2112", [1, 6, 11, 16, 21]),
        ("2140", [3, 8, 13, 18, 23]),
        ("2168", [0, 5, 10, 15, 20]),
        ("2196", [2, 7, 12, 17, 22]),
    ]
    .iter()
    .flat_map(|(y, hours)| {
        hours
            .iter()
            .map(move |h| format!("{y}-02-29T{h:02}:00:00Z"))
    })
    .collect();
    let hourly: Vec<&str> = hourly.iter().map(String::as_str).collect();
    let cases: [(&str, &str, &[&str]); 6] = [
        // Every 7 months from January 2000 reaches February every 7 years, a leap one
        // every 28: the first Monday Feb 29 among those is in 2704.
        (
            "DTSTART:20000101T090000Z\nRRULE:FREQ=MONTHLY;INTERVAL=7;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
            "2800-01-01T00:00:00Z",
            &[
                "2704-02-29T09:00:00Z",
                "2732-02-29T09:00:00Z",
                "2760-02-29T09:00:00Z",
                "2788-02-29T09:00:00Z",
            ],
        ),
        (
            "DTSTART:20170101T000000Z\nRRULE:FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR=10;BYMINUTE=0",
            "2100-01-01T00:00:00Z",
            &["2044-02-29T10:00:00Z", "2072-02-29T10:00:00Z"],
        ),
        (
            "DTSTART:20170101T000000Z\nRRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR=10;BYMINUTE=0;BYSECOND=0",
            "2100-01-01T00:00:00Z",
            &["2044-02-29T10:00:00Z", "2072-02-29T10:00:00Z"],
        ),
        (
            "DTSTART:20170101T000000Z\nRRULE:FREQ=HOURLY;INTERVAL=5;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
            "2200-01-01T00:00:00Z",
            &hourly,
        ),
        (
            "DTSTART:20000101T090000Z\nRRULE:FREQ=YEARLY;INTERVAL=3;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
            "2500-01-01T00:00:00Z",
            &[
                "2072-02-29T09:00:00Z",
                "2168-02-29T09:00:00Z",
                "2264-02-29T09:00:00Z",
                "2360-02-29T09:00:00Z",
                "2444-02-29T09:00:00Z",
            ],
        ),
        (
            "DTSTART:20000103T090000Z\nRRULE:FREQ=WEEKLY;INTERVAL=5;BYMONTH=2;BYDAY=MO;BYHOUR=9",
            "2002-01-01T00:00:00Z",
            &["2000-02-07T09:00:00Z", "2001-02-26T09:00:00Z"],
        ),
    ];
    for (ical, to, expected) in cases {
        let to = utc(to);
        let got = within(30, ical, move || {
            expand_ok(ical, utc("2000-01-01T00:00:00Z"), to, None)
        });
        assert_instants_in("UTC", ical, &got, &utcs(expected));
    }
}

#[test]
fn limit_returns_the_first_instances() {
    let (from, to) = all_years();
    let ical = "DTSTART:19000101T000000Z\nRRULE:FREQ=MINUTELY";
    let got = within(10, ical, move || {
        expand_ok(ical, utc("2030-06-01T00:00:00Z"), to, Some(3))
    });
    assert_instants_in(
        "UTC",
        ical,
        &got,
        &utcs(&[
            "2030-06-01T00:00:00Z",
            "2030-06-01T00:01:00Z",
            "2030-06-01T00:02:00Z",
        ]),
    );
    let got = within(10, ical, move || expand_ok(ical, from, to, Some(2)));
    assert_instants_in(
        "UTC",
        ical,
        &got,
        &utcs(&["1900-01-01T00:00:00Z", "1900-01-01T00:01:00Z"]),
    );
    // A limit above the number of instances returns them all.
    let ical = "DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY;COUNT=3";
    assert_eq!(expand_ok(ical, from, to, Some(10)).len(), 3);
    assert_eq!(expand_ok(ical, from, to, Some(0)).len(), 0);
}

#[test]
fn over_the_ceiling_without_limit_is_limit_exceeded() {
    // Three years of minutes: about 1.58 million instants, over the default 1,000,000.
    let ical = "DTSTART:20260101T000000Z\nRRULE:FREQ=MINUTELY";
    let from = utc("2026-01-01T00:00:00Z");
    let to = utc("2029-01-01T00:00:00Z");
    let got = within(60, ical, move || slotwise::expand(ical, from, to, None));
    let e = got.expect_err("more than the ceiling without a limit");
    assert_eq!(e.code(), ErrorCode::LimitExceeded, "{e}");
    // With a limit it is fine.
    let got = within(60, ical, move || {
        slotwise::expand(ical, from, to, Some(1000))
    });
    assert_eq!(got.expect("with a limit").len(), 1000);
    // A host-lowered ceiling.
    let set = RecurrenceSet::parse("DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY").expect("parse");
    let small = Limits {
        max_instances: 10,
        ..Limits::default()
    };
    let e = set
        .between(from, utc("2026-01-12T00:00:00Z"), None, &small)
        .expect_err("11 instants over a ceiling of 10");
    assert_eq!(e.code(), ErrorCode::LimitExceeded, "{e}");
    let ok = set
        .between(from, utc("2026-01-11T00:00:00Z"), None, &small)
        .expect("exactly the ceiling");
    assert_eq!(ok.len(), 10);
    let ok = set
        .between(from, utc("2027-01-01T00:00:00Z"), Some(5), &small)
        .expect("a limit under the ceiling");
    assert_eq!(ok.len(), 5);
}

#[test]
fn windows_up_to_year_9999() {
    let end = utc("9999-12-31T23:59:59Z") + 1;
    let ical = "DTSTART:20000101T000000Z\nRRULE:FREQ=YEARLY";
    let got = within(20, ical, move || {
        expand_ok(ical, utc("9990-01-01T00:00:00Z"), end, None)
    });
    let dates: Vec<String> = (9990..=9999).map(|y| format!("{y}-01-01")).collect();
    let refs: Vec<&str> = dates.iter().map(String::as_str).collect();
    assert_instants_in("UTC", ical, &got, &at_time("UTC", "00:00", &refs));

    let ical = "DTSTART:20000101T230000Z\nRRULE:FREQ=DAILY";
    let got = within(20, ical, move || {
        expand_ok(ical, utc("9999-12-29T00:00:00Z"), end, None)
    });
    assert_instants_in(
        "UTC",
        ical,
        &got,
        &at_time("UTC", "23:00", &["9999-12-29", "9999-12-30", "9999-12-31"]),
    );

    // A zone with DST rules: January is EST in any year.
    let ical = "DTSTART;TZID=America/New_York:20000110T120000\nRRULE:FREQ=MONTHLY;BYMONTH=1";
    let got = within(20, ical, move || {
        expand_ok(ical, utc("9998-01-01T00:00:00Z"), end, None)
    });
    assert_instants(
        ical,
        &got,
        &utcs(&["9998-01-10T17:00:00Z", "9999-01-10T17:00:00Z"]),
    );

    // An instance whose instant would be past 9999 is simply not there.
    let ical = "DTSTART;TZID=America/New_York:20000101T230000\nRRULE:FREQ=DAILY";
    let got = within(20, ical, move || {
        expand_ok(ical, utc("9999-12-30T00:00:00Z"), end, None)
    });
    assert_instants(
        ical,
        &got,
        &utcs(&["9999-12-30T04:00:00Z", "9999-12-31T04:00:00Z"]),
    );
}

#[test]
fn seek_far_from_dtstart_is_fast() {
    // A walk from DTSTART would take billions of steps.
    let ical = "DTSTART:19700101T000000Z\nRRULE:FREQ=SECONDLY";
    let got = within(20, ical, move || {
        expand_ok(
            ical,
            utc("9999-12-31T23:59:55Z"),
            utc("9999-12-31T23:59:59Z") + 1,
            None,
        )
    });
    assert_eq!(
        got.len(),
        5,
        "{:?}",
        got.iter().map(|t| fmt(*t)).collect::<Vec<_>>()
    );
    assert_eq!(fmt(got[4]), "9999-12-31T23:59:59Z");
    let ical = "DTSTART;TZID=Europe/Lisbon:19000101T000000\nRRULE:FREQ=MINUTELY;INTERVAL=7";
    let got = within(20, ical, move || {
        expand_ok(
            ical,
            utc("2090-01-01T00:00:00Z"),
            utc("2090-01-01T01:00:00Z"),
            None,
        )
    });
    // Minutes since 1900-01-01 00:00 local (wall clock) divisible by 7.
    let base = naive("1900-01-01T00:00").and_utc().timestamp();
    let expected: Vec<i64> = (0..60)
        .map(|m| naive("2090-01-01T00:00").and_utc().timestamp() + m * 60)
        .filter(|wall| (wall - base) % (7 * 60) == 0)
        // Lisbon is WET (+0) in January 2090.
        .collect();
    assert_instants_in("Europe/Lisbon", ical, &got, &expected);
}

/// The same rules with a 1990 DTSTART, queried in 2030: the instants expected from the
/// rule's definition (computed here from the calendar, not by the engine).
#[test]
fn dtstart_1990_queried_in_2030() {
    let z = "America/New_York";
    // Daily at 09:00 across the 2030 spring-forward (Mar 10, 2030).
    let ical = tz_ical(z, "19900101T090000", "FREQ=DAILY");
    let got = within(20, "daily", {
        let ical = ical.clone();
        move || {
            expand_ok(
                &ical,
                utc("2030-03-09T00:00:00Z"),
                utc("2030-03-12T00:00:00Z"),
                None,
            )
        }
    });
    assert_instants(
        &ical,
        &got,
        &ny_days("09:00", &["2030-03-09", "2030-03-10", "2030-03-11"]),
    );

    // Working hours MO/WE/FR at 09:00, 09:30, 14:00, 14:30, the week of the 2030
    // fall-back (Nov 3, 2030).
    let ical = tz_ical(
        z,
        "19900101T090000",
        "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9,14;BYMINUTE=0,30",
    );
    let got = within(20, "weekly", {
        let ical = ical.clone();
        move || {
            expand_ok(
                &ical,
                utc("2030-11-01T00:00:00Z"),
                utc("2030-11-09T00:00:00Z"),
                None,
            )
        }
    });
    let mut expected = Vec::new();
    for d in ["2030-11-01", "2030-11-04", "2030-11-06", "2030-11-08"] {
        for t in ["09:00", "09:30", "14:00", "14:30"] {
            expected.push(ny(&format!("{d}T{t}")));
        }
    }
    assert_instants(&ical, &got, &expected);

    // Last weekday of the month.
    let ical = tz_ical(
        z,
        "19900131T170000",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    );
    let got = within(20, "monthly", {
        let ical = ical.clone();
        move || {
            expand_ok(
                &ical,
                utc("2030-01-01T00:00:00Z"),
                utc("2030-07-01T00:00:00Z"),
                None,
            )
        }
    });
    assert_instants(
        &ical,
        &got,
        &ny_days(
            "17:00",
            &[
                "2030-01-31",
                "2030-02-28",
                "2030-03-29",
                "2030-04-30",
                "2030-05-31",
                "2030-06-28",
            ],
        ),
    );

    // The first Sunday of November at 01:30: ambiguous in 2030 (Nov 3 is the
    // fall-back day), so its first instant (EDT).
    let ical = tz_ical(z, "19901104T013000", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU");
    let got = within(20, "yearly", {
        let ical = ical.clone();
        move || {
            expand_ok(
                &ical,
                utc("2029-01-01T00:00:00Z"),
                utc("2031-01-01T00:00:00Z"),
                None,
            )
        }
    });
    assert_instants(
        &ical,
        &got,
        &utcs(&["2029-11-04T05:30:00Z", "2030-11-03T05:30:00Z"]),
    );

    // Every 7 hours of wall-clock time since 1990-01-01 00:00.
    let ical = tz_ical(z, "19900101T000000", "FREQ=HOURLY;INTERVAL=7");
    let got = within(20, "hourly", {
        let ical = ical.clone();
        move || {
            expand_ok(
                &ical,
                utc("2030-06-01T00:00:00Z"),
                utc("2030-06-03T00:00:00Z"),
                None,
            )
        }
    });
    let base = naive("1990-01-01T00:00").and_utc().timestamp();
    let first = naive("2030-05-31T00:00").and_utc().timestamp();
    let expected: Vec<i64> = (0..24 * 4)
        .map(|h| first + h * 3600)
        .filter(|wall| (wall - base) % (7 * 3600) == 0)
        .map(|wall| {
            resolve(
                z,
                chrono::DateTime::from_timestamp(wall, 0)
                    .unwrap()
                    .naive_utc(),
            )
        })
        .filter(|t| (utc("2030-06-01T00:00:00Z")..utc("2030-06-03T00:00:00Z")).contains(t))
        .collect();
    assert!(expected.len() >= 6);
    assert_instants(&ical, &got, &expected);
}

#[test]
fn count_rule_far_before_the_window_is_empty() {
    let ical = "DTSTART:19900101T000000Z\nRRULE:FREQ=DAILY;COUNT=5";
    let got = within(10, ical, move || {
        expand_ok(
            ical,
            utc("2030-01-01T00:00:00Z"),
            utc("2031-01-01T00:00:00Z"),
            None,
        )
    });
    assert!(got.is_empty());
    let ical = "DTSTART:19900101T000000Z\nRRULE:FREQ=DAILY;UNTIL=19900105T000000Z";
    let got = within(10, ical, move || {
        expand_ok(
            ical,
            utc("2030-01-01T00:00:00Z"),
            utc("2031-01-01T00:00:00Z"),
            None,
        )
    });
    assert!(got.is_empty());
}
