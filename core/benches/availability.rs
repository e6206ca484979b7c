//! Availability at scale: 1,000 schedules over 90 days of 30-minute slots (about 1.4
//! million slots), 100,000 appointments and a few exclusions each; the full query
//! single-threaded and in parallel, and the incremental re-query a host makes after
//! one new booking (one schedule, one week). Figures: benches/README.md.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use slotwise::capacity::{Appointment, Status};
use slotwise::schedule::{
    AvailabilityRule, Exclusion, ExclusionKind, LocalDate, LocalTime, Schedule, SlotSpec,
};
use slotwise::time::parse_instant;
use slotwise::{Engine, Query};

const SCHEDULES: usize = 1_000;
const APPOINTMENTS: usize = 100_000;
const DAY: i64 = 86_400;
const ZONES: [&str; 4] = [
    "America/Sao_Paulo",
    "Europe/Lisbon",
    "America/New_York",
    "UTC",
];

fn local_time(h: u32, m: u32) -> LocalTime {
    LocalTime(chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

fn schedule(i: usize) -> Schedule {
    let rule = |start: &str, end: LocalTime| AvailabilityRule {
        rule: format!("DTSTART:20260101T{start}\nRRULE:FREQ=DAILY"),
        end: Some(end),
        duration: None,
    };
    let exclusions = (0..3)
        .map(|k| Exclusion {
            kind: ExclusionKind::Day,
            date: Some(LocalDate(
                chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()
                    + chrono::Duration::days(((i * 7 + k * 29) % 90) as i64),
            )),
            from: None,
            to: None,
            reason: None,
        })
        .collect();
    Schedule {
        version: None,
        id: format!("schedule-{i:04}"),
        timezone: ZONES[i % ZONES.len()].into(),
        availability: vec![
            rule("090000", local_time(12, 0)),
            rule("130000", local_time(18, 0)),
        ],
        overrides: Vec::new(),
        slot: SlotSpec {
            duration: 1800,
            step: None,
            capacity: 1 + (i % 3) as u32,
            buffer_before: 0,
            buffer_after: if i % 2 == 0 { 600 } else { 0 },
        },
        exclusions,
    }
}

fn engine() -> (Engine, i64, i64) {
    let from = parse_instant("2026-04-01T00:00:00Z").unwrap();
    let to = from + 90 * DAY;
    let mut engine = Engine::new();
    for i in 0..SCHEDULES {
        engine.add_schedule(schedule(i)).unwrap();
    }
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for n in 0..APPOINTMENTS {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let start = from + (x % (90 * 48) as u64) as i64 * 1800;
        engine
            .add_appointment(Appointment {
                version: None,
                id: format!("apt-{n}"),
                schedule: format!("schedule-{:04}", n % SCHEDULES),
                start,
                end: start + 1800,
                seats: 1,
                status: if n % 10 == 0 {
                    Status::Cancelled
                } else {
                    Status::Booked
                },
            })
            .unwrap();
    }
    (engine, from, to)
}

fn bench(c: &mut Criterion) {
    let (mut engine, from, to) = engine();
    let mut all = Query::new(from, to);
    all.seats = 0;
    let slots = engine.availability(&all).unwrap().len();
    eprintln!("{slots} slots in the full answer (seats 0)");
    // `SLOTWISE_COLUMNS_ITERS=n`: run the columnar query n times on one thread and
    // exit, for measuring CPU time or instructions with `perf stat` (once with n and
    // once with 0, the difference being n queries) on a machine others load.
    if let Some(n) = std::env::var("SLOTWISE_COLUMNS_ITERS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        engine.set_parallel(false);
        let query = Query::new(from, to);
        let mut total = 0;
        // `SLOTWISE_COLUMNS_FROM=whole`: the whole answer then `to_columns`, instead.
        let whole = std::env::var("SLOTWISE_COLUMNS_FROM").is_ok_and(|v| v == "whole");
        for _ in 0..n {
            total += if whole {
                black_box(engine.availability(&query).unwrap().to_columns()).len()
            } else {
                black_box(engine.availability_columns(&query).unwrap()).len()
            };
        }
        eprintln!("{n} columnar queries, {total} slots");
        std::process::exit(0);
    }

    let mut group = c.benchmark_group("availability");
    group.sample_size(10);
    group.throughput(Throughput::Elements(slots as u64));
    let query = Query::new(from, to);
    engine.set_parallel(false);
    group.bench_function("full, 1 thread", |b| {
        b.iter(|| engine.availability(&query).unwrap())
    });
    engine.set_parallel(true);
    group.bench_function("full, parallel", |b| {
        b.iter(|| engine.availability(&query).unwrap())
    });
    group.finish();

    // The columnar answer, filled straight from the streamed walk (no `Slot`, no
    // key), on one thread; and, for comparison, the whole answer turned into columns.
    let mut group = c.benchmark_group("columns");
    group.sample_size(10);
    group.throughput(Throughput::Elements(slots as u64));
    engine.set_parallel(false);
    group.bench_function("stream into columns, 1 thread", |b| {
        b.iter(|| engine.availability_columns(&query).unwrap())
    });
    group.bench_function("whole answer then to_columns, 1 thread", |b| {
        b.iter(|| engine.availability(&query).unwrap().to_columns())
    });
    engine.set_parallel(true);
    group.finish();

    let mut week = Query::new(from + 30 * DAY, from + 37 * DAY);
    week.schedules = Some(vec!["schedule-0042".into()]);
    let booking = Appointment {
        version: None,
        id: "new".into(),
        schedule: "schedule-0042".into(),
        start: from + 31 * DAY + 13 * 3600,
        end: from + 31 * DAY + 13 * 3600 + 1800,
        seats: 1,
        status: Status::Booked,
    };
    c.bench_function("incremental: book, re-query one schedule for a week", |b| {
        b.iter_custom(|iters| {
            let mut timed = std::time::Duration::ZERO;
            for _ in 0..iters {
                let started = std::time::Instant::now();
                engine.add_appointment(booking.clone()).unwrap();
                black_box(engine.availability(&week).unwrap());
                timed += started.elapsed();
                engine.remove_appointment("new").unwrap();
            }
            timed
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
