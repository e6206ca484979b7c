//! `Engine::from_snapshot` on arbitrary bytes: it must return an engine or
//! `invalid_snapshot`/`limit_exceeded`, never panic or read out of bounds, and an
//! engine it returns must answer or fail cleanly. Each input is tried as it is and
//! with its checksums rewritten (`snapshot::reseal`), so mutations also reach the
//! validation behind the checksums (rkyv's bytecheck, the table, every field).
//!
//! From the repository root, seeded with the committed snapshot:
//! cargo +nightly fuzz run from_snapshot fuzz/corpus/from_snapshot tests/vectors/snapshot

#![no_main]

use libfuzzer_sys::fuzz_target;
use slotwise::{Bucket, Engine, ErrorCode, Query};

fuzz_target!(|data: &[u8]| {
    check(data);
    let mut resealed = data.to_vec();
    slotwise::snapshot::reseal(&mut resealed);
    check(&resealed);
});

fn check(bytes: &[u8]) {
    let engine = match Engine::from_snapshot(bytes) {
        Ok(engine) => engine,
        Err(e) => {
            assert!(matches!(
                e.code(),
                ErrorCode::InvalidSnapshot | ErrorCode::LimitExceeded
            ));
            return;
        }
    };
    // 2026-03-16 to 2026-03-23.
    let (from, to) = (1_773_619_200, 1_774_224_000);
    let mut all = Query::new(from, to);
    all.seats = 0;
    let _ = engine.availability(&all);
    let _ = engine.reconcile(from, to, &[]);
    let _ = engine.report(from, to, Bucket::Day);
    let _ = engine.load_all();
    let _ = engine.to_json();
    if let Ok(again) = engine.to_snapshot() {
        let _ = Engine::from_snapshot(&again);
    }
}
