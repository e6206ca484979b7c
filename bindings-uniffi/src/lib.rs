//! Kotlin and Swift bindings of the slotwise scheduling engine, through UniFFI.
//!
//! The binding is thin: its records ([`Schedule`], [`Appointment`], [`Query`],
//! [`Slot`], [`CombinedRow`], [`Plan`], [`ReportRow`], [`Explanation`], ...) convert to and from the
//! core's serde types, and every call forwards to one [`slotwise::Engine`]. Instants
//! cross as UniFFI timestamps (`java.time.Instant`, Swift `Date`) and durations as
//! UniFFI durations (`java.time.Duration`, `TimeInterval`), both in whole seconds.
//! Every failure is one [`SlotwiseError`] with the engine's code and field path; a
//! panic, which the engine is built never to raise, is caught by UniFFI's scaffolding
//! and surfaces as the host's internal error instead of crossing the boundary.
//!
//! `generate.sh` produces the Kotlin and Swift sources from the built library.

uniffi::setup_scaffolding!();

mod appointment;
mod booking_limit;
mod combine;
mod engine;
mod error;
mod explain;
mod functions;
mod json;
mod limits;
mod plan;
mod query;
mod report;
mod schedule;
mod slot;
mod time;

pub use appointment::{Appointment, Status};
pub use booking_limit::{BookingLimit, LimitPeriod};
pub use combine::{Combine, CombineMode, CombinedRow};
pub use engine::Engine;
pub use error::{ErrorCode, SlotwiseError};
pub use explain::{BookingCheck, ExclusionHit, Explanation, Reason, SlotVerdict, Window};
pub use functions::{expand, panic_for_tests, tzdata_version, version};
pub use json::{
    appointment_from_json, appointment_to_json, bucket_from_name, plan_to_json, query_from_json,
    schedule_from_json,
};
pub use limits::{default_limits, Limits};
pub use plan::{Conflict, ExistingSlot, Plan, SlotUpdate};
pub use query::{BookingRules, Query};
pub use report::{Bucket, ReportRow, StatusCounts};
pub use schedule::{
    AvailabilityRule, Exclusion, ExclusionKind, LocalWindow, Override, Schedule, SlotSpec,
};
pub use slot::{Slot, SlotColumns};
