//! Resource limits: one value with defaults that hosts can raise or lower.
//!
//! Past a limit a call fails with `limit_exceeded` naming the limit; it never
//! returns a partial answer as if it were whole. docs/limits.md lists them.

use crate::error::{Error, ErrorCode, Result};

/// The limits every call of the engine checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Most instants one expansion may return when no `limit` is given, and most
    /// instances a COUNT rule may walk through to reach a window.
    pub max_instances: usize,
    /// Most slots one availability or reconcile call may return, and most rows of
    /// one report.
    pub max_slots: usize,
    /// Longest query window, in seconds.
    pub max_window_seconds: i64,
    /// Most schedules an engine may hold.
    pub max_schedules: usize,
    /// Most appointments an engine may hold.
    pub max_appointments: usize,
    /// Longest text input (iCalendar or JSON) in bytes.
    pub max_input_bytes: usize,
    /// Largest snapshot accepted, in bytes.
    pub max_snapshot_bytes: usize,
}

impl Limits {
    /// The defaults: generous for any real calendar, small enough that no single call
    /// can exhaust a host. Write `Limits { max_slots: 50_000, ..Limits::DEFAULT }` to
    /// change one.
    pub const DEFAULT: Limits = Limits {
        max_instances: 1_000_000,
        max_slots: 10_000_000,
        max_window_seconds: 10_000 * 366 * 86_400,
        max_schedules: 1_000_000,
        max_appointments: 50_000_000,
        max_input_bytes: 64 * 1024 * 1024,
        max_snapshot_bytes: 1024 * 1024 * 1024,
    };

    /// A text of `len` bytes is within `max_input_bytes`.
    pub(crate) fn check_input(&self, len: usize) -> Result<()> {
        if len > self.max_input_bytes {
            return Err(exceeded(
                "max_input_bytes",
                format!("the input is longer than {} bytes", self.max_input_bytes),
            ));
        }
        Ok(())
    }
}

/// `limit_exceeded`, its message led by the limit's name (`max_slots: ...`).
pub(crate) fn exceeded(limit: &str, detail: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::LimitExceeded, format!("{limit}: {detail}"))
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// `limit_exceeded` for an answer of more than `limits.max_slots` slots.
pub(crate) fn too_many_slots(limits: &Limits) -> Error {
    exceeded(
        "max_slots",
        format!("the answer has more than {} slots", limits.max_slots),
    )
}
