//! The free functions: recurrence expansion and versions.

use std::time::SystemTime;

use crate::error::Result;
use crate::time::{from_seconds, to_seconds};

/// The instants of an iCalendar recurrence (`DTSTART` and `RRULE`/`RDATE`/`EXDATE`
/// lines, separated by `\n`) that fall in `[from, to)`, in order. With `limit`, at
/// most that many (the first ones); without it, an answer past the engine's ceiling
/// (1,000,000 instants) fails with `LimitExceeded` instead of being cut short.
/// Floating times are read in UTC.
#[uniffi::export]
pub fn expand(
    ical: String,
    from: SystemTime,
    to: SystemTime,
    limit: Option<u32>,
) -> Result<Vec<SystemTime>> {
    let from = to_seconds(from, "from")?;
    let to = to_seconds(to, "to")?;
    let limit = limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    let instants = slotwise::expand(&ical, from, to, limit)?;
    Ok(instants.into_iter().map(from_seconds).collect())
}

/// The version of the slotwise engine.
#[uniffi::export]
pub fn version() -> String {
    slotwise::version().to_owned()
}

/// The version of the bundled IANA time zone database (`2026b`); the host's own
/// database is never read.
#[uniffi::export]
pub fn tzdata_version() -> String {
    slotwise::tzdata_version().to_owned()
}

/// Panics on purpose, for tests only: proves that a Rust panic surfaces as the host's
/// internal error (Kotlin `InternalException`, a Swift error that is not a
/// `SlotwiseError`) and that the process and every engine keep working. The engine
/// itself never panics on any input. It is declared fallible so that Swift calls it
/// with `try` (UniFFI's Swift wraps infallible calls in `try!`).
#[uniffi::export]
pub fn panic_for_tests() -> Result<()> {
    // A real panic (not an error value) is what must not cross the boundary.
    #[allow(clippy::panic)]
    {
        panic!("panic_for_tests was called")
    }
}
