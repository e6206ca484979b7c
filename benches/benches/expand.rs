//! Recurrence expansion: slotwise against rust-rrule (the `rrule` crate) on the same
//! rules and windows, in UTC and in a DST zone, plus the cost of a window far from
//! DTSTART (the seek).

use std::hint::black_box;

use chrono::TimeZone;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use slotwise::time::parse_instant;
use slotwise::{Limits, RecurrenceSet};

struct Case {
    name: &'static str,
    rule: &'static str,
    dtstart: &'static str,
    from: &'static str,
    to: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "weekday-hours-1y",
        rule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,30",
        dtstart: "20260105T090000",
        from: "2026-01-01T00:00:00Z",
        to: "2027-01-01T00:00:00Z",
    },
    Case {
        name: "monthly-last-weekday-50y",
        rule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        dtstart: "20000131T170000",
        from: "2000-01-01T00:00:00Z",
        to: "2050-01-01T00:00:00Z",
    },
    Case {
        name: "yearly-100y",
        rule: "FREQ=YEARLY;BYMONTH=3,11;BYDAY=2SU",
        dtstart: "20000312T020000",
        from: "2000-01-01T00:00:00Z",
        to: "2099-12-31T00:00:00Z",
    },
    Case {
        name: "daily-30y",
        rule: "FREQ=DAILY",
        dtstart: "20000101T083000",
        from: "2000-01-01T00:00:00Z",
        to: "2030-01-01T00:00:00Z",
    },
];

fn ical(zone: &str, dtstart: &str, rule: &str) -> String {
    if zone == "UTC" {
        format!("DTSTART:{dtstart}Z\nRRULE:{rule}")
    } else {
        format!("DTSTART;TZID={zone}:{dtstart}\nRRULE:{rule}")
    }
}

fn rrule_window(set: rrule::RRuleSet, from: &str, to: &str) -> rrule::RRuleSet {
    let tz = rrule::Tz::UTC;
    let from = chrono::DateTime::parse_from_rfc3339(from)
        .unwrap()
        .timestamp();
    let to = chrono::DateTime::parse_from_rfc3339(to)
        .unwrap()
        .timestamp()
        - 1;
    set.after(tz.timestamp_opt(from, 0).unwrap())
        .before(tz.timestamp_opt(to, 0).unwrap())
}

fn expansion(c: &mut Criterion) {
    let limits = Limits::default();
    for zone in ["UTC", "America/New_York"] {
        let mut group = c.benchmark_group(format!("expand/{zone}"));
        for case in CASES {
            let text = ical(zone, case.dtstart, case.rule);
            let (from, to) = (
                parse_instant(case.from).unwrap(),
                parse_instant(case.to).unwrap(),
            );
            let set = RecurrenceSet::parse(&text).unwrap();
            let ours = set.between(from, to, None, &limits).unwrap();
            let theirs: rrule::RRuleSet = text.parse().unwrap();
            let theirs = rrule_window(theirs, case.from, case.to);
            let check = theirs.clone().all(u16::MAX);
            assert_eq!(
                check.dates.len(),
                ours.len(),
                "{zone} {}: both libraries must agree before being timed",
                case.name
            );
            group.throughput(Throughput::Elements(ours.len() as u64));
            group.bench_function(BenchmarkId::new("slotwise", case.name), |b| {
                b.iter(|| black_box(set.between(from, to, None, &limits).unwrap()))
            });
            group.bench_function(BenchmarkId::new("slotwise+parse", case.name), |b| {
                b.iter(|| {
                    let set = RecurrenceSet::parse(black_box(&text)).unwrap();
                    black_box(set.between(from, to, None, &limits).unwrap())
                })
            });
            group.bench_function(BenchmarkId::new("rust-rrule", case.name), |b| {
                b.iter(|| black_box(theirs.clone().all(u16::MAX)))
            });
        }
        group.finish();
    }
}

/// One month of a daily rule whose DTSTART is 0, 10 or 40 years before the window.
fn seek(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("seek/America/New_York");
    let (from_text, to_text) = ("2030-03-01T00:00:00Z", "2030-04-01T00:00:00Z");
    let (from, to) = (
        parse_instant(from_text).unwrap(),
        parse_instant(to_text).unwrap(),
    );
    for start_year in [1990, 2020, 2030] {
        let text = ical(
            "America/New_York",
            &format!("{start_year}0101T090000"),
            "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
        );
        let set = RecurrenceSet::parse(&text).unwrap();
        let theirs = rrule_window(text.parse().unwrap(), from_text, to_text);
        group.bench_function(BenchmarkId::new("slotwise", start_year), |b| {
            b.iter(|| black_box(set.between(from, to, None, &limits).unwrap()))
        });
        group.bench_function(BenchmarkId::new("rust-rrule", start_year), |b| {
            b.iter(|| black_box(theirs.clone().all(u16::MAX)))
        });
    }
    group.finish();
}

criterion_group!(benches, expansion, seek);
criterion_main!(benches);
