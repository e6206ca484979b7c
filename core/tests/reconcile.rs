//! Engine::reconcile: updates, deletes against conflicts, the window as the only
//! scope, bad host data, and idempotence (property test).

mod prop_config;

use proptest::prelude::*;
use serde_json::{json, Value};
use slotwise::capacity::Appointment;
use slotwise::schedule::Schedule;
use slotwise::time::{format_instant, parse_instant};
use slotwise::{Engine, ErrorCode, ExistingSlot, Plan};

fn t(text: &str) -> i64 {
    parse_instant(text).unwrap()
}

/// A UTC room open 09:00-11:00 on the given weekdays, hourly slots.
fn room(id: &str, days: &str, capacity: u32) -> Schedule {
    serde_json::from_value(json!({
        "id": id,
        "timezone": "UTC",
        "availability": [{"rule": format!("DTSTART:20260302T090000\nRRULE:FREQ=WEEKLY;BYDAY={days}"), "end": "11:00"}],
        "slot": {"duration": "PT1H", "capacity": capacity}
    }))
    .unwrap()
}

fn booking(id: &str, schedule: &str, start: &str, status: &str) -> Appointment {
    let start = t(start);
    serde_json::from_value(json!({
        "id": id, "schedule": schedule, "start": format_instant(start),
        "end": format_instant(start + 3600), "status": status
    }))
    .unwrap()
}

fn engine(schedules: Vec<Schedule>, appointments: Vec<Appointment>) -> Engine {
    Engine::from_parts(schedules, appointments, Default::default()).unwrap()
}

/// What the host stores after creating every slot of `engine` over the window.
fn stored(engine: &Engine, from: i64, to: i64) -> Vec<ExistingSlot> {
    engine
        .reconcile(from, to, &[])
        .unwrap()
        .create
        .iter()
        .map(ExistingSlot::from)
        .collect()
}

fn keys(plan: &Plan) -> Value {
    json!({
        "create": plan.create.iter().map(|s| s.key()).collect::<Vec<_>>(),
        "update": plan.update.iter().map(|u| &u.key).collect::<Vec<_>>(),
        "delete": plan.delete,
        "conflicts": plan.conflicts.iter().map(|c| json!([c.key, c.appointments])).collect::<Vec<_>>(),
        "unchanged": plan.unchanged,
    })
}

/// The week of Monday 2026-03-02.
fn week() -> (i64, i64) {
    (t("2026-03-02T00:00:00Z"), t("2026-03-09T00:00:00Z"))
}

#[test]
fn an_empty_host_creates_every_slot_in_order() {
    let e = engine(vec![room("b", "MO,WE", 1), room("a", "MO", 2)], vec![]);
    let (from, to) = week();
    let plan = e.reconcile(from, to, &[]).unwrap();
    assert_eq!(
        keys(&plan)["create"],
        json!([
            "a@2026-03-02T09:00:00Z",
            "b@2026-03-02T09:00:00Z",
            "a@2026-03-02T10:00:00Z",
            "b@2026-03-02T10:00:00Z",
            "b@2026-03-04T09:00:00Z",
            "b@2026-03-04T10:00:00Z"
        ])
    );
    assert_eq!(plan.unchanged, 0);
    // Full slots are desired too.
    let e = engine(
        vec![room("a", "MO", 1)],
        vec![booking("x", "a", "2026-03-02T09:00:00Z", "booked")],
    );
    let plan = e.reconcile(from, to, &[]).unwrap();
    assert_eq!(plan.create.len(), 2);
    assert_eq!((plan.create[0].booked, plan.create[0].remaining), (1, 0));
}

#[test]
fn a_capacity_change_is_an_update() {
    let (from, to) = week();
    let before = engine(vec![room("a", "MO", 1)], vec![]);
    let existing = stored(&before, from, to);
    let after = engine(vec![room("a", "MO", 3)], vec![]);
    let plan = after.reconcile(from, to, &existing).unwrap();
    assert_eq!(
        keys(&plan),
        json!({"create": [], "delete": [], "conflicts": [], "unchanged": 0,
               "update": ["a@2026-03-02T09:00:00Z", "a@2026-03-02T10:00:00Z"]})
    );
    let u = &plan.update[0];
    assert_eq!((u.before.capacity, u.after.capacity), (1, 3));
    assert_eq!(u.before, existing[0]);
    // A stored end that differs is an update too.
    let mut longer = existing.clone();
    longer[1].end += 60;
    let plan = before.reconcile(from, to, &longer).unwrap();
    assert_eq!(keys(&plan)["update"], json!(["a@2026-03-02T10:00:00Z"]));
    assert_eq!(plan.unchanged, 1);
    assert_eq!(
        serde_json::to_value(&plan.update[0]).unwrap(),
        json!({"key": "a@2026-03-02T10:00:00Z",
               "before": {"key": "a@2026-03-02T10:00:00Z", "schedule": "a",
                          "start": "2026-03-02T10:00:00Z", "end": "2026-03-02T11:01:00Z", "capacity": 1},
               "after": {"key": "a@2026-03-02T10:00:00Z", "schedule": "a",
                         "start": "2026-03-02T10:00:00Z", "end": "2026-03-02T11:00:00Z",
                         "capacity": 1, "booked": 0, "remaining": 1}})
    );
}

#[test]
fn a_removed_day_deletes_free_slots_and_keeps_booked_ones_as_conflicts() {
    let (from, to) = week();
    let existing = stored(&engine(vec![room("a", "MO,TU", 1)], vec![]), from, to);
    assert_eq!(existing.len(), 4);
    // Tuesday is no longer open. Without bookings its slots go.
    let plan = engine(vec![room("a", "MO", 1)], vec![])
        .reconcile(from, to, &existing)
        .unwrap();
    assert_eq!(
        keys(&plan),
        json!({"create": [], "update": [], "conflicts": [], "unchanged": 2,
               "delete": ["a@2026-03-03T09:00:00Z", "a@2026-03-03T10:00:00Z"]})
    );
    // A booking (or an attended or no-show appointment) keeps its slot; a cancelled
    // one does not.
    let appointments = vec![
        booking("kept", "a", "2026-03-03T10:00:00Z", "no_show"),
        booking("gone", "a", "2026-03-03T09:00:00Z", "cancelled"),
    ];
    let plan = engine(vec![room("a", "MO", 1)], appointments)
        .reconcile(from, to, &existing)
        .unwrap();
    assert_eq!(
        keys(&plan),
        json!({"create": [], "update": [], "unchanged": 2,
               "delete": ["a@2026-03-03T09:00:00Z"],
               "conflicts": [["a@2026-03-03T10:00:00Z", ["kept"]]]})
    );
    // Partial overlap holds a slot; touching does not.
    let mut odd = booking("half", "a", "2026-03-03T08:30:00Z", "booked");
    odd.end = t("2026-03-03T09:30:00Z");
    let touching = {
        let mut b = booking("touch", "a", "2026-03-03T11:00:00Z", "attended");
        b.end = t("2026-03-03T11:30:00Z");
        b
    };
    let plan = engine(vec![room("a", "MO", 1)], vec![odd, touching])
        .reconcile(from, to, &existing)
        .unwrap();
    assert_eq!(plan.delete, ["a@2026-03-03T10:00:00Z"]);
    assert_eq!(
        keys(&plan)["conflicts"],
        json!([["a@2026-03-03T09:00:00Z", ["half"]]])
    );
}

#[test]
fn slots_outside_the_window_are_untouched() {
    let e = engine(vec![room("a", "MO", 1)], vec![]);
    let (from, to) = week();
    let mut existing = stored(&e, from, to + 7 * 86_400);
    assert_eq!(existing.len(), 4);
    // Outside the window: wrong capacity, not generated, unknown schedule: all ignored.
    existing[2].capacity = 9;
    existing.push(slot("a", "2026-03-10T15:00:00Z", "2026-03-10T16:00:00Z", 1));
    existing.push(slot(
        "gone",
        "2026-02-23T09:00:00Z",
        "2026-02-23T10:00:00Z",
        1,
    ));
    // A slot starting before `to` and ending after it is inside.
    existing.push(slot("a", "2026-03-08T23:30:00Z", "2026-03-09T00:30:00Z", 1));
    let plan = e.reconcile(from, to, &existing).unwrap();
    assert_eq!(
        keys(&plan),
        json!({"create": [], "update": [], "conflicts": [], "unchanged": 2,
               "delete": ["a@2026-03-08T23:30:00Z"]})
    );
}

fn slot(schedule: &str, start: &str, end: &str, capacity: u32) -> ExistingSlot {
    ExistingSlot {
        key: format!("{schedule}@{start}"),
        schedule: schedule.into(),
        start: t(start),
        end: t(end),
        capacity,
    }
}

#[test]
fn slots_of_unknown_schedules_are_deleted() {
    let e = engine(vec![room("a", "MO", 1)], vec![]);
    let (from, to) = week();
    let mut existing = stored(&e, from, to);
    existing.push(slot(
        "zz-removed",
        "2026-03-02T09:00:00Z",
        "2026-03-02T10:00:00Z",
        1,
    ));
    existing.push(slot(
        "0-removed",
        "2026-03-02T10:00:00Z",
        "2026-03-02T11:00:00Z",
        1,
    ));
    let plan = e.reconcile(from, to, &existing).unwrap();
    assert_eq!(
        plan.delete,
        [
            "zz-removed@2026-03-02T09:00:00Z",
            "0-removed@2026-03-02T10:00:00Z"
        ]
    );
    assert_eq!(plan.unchanged, 2);
}

#[test]
fn bad_host_data_is_a_clear_error() {
    let e = engine(vec![room("a", "MO", 1)], vec![]);
    let (from, to) = week();
    let mut existing = stored(&e, from, to);
    existing.push(existing[0].clone());
    let err = e.reconcile(from, to, &existing).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(err.path(), "existing[2].key");
    assert!(
        err.to_string().contains("already the key of existing[0]"),
        "{err}"
    );
    // Even outside the window.
    let mut far = stored(&e, from + 7 * 86_400, to + 7 * 86_400);
    far.push(far[1].clone());
    assert_eq!(
        e.reconcile(from, to, &far).unwrap_err().path(),
        "existing[2].key"
    );

    let mut bad_key = stored(&e, from, to);
    bad_key[1].key = "a@2026-03-02T10:00:00+00:00".into();
    let err = e.reconcile(from, to, &bad_key).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::InvalidInput, "existing[1].key")
    );
    let mut bad_end = stored(&e, from, to);
    bad_end[0].end = bad_end[0].start;
    let err = e.reconcile(from, to, &bad_end).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::InvalidInput, "existing[0].end")
    );
    let err = e.reconcile(to, from, &[]).unwrap_err();
    assert_eq!((err.code(), err.path()), (ErrorCode::InvalidWindow, "to"));
}

#[test]
fn stored_slots_may_carry_more_fields() {
    let e = engine(vec![room("a", "MO", 1)], vec![]);
    let (from, to) = week();
    let answer = serde_json::to_value(e.reconcile(from, to, &[]).unwrap().create).unwrap();
    let existing: Vec<ExistingSlot> = serde_json::from_value(answer).unwrap();
    assert_eq!(e.reconcile(from, to, &existing).unwrap().unchanged, 2);
    let missing: Result<Vec<ExistingSlot>, _> =
        serde_json::from_value(json!([{"key": "a@2026-03-02T09:00:00Z", "schedule": "a",
            "start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:00:00Z", "capacty": 1}]));
    assert!(missing.is_err());
}

#[test]
fn parallel_and_sequential_plans_are_identical() {
    let schedules: Vec<Schedule> = (0..40)
        .map(|i| {
            room(
                &format!("r{i:02}"),
                ["MO", "MO,TU", "WE,FR"][i % 3],
                1 + (i % 3) as u32,
            )
        })
        .collect();
    let (from, to) = week();
    let old: Vec<Schedule> = (0..40)
        .map(|i| room(&format!("r{i:02}"), ["TU", "MO", "WE,TH"][i % 3], 1))
        .collect();
    let existing = stored(&engine(old, vec![]), from, to);
    let appointments = (0..40)
        .map(|i| {
            booking(
                &format!("b{i}"),
                &format!("r{i:02}"),
                "2026-03-05T09:00:00Z",
                "booked",
            )
        })
        .collect();
    let mut e = engine(schedules, appointments);
    let parallel = e.reconcile(from, to, &existing).unwrap();
    e.set_parallel(false);
    assert_eq!(parallel, e.reconcile(from, to, &existing).unwrap());
    assert!(!parallel.conflicts.is_empty() && !parallel.delete.is_empty());
}

/// A schedule from a small space of shapes: weekdays, hours, slot length, capacity.
fn arb_schedule(id: &'static str) -> impl Strategy<Value = Schedule> {
    (
        prop::sample::subsequence(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 1..=7),
        8u32..12,
        1u32..4,
        prop::sample::select(vec![30, 45, 60]),
        1u32..4,
    )
        .prop_map(move |(days, open, hours, minutes, capacity)| {
            serde_json::from_value(json!({
                "id": id,
                "timezone": "Europe/Lisbon",
                "availability": [{
                    "rule": format!("DTSTART:20260301T{open:02}0000\nRRULE:FREQ=WEEKLY;BYDAY={}", days.join(",")),
                    "duration": format!("PT{hours}H")
                }],
                "slot": {"duration": format!("PT{minutes}M"), "capacity": capacity}
            }))
            .unwrap()
        })
}

proptest! {
    #![proptest_config(prop_config::config(64, 1002))]

    /// Applying a plan and reconciling again gives a plan without changes and with
    /// the same conflicts, whatever the host had stored.
    #[test]
    fn applying_a_plan_settles_it(
        old in (arb_schedule("a"), arb_schedule("b")),
        new in (arb_schedule("a"), arb_schedule("b")),
        bookings in prop::collection::vec((0usize..2, 0i64..14 * 96, 1i64..5, 0usize..4), 0..12),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3), 0..6),
        window in (0i64..5, 6i64..14),
    ) {
        let base = t("2026-03-23T00:00:00Z");
        let (from, to) = (base + window.0 * 86_400, base + window.1 * 86_400);
        // The host stored the old schedules' slots over a longer span, then drifted.
        let mut existing = stored(&engine(vec![old.0, old.1], vec![]), base - 86_400, base + 15 * 86_400);
        for (index, what) in edits {
            if existing.is_empty() { break; }
            let i = index.index(existing.len());
            match what {
                0 => existing[i].capacity += 1,
                1 => existing[i].end += 900,
                _ => { existing.remove(i); }
            }
        }
        let ids = ["a", "b"];
        let statuses = ["booked", "attended", "no_show", "cancelled"];
        let appointments: Vec<Appointment> = bookings
            .iter()
            .enumerate()
            .map(|(n, &(s, quarter, quarters, status))| {
                let start = base + quarter * 900;
                serde_json::from_value(json!({
                    "id": format!("apt{n}"), "schedule": ids[s],
                    "start": format_instant(start), "end": format_instant(start + quarters * 900),
                    "status": statuses[status]
                })).unwrap()
            })
            .collect();
        let e = engine(vec![new.0, new.1], appointments.clone());
        let plan = e.reconcile(from, to, &existing).unwrap();
        let applied = plan.apply_to(&existing);
        let again = e.reconcile(from, to, &applied).unwrap();
        prop_assert!(!again.has_changes(), "{:?}", keys(&again));
        prop_assert_eq!(&again.conflicts, &plan.conflicts);
        // Every generated slot is stored as generated, nothing outside the window moved.
        let desired = e.reconcile(from, to, &[]).unwrap().create;
        prop_assert_eq!(again.unchanged, desired.len());
        let outside = |list: &[ExistingSlot]| -> Vec<ExistingSlot> {
            let mut v: Vec<_> = list.iter().filter(|s| !(from..to).contains(&s.start)).cloned().collect();
            v.sort_by(|a, b| (a.start, &a.schedule).cmp(&(b.start, &b.schedule)));
            v
        };
        prop_assert_eq!(outside(&existing), outside(&applied));
        // A deleted slot holds no seat-holding appointment; a conflict holds one.
        let holds = |key: &str| {
            let s = existing.iter().find(|s| s.key == key).unwrap();
            appointments.iter().any(|a| a.schedule == s.schedule && a.status.holds_seats()
                && a.start < s.end && s.start < a.end)
        };
        prop_assert!(plan.delete.iter().all(|k| !holds(k)));
        prop_assert!(plan.conflicts.iter().all(|c| holds(&c.key)));
    }
}
