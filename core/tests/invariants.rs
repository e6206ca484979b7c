//! Properties that hold across modules, on random engines: schedules in DST zones
//! with overrides, exclusions, buffers and capacity, and appointments of every
//! status, over March and early April 2026: New York's spring change (03-08),
//! Lisbon's (03-29) and Lord Howe's half-hour fall back (04-05), with windows
//! anchored at them (`windows_meet_every_zones_transition` counts how many do).
//! Reconcile's own property (applying a plan settles it, with stored slots that
//! drifted) lives in reconcile.rs; here it runs on these richer engines.

mod common;

mod prop_config;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::json;
use slotwise::time::format_instant;
use slotwise::{Appointment, Bucket, Engine, Query, Schedule, Slot};

const ZONES: [&str; 4] = [
    "UTC",
    "Europe/Lisbon",
    "America/New_York",
    "Australia/Lord_Howe",
];
const STATUSES: [&str; 4] = ["booked", "attended", "no_show", "cancelled"];
/// 2026-03-01T00:00:00Z
const BASE: i64 = 1_772_323_200;
const DAY: i64 = 86_400;
/// Days from `BASE` covered by the schedules' dates and the bookings (to 2026-04-10).
const DAYS: u32 = 40;
/// Each listed zone's change in the span: New York 2026-03-08T07:00Z, Lisbon
/// 2026-03-29T01:00Z, Lord Howe 2026-04-04T15:00Z (checked with chrono-tz in
/// `windows_meet_every_zones_transition`).
const TRANSITIONS: [(&str, i64); 3] = [
    ("America/New_York", BASE + 7 * DAY + 7 * 3600),
    ("Europe/Lisbon", BASE + 28 * DAY + 3600),
    ("Australia/Lord_Howe", BASE + 34 * DAY + 15 * 3600),
];

/// `BASE` plus `d` days as a local date text.
fn date(d: u32) -> String {
    (NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + Duration::days(i64::from(d))).to_string()
}

fn arb_schedule(id: usize) -> impl Strategy<Value = Schedule> {
    let rule = (
        prop::sample::subsequence(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 1..=7),
        0u32..24,
        prop::sample::select(vec![0u32, 30]),
    );
    let end = prop_oneof![
        (1u32..10).prop_map(|h| json!({"duration": format!("PT{h}H")})),
        (0u32..24).prop_map(|h| json!({"end": format!("{h:02}:00")})),
    ];
    let slot = (
        prop::sample::select(vec![15u32, 30, 45, 60]),
        prop::option::of(prop::sample::select(vec![15u32, 20, 60])),
        1u32..4,
        prop::sample::select(vec![0u32, 10]),
        prop::sample::select(vec![0u32, 15]),
    );
    let day_off = (0u32..DAYS).prop_map(|d| json!({"kind": "day", "date": date(d)}));
    let range = (0i64..i64::from(DAYS) * 96, 1i64..40).prop_map(|(q, n)| {
        json!({"kind": "range", "from": format_instant(BASE + q * 900),
               "to": format_instant(BASE + (q + n) * 900)})
    });
    let overrides = prop::collection::btree_map(0u32..DAYS, (0u32..24, 1u32..6), 0..2);
    (
        prop::sample::select(ZONES.to_vec()),
        rule,
        end,
        slot,
        prop::collection::vec(prop_oneof![day_off, range], 0..3),
        overrides,
    )
        .prop_map(
            move |(zone, (days, hour, minute), end, slot, exclusions, overrides)| {
                let (duration, step, capacity, before, after) = slot;
                let mut window = end;
                window["rule"] = json!(format!(
                    "DTSTART:20260301T{hour:02}{minute:02}00\nRRULE:FREQ=WEEKLY;BYDAY={}",
                    days.join(",")
                ));
                let overrides: Vec<_> = overrides
                    .into_iter()
                    .map(|(d, (h, n))| {
                        json!({"date": date(d),
                    "windows": [[format!("{h:02}:00"), format!("{:02}:00", (h + n) % 24)]]})
                    })
                    .collect();
                let mut slot = json!({"duration": format!("PT{duration}M"), "capacity": capacity,
                "buffer_before": format!("PT{before}M"), "buffer_after": format!("PT{after}M")});
                if let Some(step) = step {
                    slot["step"] = json!(format!("PT{step}M"));
                }
                serde_json::from_value(json!({
                    "id": format!("s{id}"), "timezone": zone, "availability": [window],
                    "overrides": overrides, "slot": slot, "exclusions": exclusions
                }))
                .unwrap()
            },
        )
}

/// Appointment `n` on schedule `s`: quarter-hour start and length, seats, status.
type Booking = (usize, i64, i64, u32, usize);

fn appointment(n: usize, (s, quarter, quarters, seats, status): Booking) -> Appointment {
    let start = BASE + quarter * 900;
    serde_json::from_value(json!({
        "id": format!("a{n}"), "schedule": format!("s{s}"),
        "start": format_instant(start), "end": format_instant(start + quarters * 900),
        "seats": seats, "status": STATUSES[status]
    }))
    .unwrap()
}

type Case = (Vec<Schedule>, Vec<Booking>, (i64, i64));

fn zone_of(schedule: &Schedule) -> String {
    serde_json::to_value(schedule).unwrap()["timezone"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Random engines and a window: in three cases of four the window holds the change of
/// the first schedule not in UTC (between 0 and 3 days after its start), otherwise
/// (and when all are in UTC) it is any 1 to 9 whole days of the span.
fn arb_case() -> impl Strategy<Value = Case> {
    (
        (1usize..4).prop_flat_map(|n| (0..n).map(arb_schedule).collect::<Vec<_>>()),
        prop::collection::vec(
            (
                0usize..3,
                0i64..i64::from(DAYS) * 96,
                1i64..12,
                1u32..4,
                0usize..4,
            ),
            0..24,
        ),
        (0i64..i64::from(DAYS) - 10, 1i64..10),
        (0u32..4, 0i64..3 * 96, 1i64..4 * 96),
    )
        .prop_map(|(schedules, bookings, (first, days), anchor)| {
            let n = schedules.len();
            let bookings = bookings
                .into_iter()
                .map(|b| (b.0 % n, b.1, b.2, b.3, b.4))
                .collect();
            let (pick, before, after) = anchor;
            let change = schedules.iter().find_map(|s| {
                let zone = zone_of(s);
                TRANSITIONS.iter().find(|(z, _)| *z == zone)
            });
            let window = match change {
                // Quarter-hour edges around the change: it lies in [from, to).
                Some(&(_, t)) if pick > 0 => (t - before * 900 - 900, t + after * 900),
                _ => (BASE + first * DAY, BASE + (first + days) * DAY),
            };
            (schedules, bookings, window)
        })
}

/// Whether `zone`'s UTC offset changes inside `[from, to)` (chrono-tz, every minute).
fn meets_change(zone: &str, (from, to): (i64, i64)) -> bool {
    let first = common::offset_at(zone, from);
    (from..to)
        .step_by(60)
        .any(|t| common::offset_at(zone, t) != first)
}

/// The peak of seats held at one instant of `[lo, hi)` by `spans` (start, end, seats),
/// by brute force over every start inside the span.
fn peak(spans: &[(i64, i64, u32)], lo: i64, hi: i64) -> u32 {
    let mut points: Vec<i64> = spans.iter().map(|s| s.0.max(lo)).collect();
    points.push(lo);
    points
        .into_iter()
        .filter(|&p| lo <= p && p < hi)
        .map(|p| {
            spans
                .iter()
                .filter(|s| s.0 <= p && p < s.1)
                .map(|s| s.2)
                .sum()
        })
        .max()
        .unwrap_or(0)
}

fn engine(schedules: &[Schedule], bookings: &[Booking]) -> Engine {
    let appointments = bookings
        .iter()
        .enumerate()
        .map(|(n, &b)| appointment(n, b))
        .collect();
    Engine::from_parts(schedules.to_vec(), appointments, Default::default()).unwrap()
}

/// A schedule's exclusions as instants, worked out here with chrono-tz (common).
fn exclusion_spans(schedule: &Schedule) -> Vec<(i64, i64)> {
    let v = serde_json::to_value(schedule).unwrap();
    let zone = v["timezone"].as_str().unwrap();
    let text = |x: &serde_json::Value| x.as_str().unwrap().to_owned();
    v["exclusions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|x| match x["kind"].as_str() {
            Some("day") => {
                let date = NaiveDate::parse_from_str(&text(&x["date"]), "%Y-%m-%d").unwrap();
                let midnight = |d: NaiveDate| common::local(zone, &format!("{d}T00:00"));
                (midnight(date), midnight(date + Duration::days(1)))
            }
            _ => (common::utc(&text(&x["from"])), common::utc(&text(&x["to"]))),
        })
        .collect()
}

fn every_slot(e: &Engine, (from, to): (i64, i64)) -> Vec<Slot> {
    let mut q = Query::new(from, to);
    q.seats = 0;
    e.availability(&q).unwrap().to_vec()
}

/// Every answer the engine gives over the window, as one comparable value.
fn answers(e: &Engine, (from, to): (i64, i64)) -> String {
    let mut out = format!("{:?}", every_slot(e, (from, to)));
    out += &format!(
        "{:?}",
        e.availability(&Query::new(from, to)).unwrap().to_vec()
    );
    out += &format!("{:?}", e.reconcile(from, to, &[]).unwrap());
    out += &format!("{:?}", e.report(from, to, Bucket::Day).unwrap());
    for slot in every_slot(e, (from, to)).iter().step_by(7) {
        out += &format!("{:?}", e.explain(&slot.schedule, slot.start).unwrap());
    }
    out
}

proptest! {
    #![proptest_config(prop_config::config(48, 1001))]

    #[test]
    fn slots_keep_clear_of_exclusions_and_show_every_seat(
        (schedules, bookings, window) in arb_case()
    ) {
        let e = engine(&schedules, &bookings);
        let slots = every_slot(&e, window);
        let free = e.availability(&Query::new(window.0, window.1)).unwrap().to_vec();
        for slot in &slots {
            let schedule = e.schedule(&slot.schedule).unwrap();
            prop_assert!(exclusion_spans(schedule).iter().all(|&(lo, hi)| slot.end <= lo || hi <= slot.start),
                "{slot:?} overlaps an exclusion");
            prop_assert_eq!(slot.remaining, slot.capacity.saturating_sub(slot.booked));
            // Booked is the peak of seats held at one instant of the blocked span
            // (not a sum of the overlapping appointments, and none hidden).
            let spec = &schedule.slot;
            let (lo, hi) = (slot.start - spec.buffer_before, slot.end + spec.buffer_after);
            let held: Vec<(i64, i64, u32)> = e
                .appointments()
                .filter(|a| *a.schedule == *slot.schedule && a.status.holds_seats())
                .map(|a| (a.start, a.end, a.seats))
                .collect();
            prop_assert_eq!(slot.booked, peak(&held, lo, hi), "{:?}", slot);
        }
        // seats 1 lists exactly the slots with a free seat, full and overbooked ones only with 0.
        let with_room: Vec<&Slot> = slots.iter().filter(|s| s.remaining >= 1).collect();
        prop_assert_eq!(free.iter().collect::<Vec<_>>(), with_room);
    }

    #[test]
    fn cancelled_appointments_change_nothing(
        (schedules, mut bookings, window) in arb_case(),
        extra in (0usize..3, 0i64..i64::from(DAYS) * 96, 1i64..12, 1u32..4),
    ) {
        bookings.iter_mut().for_each(|b| b.4 = 3);
        let before = engine(&schedules, &[]);
        let mut after = engine(&schedules, &bookings);
        let (s, q, n, seats) = extra;
        after.add_appointment(appointment(99, (s % schedules.len(), q, n, seats, 3))).unwrap();
        let (from, to) = window;
        prop_assert_eq!(every_slot(&before, window), every_slot(&after, window));
        prop_assert_eq!(before.reconcile(from, to, &[]).unwrap(), after.reconcile(from, to, &[]).unwrap());
    }

    #[test]
    fn reconcile_settles_and_snapshots_and_threads_agree(
        (schedules, bookings, window) in arb_case()
    ) {
        let mut e = engine(&schedules, &bookings);
        let (from, to) = window;
        let plan = e.reconcile(from, to, &[]).unwrap();
        let again = e.reconcile(from, to, &plan.apply_to(&[])).unwrap();
        prop_assert!(!again.has_changes());
        let expected = answers(&e, window);
        let opened = Engine::from_snapshot(&e.to_snapshot().unwrap()).unwrap();
        prop_assert_eq!(&answers(&opened, window), &expected);
        let from_json = Engine::from_json(&e.to_json().unwrap()).unwrap();
        prop_assert_eq!(&answers(&from_json, window), &expected);
        e.set_parallel(false);
        prop_assert_eq!(&answers(&e, window), &expected);
    }
}

/// The generated windows reach every listed zone's change: the cases of the fixed
/// seed are drawn the same way and counted per zone (printed; each zone must be met).
#[test]
fn windows_meet_every_zones_transition() {
    for &(zone, t) in &TRANSITIONS {
        assert!(
            meets_change(zone, (t - 60, t + 60)) && !meets_change(zone, (t - DAY, t - 60)),
            "{zone} does not change at {}",
            common::fmt(t)
        );
    }
    let config = prop_config::config(48, 1001);
    let cases = config.cases;
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let strategy = arb_case();
    let mut met = std::collections::BTreeMap::new();
    let mut any = 0;
    for _ in 0..cases {
        let (schedules, _, window) = strategy.new_tree(&mut runner).unwrap().current();
        let mut hit = false;
        for zone in schedules.iter().map(zone_of) {
            if meets_change(&zone, window) {
                *met.entry(zone).or_insert(0) += 1;
                hit = true;
            }
        }
        any += usize::from(hit);
    }
    eprintln!("{any} of {cases} cases meet a change of one of their zones; per zone: {met:?}");
    if cases >= 48 {
        for &(zone, _) in &TRANSITIONS {
            assert!(met.get(zone).copied().unwrap_or(0) >= 3, "{zone}: {met:?}");
        }
        assert!(any * 2 >= cases as usize, "{any} of {cases}");
    }
}
