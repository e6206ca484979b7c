//! `first: 5` on a schedule fully booked for six months and free after, against the
//! same query with a fixed one-year window (whole answer), on every path: the whole
//! answer, the stream, the columns, and a combined `all` with a room that is never
//! booked. Run: `cargo bench -p slotwise --bench first`.
//!
//! Instructions of one call (setup left out):
//! `SLOTWISE_FIRST_CASE=<path>/<first_5|year> valgrind --tool=callgrind
//! --toggle-collect='*one_call*' target/release/deps/first-<hash>` (see
//! core/benches/README.md); with `SLOTWISE_FIRST_REBOOKED=1`, `dr-ana` is booked
//! again from August to December (appointments past the first free slots); with
//! `SLOTWISE_FIRST_ROOMS=n`, `n` more rooms (never booked) are added and the slot
//! paths ask every schedule (the cost of many schedules when the first slots come
//! at once).

use std::hint::black_box;

use criterion::{criterion_group, Criterion};
use serde_json::json;
use slotwise::capacity::Appointment;
use slotwise::schedule::Schedule;
use slotwise::time::{format_instant, parse_instant};
use slotwise::{Engine, Query};

const DAY: i64 = 86_400;

/// `dr-ana` and `room`, open 08:00-18:00 UTC every day in 30-minute slots; every
/// slot of `dr-ana` booked from 2026-01-01 to 2026-06-30 (3,620 appointments), and
/// with `rebooked` from 2026-08-01 to 2026-12-31 too (3,060 more).
fn engine(rebooked: bool, rooms: usize) -> (Engine, i64) {
    let mut e = Engine::new();
    e.set_parallel(false);
    let extra = (0..rooms).map(|i| format!("room-{i:04}"));
    for id in ["dr-ana".to_owned(), "room".to_owned()]
        .into_iter()
        .chain(extra)
    {
        let schedule: Schedule = serde_json::from_value(json!({
            "id": id, "timezone": "UTC",
            "availability": [{"rule": "DTSTART:20260101T080000\nRRULE:FREQ=DAILY", "end": "18:00"}],
            "slot": {"duration": "PT30M", "capacity": 1}
        }))
        .unwrap();
        e.add_schedule(schedule).unwrap();
    }
    let from = parse_instant("2026-01-01T00:00:00Z").unwrap();
    let mut n = 0;
    let days = if rebooked { 212..365 } else { 0..0 };
    for day in (0..181).chain(days) {
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

/// The paths measured.
const PATHS: [&str; 4] = ["availability", "stream", "columns", "combined"];

/// The query of `path`: `first: 5` without `to`, or the fixed one-year window.
fn query(path: &str, from: i64, first: bool) -> Query {
    let mut q = if first {
        Query {
            first: Some(5),
            to: Query::OPEN_END,
            ..Query::new(from, 0)
        }
    } else {
        Query::new(from, from + 365 * DAY)
    };
    if path == "combined" {
        q.combine = Some(
            serde_json::from_value(json!({"mode": "all", "schedules": ["dr-ana", "room"],
                                          "duration": "PT30M"}))
            .unwrap(),
        );
    } else {
        q.schedules = Some(vec!["dr-ana".into()]);
    }
    q
}

/// One call on `path`; the number of items answered.
#[inline(never)]
fn one_call(e: &Engine, path: &str, q: &Query) -> usize {
    match path {
        "availability" => e.availability(q).unwrap().len(),
        "stream" => e.availability_stream(q).unwrap().count(),
        "columns" => e.availability_columns(q).unwrap().len(),
        _ => e.combined(q).unwrap().len(),
    }
}

fn bench(c: &mut Criterion) {
    let (e, from) = engine(false, 0);
    for path in PATHS {
        let first = query(path, from, true);
        let year = query(path, from, false);
        assert_eq!(one_call(&e, path, &first), 5);
        // July to December: 184 days of 20 slots.
        assert_eq!(one_call(&e, path, &year), 3680);
        let mut group = c.benchmark_group(format!("first_after_six_booked_months/{path}"));
        group.bench_function("first_5_no_to", |b| {
            b.iter(|| black_box(one_call(&e, path, black_box(&first))))
        });
        group.bench_function("fixed_one_year_window", |b| {
            b.iter(|| black_box(one_call(&e, path, black_box(&year))))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);

fn main() {
    // One call of one case, for instruction counts.
    if let Ok(case) = std::env::var("SLOTWISE_FIRST_CASE") {
        let (path, which) = case.split_once('/').expect("<path>/<first_5|year>");
        let rooms = std::env::var("SLOTWISE_FIRST_ROOMS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let (e, from) = engine(std::env::var_os("SLOTWISE_FIRST_REBOOKED").is_some(), rooms);
        let mut q = query(path, from, which == "first_5");
        if rooms > 0 && path != "combined" {
            q.schedules = None;
        }
        println!("{case}: {} items", one_call(&e, path, &q));
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
