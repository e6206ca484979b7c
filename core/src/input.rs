//! JSON documents in, with errors that name the field (`schedules[2].slot.step`).

use serde::{Deserialize, Serialize};

use crate::availability::SlotStream;
use crate::capacity::Appointment;
use crate::engine::{Engine, Query};
use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::reconcile::{ExistingSlot, Plan, PlanItem};
pub use crate::record::from_json;
use crate::report::{Bucket, ReportRow};
use crate::rrule::RecurrenceSet;
use crate::schedule::Schedule;
use crate::slots::Availability;
use crate::time::{serde_forms, Instant};
use crate::tz::Zone;

/// A whole availability question in one document, as the CLI and the test vectors
/// hold it: `{"schedules": [...], "appointments": [...], "query": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

    /// The answer on `engine` handed out as it is produced
    /// ([`Engine::availability_stream`]). Errors name the field from the document's
    /// root (`query.to`) and come before the first slot.
    pub fn stream<'e>(&self, engine: &'e Engine) -> Result<SlotStream<'e>> {
        engine.availability_stream(&self.query).map_err(in_query)
    }

    fn ask(engine: &Engine, query: &Query) -> Result<Availability> {
        engine.availability(query).map_err(in_query)
    }
}

/// An error about the query names its field from the document's root; limits
/// reached while answering carry no path.
fn in_query(e: Error) -> Error {
    if e.path().is_empty() {
        e
    } else {
        e.at("query")
    }
}

/// A window `[from, to)`: `{"from": "...Z", "to": "...Z"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First instant.
    #[serde(with = "serde_forms::window_edge")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Instant"))]
    pub from: Instant,
    /// First instant after.
    #[serde(with = "serde_forms::window_edge")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Instant"))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

    /// The plan on `engine` handed to `step` as it is produced
    /// ([`Engine::reconcile_each`]); returns the number of unchanged stored slots.
    pub fn answer_each(
        &self,
        engine: &Engine,
        step: impl FnMut(PlanItem) -> Result<()>,
    ) -> Result<usize> {
        self.window.validate(engine.limits())?;
        engine.reconcile_each(self.window.from, self.window.to, &self.existing, step)
    }
}

/// A report in one document: `{"schedules": [...], "appointments": [...], "window":
/// {"from", "to"}, "bucket": "day" | "week" | "month"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

    /// The rows on `engine` handed to `row` as they are produced
    /// ([`Engine::report_each`]).
    pub fn answer_each(
        &self,
        engine: &Engine,
        row: impl FnMut(ReportRow) -> Result<()>,
    ) -> Result<()> {
        self.window.validate(engine.limits())?;
        engine.report_each(self.window.from, self.window.to, self.bucket, row)
    }
}

/// One expansion in one document, as `slotwise expand --batch` reads a line:
/// `{"id", "ical", "from", "to", "limit", "timezone"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExpandRequest {
    /// A string or a number of the host's, echoed in the answer; the engine does not
    /// read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Id>"))]
    pub id: Option<serde_json::Value>,
    /// The iCalendar text (DTSTART, RRULE, RDATE, EXDATE lines).
    pub ical: String,
    /// The window's first instant.
    #[serde(with = "serde_forms::window_edge")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Instant"))]
    pub from: Instant,
    /// The first instant after the window.
    #[serde(with = "serde_forms::window_edge")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Instant"))]
    pub to: Instant,
    /// At most this many instants, the first of the window (default: all, up to
    /// `limits.max_instances`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
    /// The zone of floating times (default UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// A string or a number (the JSON Schema of `ExpandRequest::id`).
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
enum Id {
    Text(String),
    Number(f64),
}

impl ExpandRequest {
    /// Parse the JSON form; an `id` that is not a string, a number or null is
    /// `invalid_input` at `id`.
    pub fn from_json(text: &str, limits: &Limits) -> Result<Self> {
        let request: ExpandRequest = from_json(text, limits)?;
        if let Some(id) = &request.id {
            if !(id.is_string() || id.is_number() || id.is_null()) {
                return Err(Error::invalid_input("must be a string or a number").at("id"));
            }
        }
        Ok(request)
    }

    /// The instants, ascending. Errors name the field: `timezone`, `from`, `to`
    /// (`invalid_window` for an empty or reversed window or one past the years 0001 to
    /// 9999), `ical`.
    pub fn run(&self, limits: &Limits) -> Result<Vec<Instant>> {
        let zone = match &self.timezone {
            Some(name) => Zone::parse(name).map_err(|e| e.at("timezone"))?,
            None => Zone::UTC,
        };
        Query::new(self.from, self.to).validate(limits)?;
        let set = RecurrenceSet::parse_with(&self.ical, zone, limits).map_err(|e| e.at("ical"))?;
        set.between(self.from, self.to, self.limit, limits)
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

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let text = "\u{feff}{\"query\": {\"from\": \"2026-01-01T00:00:00Z\", \"to\": \"2026-01-02T00:00:00Z\"}}";
        let request = AvailabilityRequest::from_json(text, &Limits::default()).unwrap();
        assert_eq!(request.query.to - request.query.from, 86_400);
    }

    #[test]
    fn wrong_shapes_and_large_numbers_in_our_words() {
        let limits = Limits::default();
        for (text, kind) in [("[]", "an array"), ("\"x\"", "a string"), ("7", "a number")] {
            let e = ReportRequest::from_json(text, &limits).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidInput);
            assert_eq!(
                e.to_string(),
                format!("the document must be a JSON object {{...}}, not {kind}")
            );
        }
        let window = r#""from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z""#;
        for seats in ["4294967296", "1e400", "123456789012345678901234567890"] {
            let text = format!(r#"{{"query": {{{window}, "seats": {seats}}}}}"#);
            let e = AvailabilityRequest::from_json(&text, &limits).unwrap_err();
            assert_eq!(e.path(), "query.seats", "{e}");
            assert!(e.detail().contains("too large"), "{e}");
        }
        let e = from_json::<Query>(
            r#"{"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z", "seats": -1}"#,
            &limits,
        )
        .unwrap_err();
        assert!(e.detail().contains("must not be negative"), "{e}");
        // JSON's words, not Rust's: no `struct Query`, `map` or `sequence`.
        let e = AvailabilityRequest::from_json(r#"{"query": []}"#, &limits).unwrap_err();
        assert_eq!(e.path(), "query");
        assert!(
            e.detail()
                .starts_with("must be a JSON object, not an array"),
            "{e}"
        );
        let e = AvailabilityRequest::from_json(r#"{"schedules": {}}"#, &limits).unwrap_err();
        assert!(
            e.detail()
                .starts_with("invalid type: object, expected an array"),
            "{e}"
        );
        let e = AvailabilityRequest::from_json(r#"{"query": 5}"#, &limits).unwrap_err();
        assert!(e.detail().contains("expected a JSON object"), "{e}");
    }

    #[test]
    fn windows_past_the_years_0001_to_9999_are_invalid_window() {
        let limits = Limits::default();
        for (from, to, path) in [
            (
                "2026-01-01T00:00:00Z",
                "9999-12-31T23:00:00-05:00",
                "window.to",
            ),
            (
                "0001-01-01T00:30:00+01:00",
                "2026-01-01T00:00:00Z",
                "window.from",
            ),
        ] {
            let text =
                format!(r#"{{"window": {{"from": "{from}", "to": "{to}"}}, "bucket": "day"}}"#);
            let e = ReportRequest::from_json(&text, &limits)
                .unwrap()
                .run(limits)
                .unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidWindow, "{e}");
            assert_eq!(e.path(), path);
            let text = format!(r#"{{"query": {{"from": "{from}", "to": "{to}"}}}}"#);
            let e = AvailabilityRequest::from_json(&text, &limits)
                .unwrap()
                .run(limits)
                .unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidWindow, "{e}");
            assert_eq!(e.path(), path.replace("window", "query"));
        }
        // The last instant of 9999 is a window's end.
        let text =
            r#"{"query": {"from": "9999-12-31T00:00:00Z", "to": "9999-12-31T19:00:00-05:00"}}"#;
        let request = AvailabilityRequest::from_json(text, &limits).unwrap();
        assert!(request.run(limits).unwrap().is_empty());
    }
}
