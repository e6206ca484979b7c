//! Combined queries against a brute-force reference on random combinations: the
//! reference takes each schedule's open time from the engine (the windows are
//! tested on their own elsewhere) and decides everything else minute by minute:
//! the intervals when enough schedules are open, the candidates, seats with
//! buffers, booking limits by local date, the pool's sums and fairness order.

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::json;
use slotwise::capacity::Appointment;
use slotwise::schedule::Schedule;
use slotwise::time::parse_instant;
use slotwise::{CombinedRow, Engine, LimitPeriod, Limits, Query, Zone};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> i64 {
        (self.next() % n) as i64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }
}

const ZONES: &[&str] = &["UTC", "America/New_York", "Europe/Lisbon", "Europe/Madrid"];

fn random_engine(rng: &mut Rng, n: usize) -> (Engine, Vec<String>) {
    let mut e = Engine::new();
    let mut ids = Vec::new();
    for i in 0..n {
        let id = format!("s{i}");
        let start = 7 + rng.below(5);
        let end = start + 2 + rng.below(5);
        let mut v = json!({
            "id": id, "timezone": rng.pick(ZONES),
            "availability": [{"rule": format!("DTSTART:20260301T{start:02}0000\nRRULE:FREQ=DAILY"),
                              "end": format!("{end:02}:{:02}", *rng.pick(&[0, 30]))}],
            "slot": {"duration": format!("PT{}M", rng.pick(&[30, 60])),
                     "capacity": 1 + rng.below(2),
                     "buffer_before": format!("PT{}M", rng.pick(&[0, 0, 15])),
                     "buffer_after": format!("PT{}M", rng.pick(&[0, 0, 10]))}
        });
        if rng.below(3) == 0 {
            v["limits"] = json!([{"period": rng.pick(&["day", "week", "month"]),
                                  "max_appointments": 1 + rng.below(2)}]);
        }
        if rng.below(4) == 0 {
            v["limits"] = json!([{"period": "day", "max_minutes": rng.pick(&[60, 90, 120])}]);
        }
        if rng.below(3) == 0 {
            let day = 6 + rng.below(4);
            let from = parse_instant(&format!("2026-03-{day:02}T00:00:00Z")).unwrap()
                + 60 * (8 * 60 + 15 * rng.below(40));
            v["exclusions"] = json!([{"kind": "range",
                "from": slotwise::time::format_instant(from),
                "to": slotwise::time::format_instant(from + 60 * *rng.pick(&[30, 60, 180]))}]);
        }
        let s: Schedule = serde_json::from_value(v).unwrap();
        e.add_schedule(s).unwrap();
        for j in 0..rng.below(6) {
            let day = 6 + rng.below(4);
            let minute = 6 * 60 + 15 * rng.below(40);
            let start =
                parse_instant(&format!("2026-03-{day:02}T00:00:00Z")).unwrap() + minute * 60;
            let a: Appointment = serde_json::from_value(json!({
                "id": format!("{id}-a{j}"), "schedule": id,
                "start": slotwise::time::format_instant(start),
                "end": slotwise::time::format_instant(start + 60 * *rng.pick(&[15, 30, 60, 90])),
                "seats": 1 + rng.below(2)
            }))
            .unwrap();
            e.add_appointment(a).unwrap();
        }
        ids.push(id);
    }
    (e, ids)
}

fn local_date(zone: Zone, t: i64) -> NaiveDate {
    zone.to_local(t).date()
}

fn period_start(p: LimitPeriod, d: NaiveDate) -> NaiveDate {
    match p {
        LimitPeriod::Day => d,
        LimitPeriod::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        LimitPeriod::Month => d.with_day(1).unwrap(),
    }
}

/// The seat-holding appointments of `id`.
fn holds<'a>(e: &'a Engine, id: &'a str) -> impl Iterator<Item = &'a Appointment> + 'a {
    e.appointments()
        .filter(move |a| a.schedule == id && a.status.holds_seats())
}

/// Free seats for `[t, t + d)` if `id` can take it with `seats` (minute by minute).
fn can_take(e: &Engine, id: &str, open: &[(i64, i64)], t: i64, d: i64, seats: u32) -> Option<u32> {
    let s = e.schedule(id).unwrap();
    if !open.iter().any(|&(a, b)| a <= t && t + d <= b) {
        return None;
    }
    if s.exclusions
        .iter()
        .any(|x| x.from.unwrap() < t + d && t < x.to.unwrap())
    {
        return None;
    }
    let (lo, hi) = (t - s.slot.buffer_before, t + d + s.slot.buffer_after);
    let mut peak = 0u32;
    let mut m = lo;
    while m < hi {
        let held: u32 = holds(e, id)
            .filter(|a| a.start <= m && m < a.end)
            .map(|a| a.seats)
            .sum();
        peak = peak.max(held);
        m += 60;
    }
    let free = s.slot.capacity.saturating_sub(peak);
    if free < seats {
        return None;
    }
    let zone = Zone::parse(&s.timezone).unwrap();
    for l in &s.limits {
        let own = period_start(l.period, local_date(zone, t));
        let same: Vec<&Appointment> = holds(e, id)
            .filter(|a| period_start(l.period, local_date(zone, a.start)) == own)
            .collect();
        let secs: i64 = same.iter().map(|a| a.end - a.start).sum();
        if l.max_appointments.is_some_and(|m| same.len() >= m as usize)
            || l.max_minutes.is_some_and(|m| secs + d > i64::from(m) * 60)
        {
            return None;
        }
    }
    Some(free)
}

fn reference_joint(
    e: &Engine,
    q: &Query,
    ids: &[String],
    need: usize,
    d: i64,
    step: i64,
    k_mode: bool,
) -> Vec<CombinedRow> {
    let (from, to) = (q.from, q.to);
    let open: Vec<Vec<(i64, i64)>> = ids
        .iter()
        .map(|id| {
            e.compiled_schedule(id)
                .unwrap()
                .open_between(from - 3 * 86_400, to + 3 * 86_400, &Limits::default())
                .unwrap()
                .into_iter()
                .map(|s| (s.start, s.end))
                .collect()
        })
        .collect();
    let count = |m: i64| {
        open.iter()
            .filter(|o| o.iter().any(|&(a, b)| a <= m && m < b))
            .count()
    };
    let mut rows = Vec::new();
    let mut m = from - 2 * 86_400;
    let stop = to + 2 * 86_400;
    while m < stop {
        if count(m) < need {
            m += 60;
            continue;
        }
        let c0 = m;
        while m < stop && count(m) >= need {
            m += 60;
        }
        let c1 = m;
        let mut t = c0;
        while t + d <= c1 {
            if t >= from && t < to {
                let mut who = Vec::new();
                let mut least = u32::MAX;
                for (i, id) in ids.iter().enumerate() {
                    if let Some(free) = can_take(e, id, &open[i], t, d, q.seats) {
                        who.push(id.clone());
                        least = least.min(free);
                    }
                }
                if who.len() >= need {
                    let remaining = if k_mode { who.len() as u32 } else { least };
                    rows.push(CombinedRow {
                        start: t,
                        end: t + d,
                        schedules: who,
                        remaining,
                    });
                }
            }
            t += step;
        }
    }
    rows
}

fn reference_pool(e: &Engine, q: &Query, ids: &[String]) -> Vec<CombinedRow> {
    let mut by: std::collections::BTreeMap<(i64, i64), Vec<(String, u32)>> = Default::default();
    for id in ids {
        for s in e.slots_of(id, q.from, q.to, 0).unwrap() {
            by.entry((s.start, s.end))
                .or_default()
                .push((id.clone(), s.remaining));
        }
    }
    let mut rows = Vec::new();
    for ((start, end), list) in by {
        let mut able: Vec<(usize, String)> = list
            .iter()
            .filter(|(_, r)| *r >= q.seats)
            .map(|(id, _)| {
                let zone = Zone::parse(&e.schedule(id).unwrap().timezone).unwrap();
                let day = local_date(zone, start);
                (
                    holds(e, id)
                        .filter(|a| local_date(zone, a.start) == day)
                        .count(),
                    id.clone(),
                )
            })
            .collect();
        if able.is_empty() {
            continue;
        }
        able.sort();
        rows.push(CombinedRow {
            start,
            end,
            schedules: able.into_iter().map(|x| x.1).collect(),
            remaining: list.iter().map(|x| x.1).sum(),
        });
    }
    rows
}

#[test]
fn combined_rows_agree_with_the_brute_force_reference() {
    let mut rng = Rng(0x5EED_C0B1_u64);
    let mut nonempty = 0;
    for case in 0..60 {
        let n = 2 + rng.below(3) as usize;
        let (e, mut ids) = random_engine(&mut rng, n);
        let day = 6 + rng.below(3);
        let from = parse_instant(&format!("2026-03-{day:02}T00:00:00Z")).unwrap();
        let mut q = Query::new(from, from + 2 * 86_400);
        q.seats = rng.below(3) as u32;
        let mode = rng.below(3);
        let d = 60 * *rng.pick(&[30, 45, 60]);
        let step = 60 * *rng.pick(&[15, 30, 60]);
        let k = 1 + rng.below(n as u64) as usize;
        let combine = match mode {
            0 => {
                json!({"mode": "all", "schedules": ids, "duration": format!("PT{}S", d), "step": format!("PT{}S", step)})
            }
            1 => {
                json!({"mode": "k_of_n", "k": k, "schedules": ids, "duration": format!("PT{}S", d), "step": format!("PT{}S", step)})
            }
            _ => json!({"mode": "any", "schedules": ids}),
        };
        q.combine = Some(serde_json::from_value(combine).unwrap());
        let got = e.combined(&q).unwrap();
        ids.sort();
        let want = match mode {
            0 => reference_joint(&e, &q, &ids, n, d, step, false),
            1 => reference_joint(&e, &q, &ids, k, d, step, true),
            _ => reference_pool(&e, &q, &ids),
        };
        assert_eq!(
            got, want,
            "case {case} (mode {mode}, k {k}, seats {})",
            q.seats
        );
        nonempty += usize::from(!got.is_empty());
    }
    assert!(nonempty > 30, "too few cases with rows: {nonempty}");
}
