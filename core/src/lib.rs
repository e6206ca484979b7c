//! slotwise: an embedded scheduling engine.
//!
//! It expands RFC 5545 recurrences exactly across DST, builds availability windows
//! and bookable slots with capacity from schedules, reconciles them with what a host
//! has stored, and reports on occupancy. It does no I/O: hosts bring persistence.
//!
//! Instants are `i64` seconds since the Unix epoch (UTC) throughout; text forms
//! (RFC 3339, ISO 8601 durations) exist only at the JSON boundary.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

// Layers, each importing only from those below it (docs/architecture.md).
// Input documents.
pub mod input;
// The owner of the state.
pub mod engine;
// Questions, over a read-only view of the state.
pub mod availability;
pub mod booking;
pub mod combine;
pub mod query;
pub mod reconcile;
pub mod report;
mod walk;
// The state.
pub mod snapshot;
mod state;
// Building blocks.
pub mod calendar;
pub mod capacity;
pub mod columns;
pub mod error;
pub mod interval;
pub mod limits;
pub mod quota;
pub mod record;
pub mod rrule;
pub mod schedule;
pub mod slots;
pub mod time;
pub mod tz;

pub use availability::SlotStream;
pub use booking::{BookingCheck, Explanation, Reason};
pub use capacity::{Appointment, Status};
pub use columns::SlotColumns;
pub use combine::CombinedRow;
pub use engine::Engine;
pub use error::{Error, ErrorCode, Result};
pub use input::{
    from_json, AvailabilityRequest, ExpandRequest, Period, ReconcileRequest, ReportRequest,
};
pub use limits::Limits;
pub use query::{BookingRules, Combine, CombineMode, Query};
pub use quota::{BookingLimit, LimitPeriod};
pub use reconcile::{Conflict, ExistingSlot, Plan, PlanItem, SlotUpdate};
pub use report::{Bucket, ReportRow, StatusCounts};
pub use rrule::{expand, RecurrenceSet};
pub use schedule::{Schedule, SlotSpec};
pub use slots::{Availability, Slot};
pub use snapshot::EngineState;
pub use tz::{tzdata_version, Zone};

/// The README's Rust snippets, compiled and run by `cargo test --doc`.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
mod readme {}

/// docs/limits.md's Rust snippet, compiled and run by `cargo test --doc`.
#[cfg(doctest)]
#[doc = include_str!("../../docs/limits.md")]
mod limits_doc {}

#[cfg(test)]
mod lazy_tests;

/// The version of this crate.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
