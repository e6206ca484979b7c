//! The seed and case count of every property test, in one place.
//!
//! By default a run is fixed (each test has its own seed), so CI never flakes. Two
//! environment variables run it otherwise:
//!
//! - `SLOTWISE_PROPTEST_SEED=<u64>` uses that seed in every test, and
//!   `SLOTWISE_PROPTEST_SEED=random` a fresh one;
//! - `SLOTWISE_PROPTEST_CASES=<n>` runs `n` cases per test instead of the default.
//!
//! Each test prints its seed and case count on stderr, which the test harness shows
//! when the test fails: rerun with that seed to reproduce. A longer run:
//!
//! ```sh
//! SLOTWISE_PROPTEST_SEED=random SLOTWISE_PROPTEST_CASES=20000 cargo test --release \
//!     -p slotwise --test rrule_props --test invariants --test reconcile -- --nocapture
//! ```

use proptest::test_runner::{Config, RngSeed};

/// The config of a test that runs `cases` cases from `seed` by default.
pub fn config(cases: u32, seed: u64) -> Config {
    let seed = match std::env::var("SLOTWISE_PROPTEST_SEED").as_deref() {
        Ok("random") => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(seed, |d| d.as_nanos() as u64),
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("SLOTWISE_PROPTEST_SEED={text} is not a u64 or `random`")),
        Err(_) => seed,
    };
    let cases = match std::env::var("SLOTWISE_PROPTEST_CASES") {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("SLOTWISE_PROPTEST_CASES={text} is not a count")),
        Err(_) => cases,
    };
    eprintln!("proptest: seed {seed}, {cases} cases (rerun: SLOTWISE_PROPTEST_SEED={seed})");
    Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        ..Config::default()
    }
}
