//! The JSON loader and the availability query: any document loads or fails with an
//! error; an answer is ordered, inside the query's window and never shows fewer
//! free seats than asked for.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slotwise::{AvailabilityRequest, Limits};

/// Small enough that an answer is cheap to build and check.
const LIMITS: Limits = Limits {
    max_instances: 20_000,
    max_slots: 20_000,
    ..Limits::DEFAULT
};

fuzz_target!(|text: &str| {
    let Ok(request) = AvailabilityRequest::from_json(text, &LIMITS) else {
        return;
    };
    let query = request.query.clone();
    let Ok(slots) = request.run(LIMITS) else {
        return;
    };
    let slots = slots.to_vec();
    assert!(slots.len() <= LIMITS.max_slots);
    assert!(slots
        .windows(2)
        .all(|w| (w[0].start, &w[0].schedule) < (w[1].start, &w[1].schedule)));
    for slot in &slots {
        assert!((query.from..query.to).contains(&slot.start));
        assert!(slot.end > slot.start);
        assert_eq!(slot.remaining, slot.capacity.saturating_sub(slot.booked));
        assert!(slot.remaining >= query.seats);
    }
});
