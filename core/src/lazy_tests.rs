//! The walks that stop early read only the appointments they reach: a schedule
//! booked for six months, free for a month, then booked for five more. Every path
//! with `first` (the whole answer, the stream, the columns, the combined queries)
//! finds the five free slots of July reading the first half year's appointments and
//! at most a batch beyond, never the five months after. Counted, not timed.

use serde_json::json;

use crate::capacity::{Appointment, HOLDS_READ};
use crate::engine::Engine;
use crate::query::Query;
use crate::time::{format_instant, parse_instant};

const DAY: i64 = 86_400;

/// Open 08:00-18:00 UTC daily in 30-minute slots (20 a day): every slot booked on
/// the first 181 days of 2026 and on days 212 to 364; July free. A second schedule
/// (`room`) is open the same hours and never booked.
fn engine() -> (Engine, usize, i64) {
    let mut e = Engine::new();
    e.set_parallel(false);
    for id in ["dr-ana", "room"] {
        let s = serde_json::from_value(json!({
            "id": id, "timezone": "UTC",
            "availability": [{"rule": "DTSTART:20260101T080000\nRRULE:FREQ=DAILY", "end": "18:00"}],
            "slot": {"duration": "PT30M", "capacity": 1}
        }))
        .unwrap();
        e.add_schedule(s).unwrap();
    }
    let from = parse_instant("2026-01-01T00:00:00Z").unwrap();
    let mut n = 0;
    for day in (0..181).chain(212..365) {
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
    (e, n, from)
}

/// Holds read by `f` on this thread.
fn reads(f: impl FnOnce()) -> usize {
    HOLDS_READ.with(|n| n.set(0));
    f();
    HOLDS_READ.with(std::cell::Cell::get)
}

/// The first half year's appointments and at most one batch (256) and a day beyond.
const EARLY: usize = 181 * 20 + 256 + 20;

fn july_first(from: i64) -> i64 {
    from + 181 * DAY + 8 * 3600
}

#[test]
fn first_reads_only_the_appointments_it_reaches() {
    let (e, total, from) = engine();
    assert_eq!(total, (181 + 153) * 20);
    let q = Query {
        first: Some(5),
        schedules: Some(vec!["dr-ana".into()]),
        to: Query::OPEN_END,
        ..Query::new(from, 0)
    };
    let expected: Vec<i64> = (0..5).map(|k| july_first(from) + k * 1800).collect();

    let read = reads(|| {
        let got: Vec<i64> = e
            .availability(&q)
            .unwrap()
            .iter()
            .map(|s| s.start)
            .collect();
        assert_eq!(got, expected);
    });
    assert!(read <= EARLY, "availability read {read}");

    let read = reads(|| {
        let got: Vec<i64> = e
            .availability_stream(&q)
            .unwrap()
            .map(|s| s.start)
            .collect();
        assert_eq!(got, expected);
    });
    assert!(read <= EARLY, "stream read {read}");

    let read = reads(|| assert_eq!(e.availability_columns(&q).unwrap().start, expected));
    assert!(read <= EARLY, "columns read {read}");

    // The same queries over the whole window read every appointment: the counter
    // tells the difference.
    let whole = Query::new(from, from + 366 * DAY);
    let read = reads(|| {
        e.availability_columns(&whole).unwrap();
    });
    assert_eq!(read, total);
}

#[test]
fn combined_first_reads_only_the_appointments_it_reaches() {
    let (e, _, from) = engine();
    let ask = |combine: serde_json::Value| -> Query {
        serde_json::from_value(json!({
            "from": format_instant(from), "first": 5, "combine": combine
        }))
        .unwrap()
    };
    // Both schedules must take it: the first five are July's.
    let all = ask(json!({"mode": "all", "schedules": ["dr-ana", "room"], "duration": "PT30M"}));
    let k2 = ask(
        json!({"mode": "k_of_n", "k": 2, "schedules": ["dr-ana", "room"],
                        "duration": "PT30M"}),
    );
    for q in [all, k2] {
        let read = reads(|| {
            let rows = e.combined(&q).unwrap();
            let starts: Vec<i64> = rows.iter().map(|r| r.start).collect();
            assert_eq!(
                starts,
                (0..5)
                    .map(|k| july_first(from) + k * 1800)
                    .collect::<Vec<_>>()
            );
            assert!(rows.iter().all(|r| r.schedules == ["dr-ana", "room"]));
        });
        assert!(read <= EARLY, "combined read {read}");
    }
    // A pool: the room takes the first five (January), and nothing of dr-ana's
    // beyond the first batch is read.
    let any = ask(json!({"mode": "any", "schedules": ["dr-ana", "room"]}));
    let read = reads(|| {
        let rows = e.combined(&any).unwrap();
        assert_eq!(rows.len(), 5);
        assert!(rows
            .iter()
            .all(|r| r.schedules == ["room"] && r.remaining == 1));
        assert_eq!(rows[0].start, from + 8 * 3600);
    });
    assert!(read <= 256 + 20, "pool read {read}");
}
