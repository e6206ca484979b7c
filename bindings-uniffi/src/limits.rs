//! Resource limits as a UniFFI record, converted to and from [`slotwise::Limits`].

use std::time::Duration;

use slotwise::Error;

use crate::error::Result;
use crate::time::{duration_seconds, from_duration_seconds};

/// The limits every call of an engine checks; past one a call fails with
/// `LimitExceeded` naming it, never with a partial answer. Start from
/// `defaultLimits()` and change what you need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Limits {
    /// Most instants one expansion may return when no limit is given, and most
    /// instances a COUNT rule may walk through to reach a window.
    pub max_instances: u64,
    /// Most slots one availability or reconcile call may return, and most rows of
    /// one report.
    pub max_slots: u64,
    /// Longest query window (whole seconds).
    pub max_window: Duration,
    /// Most schedules an engine may hold.
    pub max_schedules: u64,
    /// Most appointments an engine may hold.
    pub max_appointments: u64,
    /// Longest text input (iCalendar or JSON), in bytes.
    pub max_input_bytes: u64,
    /// Largest snapshot accepted, in bytes.
    pub max_snapshot_bytes: u64,
}

fn size(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

impl Limits {
    /// The core's form; errors name the field (`max_window`).
    pub fn to_core(&self) -> Result<slotwise::Limits, Error> {
        Ok(slotwise::Limits {
            max_instances: size(self.max_instances),
            max_slots: size(self.max_slots),
            max_window_seconds: duration_seconds(self.max_window, "max_window")?,
            max_schedules: size(self.max_schedules),
            max_appointments: size(self.max_appointments),
            max_input_bytes: size(self.max_input_bytes),
            max_snapshot_bytes: size(self.max_snapshot_bytes),
        })
    }
}

impl From<&slotwise::Limits> for Limits {
    fn from(l: &slotwise::Limits) -> Self {
        Limits {
            max_instances: count(l.max_instances),
            max_slots: count(l.max_slots),
            max_window: from_duration_seconds(l.max_window_seconds),
            max_schedules: count(l.max_schedules),
            max_appointments: count(l.max_appointments),
            max_input_bytes: count(l.max_input_bytes),
            max_snapshot_bytes: count(l.max_snapshot_bytes),
        }
    }
}

/// The engine's default limits: generous for any real calendar, small enough that no
/// single call can exhaust the device.
#[uniffi::export]
pub fn default_limits() -> Limits {
    Limits::from(&slotwise::Limits::DEFAULT)
}

/// Checks a [`Limits`] record, for the engine constructors.
pub fn core_limits(limits: &Limits) -> Result<slotwise::Limits> {
    Ok(limits.to_core()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_round_trip() {
        assert_eq!(
            default_limits().to_core().unwrap(),
            slotwise::Limits::DEFAULT
        );
    }
}
