//! Streamed answers (`availability_stream`, `availability_columns`, `reconcile_each`,
//! `report_each`) equal the whole ones, in the same order (memory: see
//! streaming_memory.rs).

use serde_json::json;
use slotwise::schedule::Schedule;
use slotwise::time::parse_instant;
use slotwise::{
    Bucket, Engine, Limits, PlanItem, Query, ReconcileRequest, ReportRequest, SlotColumns,
};

fn t(text: &str) -> i64 {
    parse_instant(text).unwrap()
}

/// The clinic example: several schedules, zones, exclusions and appointments.
fn clinic() -> (Engine, Query) {
    let doc = include_str!("../../examples/data/clinic.json");
    let request = slotwise::AvailabilityRequest::from_json(doc, &Limits::default()).unwrap();
    let engine =
        Engine::from_parts(request.schedules, request.appointments, Limits::default()).unwrap();
    (engine, request.query)
}

#[test]
fn the_stream_gives_the_whole_answer_in_order() {
    let (engine, query) = clinic();
    for seats in [0, 1, 2] {
        let mut q = query.clone();
        q.seats = seats;
        let whole = engine.availability(&q).unwrap();
        assert!(!whole.is_empty());
        let streamed: Vec<_> = engine.availability_stream(&q).unwrap().collect();
        assert_eq!(streamed, whole.to_vec(), "seats {seats}");
        assert_eq!(engine.availability_columns(&q).unwrap(), whole.to_columns());
        // In small column batches too.
        let mut stream = engine.availability_stream(&q).unwrap();
        let mut columns = stream.columns(0);
        while stream.next_columns(7, &mut columns) > 0 {}
        assert_eq!(columns, whole.to_columns());
    }
    // Notice rules and a subset of schedules select the same slots in both forms,
    // and the stream's bound never falls short of what it hands out.
    let mut picky = query.clone();
    picky.now = Some(query.from + 2 * 86_400);
    picky.min_notice = 3 * 3600;
    picky.max_advance = Some(5 * 86_400);
    picky.schedules = engine
        .schedule_ids()
        .skip(1)
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into();
    let whole = engine.availability(&picky).unwrap();
    assert!(!whole.is_empty());
    let stream = engine.availability_stream(&picky).unwrap();
    assert!(stream.bound() >= whole.len());
    assert_eq!(stream.collect::<Vec<_>>(), whole.to_vec());
    // Errors come before the first slot.
    let mut bad = query.clone();
    bad.to = bad.from;
    assert!(engine.availability_stream(&bad).is_err());
    bad = query.clone();
    bad.schedules = Some(vec!["nobody".into()]);
    let e = engine.availability_stream(&bad).unwrap_err();
    assert_eq!(e.path(), "schedules[0]");
}

#[test]
fn many_schedules_stream_in_start_then_id_order() {
    // Schedules with ids out of insertion order, slots at shared and distinct starts.
    let schedules: Vec<Schedule> = (0..40)
        .map(|i| {
            let zone = ["UTC", "America/New_York", "Asia/Kolkata", "Europe/Lisbon"][i % 4];
            serde_json::from_value(json!({
                "id": format!("s{}", (i * 17) % 40),
                "timezone": zone,
                "availability": [{"rule": "DTSTART:20260301T080000\nRRULE:FREQ=DAILY", "end": "17:00"}],
                "slot": {"duration": format!("PT{}M", 15 + 15 * (i % 3)), "capacity": 1}
            }))
            .unwrap()
        })
        .collect();
    let engine = Engine::from_parts(schedules, vec![], Limits::default()).unwrap();
    let q = Query::new(t("2026-03-01T00:00:00Z"), t("2026-05-01T00:00:00Z"));
    let whole = engine.availability(&q).unwrap().to_vec();
    let streamed: Vec<_> = engine.availability_stream(&q).unwrap().collect();
    assert!(whole.len() > 50_000);
    assert_eq!(streamed, whole);
}

#[test]
fn reconcile_and_report_streams_equal_the_whole_answers() {
    for doc in [
        include_str!("../../examples/data/reconcile.json"),
        include_str!("../../tests/vectors/reconcile/capacity-change-and-removed-day.json"),
        include_str!("../../tests/vectors/reconcile/dst-moves-keys.json"),
    ] {
        let value: serde_json::Value = serde_json::from_str(doc).unwrap();
        let input = value
            .as_array()
            .map_or(value.clone(), |cases| cases[0]["input"].clone());
        let r = ReconcileRequest::from_json(&input.to_string(), &Limits::default()).unwrap();
        let engine = Engine::from_parts(
            r.schedules.clone(),
            r.appointments.clone(),
            Limits::default(),
        )
        .unwrap();
        let plan = engine
            .reconcile(r.window.from, r.window.to, &r.existing)
            .unwrap();
        let mut items = Vec::new();
        let unchanged = engine
            .reconcile_each(r.window.from, r.window.to, &r.existing, |item| {
                items.push(item);
                Ok(())
            })
            .unwrap();
        assert_eq!(unchanged, plan.unchanged);
        let mut again = slotwise::Plan {
            unchanged,
            ..Default::default()
        };
        let mut last: Option<(i64, String)> = None;
        for item in items {
            // One order across kinds: (start, schedule id).
            let key = match &item {
                PlanItem::Create { slot } => (slot.start, slot.schedule.to_string()),
                PlanItem::Update(u) => (u.after.start, u.after.schedule.to_string()),
                PlanItem::Delete { key } | PlanItem::Conflict(slotwise::Conflict { key, .. }) => {
                    let e = r.existing.iter().find(|s| &s.key == key).unwrap();
                    (e.start, e.schedule.clone())
                }
            };
            assert!(
                last.as_ref().is_none_or(|l| *l < key),
                "{key:?} after {last:?}"
            );
            last = Some(key);
            match item {
                PlanItem::Create { slot } => again.create.push(slot),
                PlanItem::Update(u) => again.update.push(u),
                PlanItem::Delete { key } => again.delete.push(key),
                PlanItem::Conflict(c) => again.conflicts.push(c),
            }
        }
        assert_eq!(again, plan);
    }
    for doc in [
        include_str!("../../examples/data/report.json"),
        include_str!("../../tests/vectors/report/lisbon-dst-month-day.json"),
    ] {
        let value: serde_json::Value = serde_json::from_str(doc).unwrap();
        let input = value
            .as_array()
            .map_or(value.clone(), |cases| cases[0]["input"].clone());
        let r = ReportRequest::from_json(&input.to_string(), &Limits::default()).unwrap();
        let engine = Engine::from_parts(
            r.schedules.clone(),
            r.appointments.clone(),
            Limits::default(),
        )
        .unwrap();
        for bucket in [Bucket::Day, Bucket::Week, Bucket::Month] {
            let whole = engine.report(r.window.from, r.window.to, bucket).unwrap();
            let mut rows = Vec::new();
            engine
                .report_each(r.window.from, r.window.to, bucket, |row| {
                    rows.push(row);
                    Ok(())
                })
                .unwrap();
            assert_eq!(rows, whole);
        }
    }
}

#[test]
fn columns_keep_their_schedule_ids() {
    let (engine, query) = clinic();
    let columns: SlotColumns = engine.availability_columns(&query).unwrap();
    let whole = engine.availability(&query).unwrap();
    for (i, slot) in whole.iter().enumerate() {
        assert_eq!(columns.key(i).unwrap(), slot.key());
    }
}

/// A stream can be handed to another thread (a binding that releases its host's
/// lock or event loop while it reads).
#[test]
fn a_stream_is_send() {
    fn send<T: Send>(_: &T) {}
    let (engine, query) = clinic();
    let stream = engine.availability_stream(&query).unwrap();
    send(&stream);
    let n = std::thread::scope(|s| s.spawn(move || stream.count()).join().unwrap());
    assert_eq!(n, engine.availability(&query).unwrap().len());
}
