//! `first: n` on random engines: the whole answer, the stream, the columns and the
//! combined queries (`all`, `k_of_n`, `any`) with `first` each give exactly the
//! first `n` items of the same query over the whole window. The engines have long
//! fully booked stretches (so the walks run far before the first free item, across
//! many batches of appointments and spans), buffers, booking limits, several zones.

use serde_json::{json, Value};
use slotwise::capacity::Appointment;
use slotwise::schedule::Schedule;
use slotwise::time::{format_instant, parse_instant};
use slotwise::{Engine, Query};

const DAY: i64 = 86_400;

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> i64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        i64::try_from(self.0 % n).unwrap()
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[usize::try_from(self.below(items.len() as u64)).unwrap()]
    }
}

const ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "Europe/Lisbon",
    "Australia/Sydney",
];

/// 2 to 4 schedules open a few hours a day from 2026-01-01; each of the first ones
/// booked solid for a random stretch of days, with a few scattered bookings after.
fn random_engine(rng: &mut Rng) -> (Engine, Vec<String>) {
    let mut e = Engine::new();
    let n = 2 + rng.below(3);
    let mut ids = Vec::new();
    let from = parse_instant("2026-01-01T00:00:00Z").unwrap();
    for i in 0..n {
        let id = format!("s{i}");
        let open = 8 + rng.below(3);
        let hours = 3 + rng.below(4);
        let minutes = *rng.pick(&[30, 60]);
        let mut v = json!({
            "id": id, "timezone": rng.pick(ZONES),
            "availability": [{"rule": format!("DTSTART:20260101T{open:02}0000\nRRULE:FREQ=DAILY"),
                              "end": format!("{:02}:00", open + hours)}],
            "slot": {"duration": format!("PT{minutes}M"), "capacity": 1 + rng.below(2),
                     "buffer_after": format!("PT{}M", rng.pick(&[0, 0, 10]))}
        });
        if rng.below(4) == 0 {
            v["limits"] = json!([{"period": rng.pick(&["day", "week"]),
                                  "max_appointments": 3 + rng.below(5)}]);
        }
        let s: Schedule = serde_json::from_value(v).unwrap();
        e.add_schedule(s).unwrap();
        // Booked solid: every minute of every day of the stretch, two seats.
        let days = if i + 1 < n {
            rng.below(120)
        } else {
            rng.below(10)
        };
        for day in 0..days {
            let start = from + day * DAY;
            for seat in 0..2 {
                book(
                    &mut e,
                    &format!("{id}-{day}-{seat}"),
                    &id,
                    start,
                    start + DAY,
                );
            }
        }
        for j in 0..(5 + rng.below(40)) {
            let start = from + (days + rng.below(60)) * DAY + 60 * 15 * rng.below(96);
            let length = 60 * *rng.pick(&[15, 30, 60, 240]);
            book(&mut e, &format!("{id}-x{j}"), &id, start, start + length);
        }
        ids.push(id);
    }
    (e, ids)
}

fn book(e: &mut Engine, id: &str, schedule: &str, start: i64, end: i64) {
    let a: Appointment = serde_json::from_value(json!({
        "id": id, "schedule": schedule,
        "start": format_instant(start), "end": format_instant(end)
    }))
    .unwrap();
    e.add_appointment(a).unwrap();
}

fn query(from: i64, to: Option<i64>, first: Option<u32>, combine: Option<Value>) -> Query {
    let mut v = json!({"from": format_instant(from)});
    if let Some(to) = to {
        v["to"] = json!(format_instant(to));
    }
    if let Some(n) = first {
        v["first"] = json!(n);
    }
    if let Some(c) = combine {
        v["combine"] = c;
    }
    serde_json::from_value(v).unwrap()
}

#[test]
fn first_is_the_prefix_of_the_whole_window_on_every_path() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for round in 0..12 {
        let (e, ids) = random_engine(&mut rng);
        let from = parse_instant("2026-01-01T00:00:00Z").unwrap() + 3600 * rng.below(24 * 40);
        // Without `to` the window reaches from + 366 days: the whole answer over it.
        let end = from + 366 * DAY;
        let n = u32::try_from(1 + rng.below(60)).unwrap();
        let take = usize::try_from(n).unwrap();
        let whole: Vec<String> = e
            .availability(&query(from, Some(end), None, None))
            .unwrap()
            .iter()
            .map(|s| format!("{} {}", s.key(), s.remaining))
            .collect();
        let want = &whole[..take.min(whole.len())];
        let q = query(from, None, Some(n), None);
        let got: Vec<String> = e
            .availability(&q)
            .unwrap()
            .iter()
            .map(|s| format!("{} {}", s.key(), s.remaining))
            .collect();
        assert_eq!(got, want, "round {round}: availability");
        let streamed: Vec<String> = e
            .availability_stream(&q)
            .unwrap()
            .map(|s| format!("{} {}", s.key(), s.remaining))
            .collect();
        assert_eq!(streamed, want, "round {round}: stream");
        let columns = e.availability_columns(&q).unwrap();
        let from_columns: Vec<String> = (0..columns.len())
            .map(|i| {
                let id = &columns.ids[columns.schedule[i] as usize];
                format!(
                    "{id}@{} {}",
                    format_instant(columns.start[i]),
                    columns.remaining[i]
                )
            })
            .collect();
        assert_eq!(from_columns, want, "round {round}: columns");

        let k = 1 + rng.below(ids.len() as u64);
        let step = *rng.pick(&["PT15M", "PT30M", "PT1H"]);
        for combine in [
            json!({"mode": "all", "schedules": ids, "duration": "PT30M", "step": step}),
            json!({"mode": "k_of_n", "k": k, "schedules": ids, "duration": "PT1H", "step": step}),
            json!({"mode": "any", "schedules": ids}),
        ] {
            let whole = e
                .combined(&query(from, Some(end), None, Some(combine.clone())))
                .unwrap();
            let got = e
                .combined(&query(from, None, Some(n), Some(combine.clone())))
                .unwrap();
            assert_eq!(
                got,
                whole[..take.min(whole.len())],
                "round {round}: {combine}"
            );
        }
    }
}
