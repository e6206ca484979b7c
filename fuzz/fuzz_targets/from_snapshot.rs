//! Snapshot bytes: any bytes open or fail with an error, and an opened engine
//! answers (or refuses) every call without crashing. Fuzz builds skip the
//! snapshot's checksums (`cfg(fuzzing)`), so mutations reach the table and blocks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slotwise::{Bucket, Engine, Limits, Query};

const LIMITS: Limits = Limits {
    max_instances: 20_000,
    max_slots: 20_000,
    ..Limits::DEFAULT
};

fuzz_target!(|bytes: &[u8]| {
    let Ok(engine) = Engine::from_snapshot_vec(bytes.to_vec(), LIMITS) else {
        return;
    };
    // 2026-03-01 .. 2026-04-01
    let (from, to) = (1_772_323_200, 1_772_323_200 + 31 * 86_400);
    let mut query = Query::new(from, to);
    query.seats = 0;
    let _ = engine.availability(&query);
    let _ = engine.report(from, to, Bucket::Week);
    let _ = engine.reconcile(from, to, &[]);
    if engine.load_all().is_ok() {
        let snapshot = engine
            .to_snapshot()
            .expect("a loaded engine writes a snapshot");
        let again = Engine::from_snapshot_vec(snapshot, LIMITS).expect("and opens it");
        assert_eq!(
            engine.availability(&query).map(|a| a.to_vec()),
            again.availability(&query).map(|a| a.to_vec())
        );
    }
});
