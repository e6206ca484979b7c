//! Parse, then expand over a window and limit taken from the input's first 12 bytes
//! (the rest is the iCalendar text). The answer is sorted, unique, inside the window
//! and within the limit, and equals the lazy walk from the window's start.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slotwise::time::{MAX_INSTANT, MIN_INSTANT};
use slotwise::{ErrorCode, Limits, RecurrenceSet};

/// Small enough that a whole answer is cheap to check.
const LIMITS: Limits = Limits {
    max_instances: 20_000,
    ..Limits::DEFAULT
};

fuzz_target!(|data: &[u8]| {
    let Some((head, text)) = data.split_first_chunk::<12>() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let Ok(set) = RecurrenceSet::parse(text) else {
        return;
    };
    let [a, b, c, d, e, f, g, h, scale, limit_hi, limit_lo, _] = *head;
    let span = MAX_INSTANT - MIN_INSTANT;
    let from = MIN_INSTANT
        + i64::from(u32::from_le_bytes([a, b, c, d])) * 86_400 % span
        + i64::from(scale >> 4) * 3_600;
    let unit = [1, 60, 3_600, 86_400][usize::from(scale & 3)];
    let to = from.saturating_add(i64::from(u32::from_le_bytes([e, f, g, h])) * unit);
    let limit = match u16::from_be_bytes([limit_hi, limit_lo]) {
        0 => None,
        n => Some(usize::from(n)),
    };
    let got = match set.between(from, to, limit, &LIMITS) {
        Ok(got) => got,
        Err(e) => {
            assert!(
                matches!(
                    e.code(),
                    ErrorCode::InvalidWindow | ErrorCode::LimitExceeded
                ),
                "{e}"
            );
            return;
        }
    };
    assert!(got.windows(2).all(|w| w[0] < w[1]), "not sorted and unique");
    assert!(
        got.iter().all(|t| (from..to).contains(t)),
        "outside the window"
    );
    assert!(
        got.len() <= limit.unwrap_or(LIMITS.max_instances),
        "over the limit"
    );
    // A COUNT rule's lazy walk starts at DTSTART, however far: compare the others.
    if set.rules().iter().all(|r| r.count.is_none()) {
        let walk: Vec<i64> = set
            .iter_from(from)
            .map(|o| o.instant)
            .take_while(|&t| t < to)
            .take(got.len() + 1)
            .collect();
        let expected = &walk[..walk.len().min(limit.unwrap_or(usize::MAX))];
        assert_eq!(got, expected, "between and iter_from differ");
    }
});
