//! Properties that hold across modules, on random engines: schedules in DST zones
//! with overrides, exclusions, buffers and capacity, and appointments of every
//! status, over March 2026 (the US and EU spring changes).
//! Reconcile's own property (applying a plan settles it, with stored slots that
//! drifted) lives in reconcile.rs; here it runs on these richer engines.

mod common;

mod prop_config;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
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
    let day_off =
        (1u32..31).prop_map(|d| json!({"kind": "day", "date": format!("2026-03-{d:02}")}));
    let range = (0i64..31 * 96, 1i64..40).prop_map(|(q, n)| {
        json!({"kind": "range", "from": format_instant(BASE + q * 900),
               "to": format_instant(BASE + (q + n) * 900)})
    });
    let overrides = prop::collection::btree_map(1u32..31, (0u32..24, 1u32..6), 0..2);
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
                        json!({"date": format!("2026-03-{d:02}"),
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

fn arb_case() -> impl Strategy<Value = (Vec<Schedule>, Vec<Booking>, (i64, i64))> {
    (
        (1usize..4).prop_flat_map(|n| (0..n).map(arb_schedule).collect::<Vec<_>>()),
        prop::collection::vec(
            (0usize..3, 0i64..31 * 96, 1i64..12, 1u32..4, 0usize..4),
            0..24,
        ),
        (0i64..20, 1i64..10),
    )
        .prop_map(|(schedules, bookings, (first, days))| {
            let n = schedules.len();
            let bookings = bookings
                .into_iter()
                .map(|b| (b.0 % n, b.1, b.2, b.3, b.4))
                .collect();
            (
                schedules,
                bookings,
                (BASE + first * DAY, BASE + (first + days) * DAY),
            )
        })
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
            // Booked never hidden: each seat-holding appointment in the blocked span counts.
            let spec = &schedule.slot;
            let (lo, hi) = (slot.start - spec.buffer_before, slot.end + spec.buffer_after);
            for a in e.appointments() {
                if *a.schedule == *slot.schedule && a.status.holds_seats() && a.start < hi && lo < a.end {
                    prop_assert!(slot.booked >= a.seats, "{slot:?} hides {a:?}");
                }
            }
        }
        // seats 1 lists exactly the slots with a free seat, full and overbooked ones only with 0.
        let with_room: Vec<&Slot> = slots.iter().filter(|s| s.remaining >= 1).collect();
        prop_assert_eq!(free.iter().collect::<Vec<_>>(), with_room);
    }

    #[test]
    fn cancelled_appointments_change_nothing(
        (schedules, mut bookings, window) in arb_case(),
        extra in (0usize..3, 0i64..31 * 96, 1i64..12, 1u32..4),
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
