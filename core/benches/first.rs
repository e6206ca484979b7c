//! `first: 5` on a schedule fully booked for six months and free after, against the
//! same query with a fixed one-year window (whole answer): the first stops at five
//! slots while the fixed window lists every free slot of the year. Run:
//! `cargo bench -p slotwise --bench first`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;
use slotwise::capacity::Appointment;
use slotwise::schedule::Schedule;
use slotwise::time::{format_instant, parse_instant};
use slotwise::{Engine, Query};

const DAY: i64 = 86_400;

/// Open 08:00-18:00 UTC every day in 30-minute slots, every slot booked from
/// 2026-01-01 to 2026-06-30.
fn engine() -> (Engine, i64) {
    let schedule: Schedule = serde_json::from_value(json!({
        "id": "dr-ana", "timezone": "UTC",
        "availability": [{"rule": "DTSTART:20260101T080000\nRRULE:FREQ=DAILY", "end": "18:00"}],
        "slot": {"duration": "PT30M", "capacity": 1}
    }))
    .unwrap();
    let mut e = Engine::new();
    e.add_schedule(schedule).unwrap();
    let from = parse_instant("2026-01-01T00:00:00Z").unwrap();
    let mut n = 0;
    for day in 0..181 {
        for k in 0..20 {
            let start = from + day * DAY + 8 * 3600 + k * 1800;
            let a: Appointment = serde_json::from_value(json!({
                "id": format!("a{n}"), "schedule": "dr-ana",
                "start": format_instant(start), "end": format_instant(start + 1800)
            }))
            .unwrap();
            e.add_appointment(a).unwrap();
            n += 1;
        }
    }
    (e, from)
}

fn bench(c: &mut Criterion) {
    let (e, from) = engine();
    let first = Query {
        first: Some(5),
        to: Query::OPEN_END,
        ..Query::new(from, 0)
    };
    assert_eq!(e.availability(&first).unwrap().len(), 5);
    let year = Query::new(from, from + 365 * DAY);
    let mut group = c.benchmark_group("first_after_six_booked_months");
    group.bench_function("first_5_no_to", |b| {
        b.iter(|| black_box(e.availability(black_box(&first)).unwrap().len()))
    });
    group.bench_function("fixed_one_year_window", |b| {
        b.iter(|| black_box(e.availability(black_box(&year)).unwrap().len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
