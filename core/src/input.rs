//! JSON documents in, with errors that name the field (`schedules[2].slot.step`).

use serde::{Deserialize, Serialize};

use crate::capacity::Appointment;
use crate::engine::{Engine, Query};
use crate::error::Result;
use crate::limits::Limits;
use crate::reconcile::{ExistingSlot, Plan};
pub use crate::record::from_json;
use crate::report::{Bucket, ReportRow};
use crate::schedule::Schedule;
use crate::slots::Availability;
use crate::time::{serde_forms, Instant};

/// A whole availability question in one document, as the CLI and the test vectors
/// hold it: `{"schedules": [...], "appointments": [...], "query": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityRequest {
    /// The schedules (default none: an engine from elsewhere, a snapshot, answers).
    #[serde(default)]
    pub schedules: Vec<Schedule>,
    /// The appointments (default none).
    #[serde(default)]
    pub appointments: Vec<Appointment>,
    /// The query.
    pub query: Query,
}

impl AvailabilityRequest {
    /// Parse the JSON form.
    pub fn from_json(text: &str, limits: &Limits) -> Result<Self> {
        from_json(text, limits)
    }

    /// Load an engine and answer the query. Errors name the field from the document's
    /// root (`schedules[1].timezone`, `appointments[0].schedule`, `query.to`).
    pub fn run(self, limits: Limits) -> Result<Availability> {
        let engine = Engine::from_parts(self.schedules, self.appointments, limits)?;
        Self::ask(&engine, &self.query)
    }

    /// Answer the query on `engine` (the document's schedules and appointments are
    /// not read). Errors name the field from the document's root (`query.to`).
    pub fn answer(&self, engine: &Engine) -> Result<Availability> {
        Self::ask(engine, &self.query)
    }

    fn ask(engine: &Engine, query: &Query) -> Result<Availability> {
        engine.availability(query).map_err(|e| {
            // Errors about the query carry a path; limits reached while answering do not.
            if e.path().is_empty() {
                e
            } else {
                e.at("query")
            }
        })
    }
}

/// A window `[from, to)`: `{"from": "...Z", "to": "...Z"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First instant.
    #[serde(with = "serde_forms::instant")]
    pub from: Instant,
    /// First instant after.
    #[serde(with = "serde_forms::instant")]
    pub to: Instant,
}

impl Period {
    /// Check it as a query window; errors name `window.to`.
    fn validate(&self, limits: &Limits) -> Result<()> {
        Query::new(self.from, self.to)
            .validate(limits)
            .map_err(|e| e.at("window"))
    }
}

/// A reconciliation in one document: `{"schedules": [...], "appointments": [...],
/// "window": {"from", "to"}, "existing": [{"key", "schedule", "start", "end",
/// "capacity"}, ...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReconcileRequest {
    /// The schedules (default none).
    #[serde(default)]
    pub schedules: Vec<Schedule>,
    /// The appointments (default none).
    #[serde(default)]
    pub appointments: Vec<Appointment>,
    /// Slots with start in it are reconciled.
    pub window: Period,
    /// The slots the host has stored (default none).
    #[serde(default)]
    pub existing: Vec<ExistingSlot>,
}

impl ReconcileRequest {
    /// Parse the JSON form.
    pub fn from_json(text: &str, limits: &Limits) -> Result<Self> {
        from_json(text, limits)
    }

    /// Load an engine and make the plan. Errors name the field from the document's
    /// root (`schedules[0].slot`, `window.to`, `existing[2].key`).
    pub fn run(mut self, limits: Limits) -> Result<Plan> {
        let engine = Engine::from_parts(
            std::mem::take(&mut self.schedules),
            std::mem::take(&mut self.appointments),
            limits,
        )?;
        self.answer(&engine)
    }

    /// Make the plan on `engine` (the document's schedules and appointments are not
    /// read).
    pub fn answer(&self, engine: &Engine) -> Result<Plan> {
        self.window.validate(engine.limits())?;
        engine.reconcile(self.window.from, self.window.to, &self.existing)
    }
}

/// A report in one document: `{"schedules": [...], "appointments": [...], "window":
/// {"from", "to"}, "bucket": "day" | "week" | "month"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    /// The schedules (default none).
    #[serde(default)]
    pub schedules: Vec<Schedule>,
    /// The appointments (default none).
    #[serde(default)]
    pub appointments: Vec<Appointment>,
    /// The span reported on.
    pub window: Period,
    /// The rows' calendar unit.
    pub bucket: Bucket,
}

impl ReportRequest {
    /// Parse the JSON form.
    pub fn from_json(text: &str, limits: &Limits) -> Result<Self> {
        from_json(text, limits)
    }

    /// Load an engine and report. Errors name the field from the document's root.
    pub fn run(mut self, limits: Limits) -> Result<Vec<ReportRow>> {
        let engine = Engine::from_parts(
            std::mem::take(&mut self.schedules),
            std::mem::take(&mut self.appointments),
            limits,
        )?;
        self.answer(&engine)
    }

    /// Report on `engine` (the document's schedules and appointments are not read).
    pub fn answer(&self, engine: &Engine) -> Result<Vec<ReportRow>> {
        self.window.validate(engine.limits())?;
        engine.report(self.window.from, self.window.to, self.bucket)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn errors_name_the_field() {
        let text = r#"{"schedules": [{"id": "a", "timezone": "UTC", "availability": [],
            "slot": {"duration": "PT30M", "step": "30 minutes", "capacity": 1}}],
            "query": {"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}}"#;
        let e = AvailabilityRequest::from_json(text, &Limits::default()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput);
        assert_eq!(e.path(), "schedules[0].slot.step");
        let e = from_json::<Query>("{} x", &Limits::default()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput);
    }
}
