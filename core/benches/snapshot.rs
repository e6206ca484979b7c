//! Snapshots at scale: 10,000 schedules with a year of appointments (250 each, 2.5
//! million). Opening (header and table checked, schedules built on first use), with
//! and without the copy of a borrowed slice; opening plus the first availability
//! query for one schedule and for all of them (a week), against the same query on the
//! engine the snapshot came from; opening and building everything; the first
//! add/check/update/remove of an appointment after opening (through the id index);
//! writing. Engines are dropped outside the timings. Figures: benches/README.md.

mod fixtures;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use fixtures::DAY;
use slotwise::time::parse_instant;
use slotwise::{Engine, Limits, Query};

const SCHEDULES: usize = 10_000;
const PER_SCHEDULE: usize = 250;

fn bench(c: &mut Criterion) {
    let from = parse_instant("2026-01-05T00:00:00Z").unwrap();
    let built = std::time::Instant::now();
    let engine = fixtures::engine(SCHEDULES, PER_SCHEDULE, from, 365);
    let bytes = engine.to_snapshot().unwrap();
    eprintln!(
        "{SCHEDULES} schedules, {} appointments: built in {:.1?}, snapshot {:.1} MB",
        SCHEDULES * PER_SCHEDULE,
        built.elapsed(),
        bytes.len() as f64 / 1e6
    );
    let week = Query::new(from + 100 * DAY, from + 107 * DAY);
    let mut one = week.clone();
    one.schedules = Some(vec!["schedule-04242".into()]);

    let mut group = c.benchmark_group("snapshot");
    group.sample_size(10);
    group.bench_function("open (owned bytes)", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| Engine::from_snapshot_vec(bytes, Limits::default()).unwrap(),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("open (borrowed bytes, copied)", |b| {
        b.iter(|| Engine::from_snapshot(&bytes).unwrap())
    });
    group.bench_function("open + first query, one schedule, a week", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| {
                let e = Engine::from_snapshot_vec(bytes, Limits::default()).unwrap();
                let slots = e.availability(&one).unwrap();
                (e, slots)
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function("open + first query, all schedules, a week", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| {
                let e = Engine::from_snapshot_vec(bytes, Limits::default()).unwrap();
                let slots = e.availability(&week).unwrap();
                (e, slots)
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function("open + load_all (every block checked and built)", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| {
                let e = Engine::from_snapshot_vec(bytes, Limits::default()).unwrap();
                e.load_all().unwrap();
                e
            },
            BatchSize::LargeInput,
        )
    });
    let booking = slotwise::capacity::Appointment {
        version: None,
        id: "new".into(),
        schedule: "schedule-04242".into(),
        start: from + 101 * DAY + 13 * 3600,
        end: from + 101 * DAY + 13 * 3600 + 1800,
        seats: 1,
        status: slotwise::capacity::Status::Booked,
    };
    // `SLOTWISE_FIRST_CALLS=n`: time each first call alone (not the opening) on n
    // fresh openings, print the fastest and the median, and exit: steadier than the
    // criterion figures (which include opening) on a loaded machine.
    if let Some(n) = std::env::var("SLOTWISE_FIRST_CALLS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        let existing = engine.appointment("apt-04242-0100").unwrap().clone();
        let mut moved = existing.clone();
        moved.start += 1800;
        moved.end += 1800;
        type Call<'a> = Box<dyn Fn(&mut Engine) + 'a>;
        let calls: Vec<(&str, Call)> = vec![
            (
                "add_appointment",
                Box::new(|e| e.add_appointment(booking.clone()).unwrap()),
            ),
            (
                "check_booking",
                Box::new(|e| {
                    e.check_booking(&existing, &slotwise::BookingRules::default())
                        .unwrap();
                }),
            ),
            (
                "update_appointment",
                Box::new(|e| e.update_appointment(moved.clone()).unwrap()),
            ),
            (
                "remove_appointment",
                Box::new(|e| e.remove_appointment(&existing.id).unwrap()),
            ),
        ];
        for (name, call) in &calls {
            let mut times: Vec<std::time::Duration> = (0..n)
                .map(|_| {
                    let mut e =
                        Engine::from_snapshot_vec(bytes.clone(), Limits::default()).unwrap();
                    let started = std::time::Instant::now();
                    call(&mut e);
                    let took = started.elapsed();
                    drop(e);
                    took
                })
                .collect();
            times.sort();
            eprintln!(
                "first {name} after opening: fastest {:.2?}, median {:.2?}",
                times[0],
                times[n / 2]
            );
        }
        std::process::exit(0);
    }
    group.bench_function("open + first booking (id index lookup)", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| {
                let mut e = Engine::from_snapshot_vec(bytes, Limits::default()).unwrap();
                e.add_appointment(booking.clone()).unwrap();
                e
            },
            BatchSize::LargeInput,
        )
    });
    // An appointment of the snapshot, found by id.
    let existing = engine.appointment("apt-04242-0100").unwrap().clone();
    group.bench_function("open + first check_booking", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| {
                let e = Engine::from_snapshot_vec(bytes, Limits::default()).unwrap();
                e.check_booking(&existing, &slotwise::BookingRules::default())
                    .unwrap();
                e
            },
            BatchSize::LargeInput,
        )
    });
    let mut moved = existing.clone();
    moved.start += 1800;
    moved.end += 1800;
    group.bench_function("open + first update_appointment", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| {
                let mut e = Engine::from_snapshot_vec(bytes, Limits::default()).unwrap();
                e.update_appointment(moved.clone()).unwrap();
                e
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function("open + first remove_appointment", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| {
                let mut e = Engine::from_snapshot_vec(bytes, Limits::default()).unwrap();
                e.remove_appointment(&existing.id).unwrap();
                e
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function("built engine: query, all schedules, a week", |b| {
        b.iter(|| engine.availability(&week).unwrap().len())
    });
    group.bench_function("write", |b| b.iter(|| engine.to_snapshot().unwrap()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
