//! Streamed answers hold memory bounded: a counting allocator measures the peak
//! heap while a long answer streams (alone in this test binary, so no other test
//! allocates meanwhile).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::json;
use slotwise::capacity::Appointment;
use slotwise::schedule::Schedule;
use slotwise::time::parse_instant;
use slotwise::{Bucket, Engine, ExistingSlot, Limits, PlanItem, Query};

/// Live and peak heap bytes of the whole test binary.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn t(text: &str) -> i64 {
    parse_instant(text).unwrap()
}

/// A kiosk open around the clock in one-minute slots, with a few appointments.
fn kiosk() -> Engine {
    let schedule: Schedule = serde_json::from_value(json!({
        "id": "kiosk", "timezone": "Europe/Lisbon",
        "availability": [{"rule": "DTSTART:20200101T000000\nRRULE:FREQ=DAILY", "end": "00:00"}],
        "slot": {"duration": "PT1M", "capacity": 2}
    }))
    .unwrap();
    let appointments: Vec<Appointment> = (0..100)
        .map(|i| {
            serde_json::from_value(json!({
                "id": format!("a{i}"), "schedule": "kiosk",
                "start": format!("2021-{:02}-10T10:00:00Z", 1 + i % 12),
                "end": format!("2021-{:02}-10T10:{:02}:00Z", 1 + i % 12, 1 + i % 50)
            }))
            .unwrap()
        })
        .collect();
    Engine::from_parts(vec![schedule], appointments, Limits::default()).unwrap()
}

#[test]
fn streaming_a_long_answer_holds_memory_bounded() {
    let engine = kiosk();
    // Two years of one-minute slots: about 1.05 million. As `Slot`s the answer would
    // take about 50 MB, as compact rows 17 MB.
    let (from, to) = (t("2020-06-01T00:00:00Z"), t("2022-06-01T00:00:00Z"));
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let mut count = 0usize;
    let mut last = i64::MIN;
    let mut booked = 0u64;
    // Every slot, full ones too (seats 0).
    let mut all = Query::new(from, to);
    all.seats = 0;
    for slot in engine.availability_stream(&all).unwrap() {
        assert!(slot.start > last);
        last = slot.start;
        booked += u64::from(slot.booked);
        count += 1;
    }
    let peak = PEAK.load(Ordering::Relaxed) - before;
    assert_eq!(count as i64, (to - from) / 60);
    assert!(booked > 0);
    assert!(peak < 4 << 20, "streaming peaked at {peak} bytes");
    // Reconcile from nothing stored, and a daily report, stream the same way.
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let mut created = 0usize;
    engine
        .reconcile_each(from, to, &[] as &[ExistingSlot], |item| {
            if let PlanItem::Create { .. } = item {
                created += 1;
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(created, count);
    let peak = PEAK.load(Ordering::Relaxed) - before;
    assert!(peak < 4 << 20, "reconcile peaked at {peak} bytes");
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let mut rows = 0;
    engine
        .report_each(
            t("2020-01-01T00:00:00Z"),
            t("2026-01-01T00:00:00Z"),
            Bucket::Day,
            |_| {
                rows += 1;
                Ok(())
            },
        )
        .unwrap();
    assert!(rows > 2000);
    let peak = PEAK.load(Ordering::Relaxed) - before;
    assert!(peak < 4 << 20, "the report peaked at {peak} bytes");
    // The whole answer, for comparison, takes far more.
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let whole = engine.availability(&all).unwrap();
    assert_eq!(whole.len(), count);
    let peak = PEAK.load(Ordering::Relaxed) - before;
    assert!(peak > 16 << 20, "the whole answer took only {peak} bytes");
}
