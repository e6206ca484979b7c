//! JSON documents in, with errors that name the field (`schedules[2].slot.step`).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::capacity::Appointment;
use crate::engine::{Engine, Query};
use crate::error::{Error, ErrorCode, Result};
use crate::limits::Limits;
use crate::schedule::Schedule;
use crate::slots::Availability;

/// Parse JSON text into `T`. A malformed or mistyped field is `invalid_input` with the
/// field's path; text longer than `limits.max_input_bytes` is `limit_exceeded`.
pub fn from_json<T: DeserializeOwned>(text: &str, limits: &Limits) -> Result<T> {
    if text.len() > limits.max_input_bytes {
        return Err(Error::new(
            ErrorCode::LimitExceeded,
            format!(
                "the input is longer than {} bytes (limits.max_input_bytes)",
                limits.max_input_bytes
            ),
        ));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let error = Error::invalid_input(e.into_inner().to_string());
        if path == "." {
            error
        } else {
            error.at(&path)
        }
    })?;
    de.end()
        .map_err(|e| Error::invalid_input(format!("trailing text after the JSON value: {e}")))?;
    Ok(value)
}

/// The fields every input record shares: a supported `version` (only 1) and a
/// non-empty `id`.
pub(crate) fn check_record(version: Option<u32>, id: &str) -> Result<()> {
    if let Some(v) = version.filter(|&v| v != 1) {
        return Err(
            Error::invalid_input(format!("version {v} is not supported (only 1)")).at("version"),
        );
    }
    if id.is_empty() {
        return Err(Error::invalid_input("must not be empty").at("id"));
    }
    Ok(())
}

/// A whole availability question in one document, as the CLI and the test vectors
/// hold it: `{"schedules": [...], "appointments": [...], "query": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityRequest {
    /// The schedules.
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
        engine.availability(&self.query).map_err(|e| {
            // Errors about the query carry a path; limits reached while answering do not.
            if e.path().is_empty() {
                e
            } else {
                e.at("query")
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
