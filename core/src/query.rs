//! The questions' shared input: an availability query's window, seats and notice
//! rules, validated.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};
use crate::limits::Limits;
use crate::rrule::check_window;
use crate::time::{check_instant, serde_forms, Instant};

fn one() -> u32 {
    1
}

/// An availability query (docs/reference.md, docs/semantics.md "Queries").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// Slots start at or after this instant.
    #[serde(with = "serde_forms::window_edge")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Instant"))]
    pub from: Instant,
    /// Slots start before this instant.
    #[serde(with = "serde_forms::window_edge")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Instant"))]
    pub to: Instant,
    /// Seats a slot must have free (default 1; 0 lists every slot, full ones too).
    #[serde(default = "one")]
    pub seats: u32,
    /// The present; with it, slots start no earlier than `now + min_notice` and no
    /// later than `now + max_advance`.
    #[serde(
        default,
        with = "serde_forms::opt_instant",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::time::schema::Instant>")
    )]
    pub now: Option<Instant>,
    /// Least time between `now` and a slot's start (ISO 8601 in JSON, seconds in Rust;
    /// default 0).
    #[serde(default, with = "serde_forms::duration")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Duration"))]
    pub min_notice: i64,
    /// Most time between `now` and a slot's start (ISO 8601 in JSON, seconds in Rust;
    /// default: no limit).
    #[serde(
        default,
        with = "serde_forms::opt_duration",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::time::schema::Duration>")
    )]
    pub max_advance: Option<i64>,
    /// Only these schedules (default: all), for re-asking one schedule after it
    /// changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedules: Option<Vec<String>>,
}

impl Query {
    /// All schedules, one seat, no notice rules.
    pub fn new(from: Instant, to: Instant) -> Query {
        Query {
            from,
            to,
            seats: 1,
            now: None,
            min_notice: 0,
            max_advance: None,
            schedules: None,
        }
    }

    /// The notice rules of this query.
    pub fn rules(&self) -> BookingRules {
        BookingRules {
            now: self.now,
            min_notice: self.min_notice,
            max_advance: self.max_advance,
        }
    }

    /// Check the window and durations; errors name the field (`to`, `min_notice`).
    /// The window follows [`check_window`]: empty, reversed or out of the years 0001
    /// to 9999 is `invalid_window`, longer than `limits.max_window_seconds` is
    /// `limit_exceeded`.
    pub fn validate(&self, limits: &Limits) -> Result<()> {
        check_instant(self.from)
            .map_err(|e| Error::new(ErrorCode::InvalidWindow, e.detail()).at("from"))?;
        check_window(self.from, self.to, limits).map_err(|e| e.at("to"))?;
        if let Some(now) = self.now {
            check_instant(now).map_err(|e| e.at("now"))?;
        }
        self.rules().validate()
    }
}

/// When a booking may be made, relative to the present.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BookingRules {
    /// The present; without it the other two are ignored.
    #[serde(
        default,
        with = "serde_forms::opt_instant",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::time::schema::Instant>")
    )]
    pub now: Option<Instant>,
    /// Least time between `now` and a start (ISO 8601 in JSON, seconds in Rust).
    #[serde(default, with = "serde_forms::duration")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Duration"))]
    pub min_notice: i64,
    /// Most time between `now` and a start (ISO 8601 in JSON, seconds in Rust).
    #[serde(
        default,
        with = "serde_forms::opt_duration",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::time::schema::Duration>")
    )]
    pub max_advance: Option<i64>,
}

impl BookingRules {
    /// Check the durations; errors name the field.
    pub fn validate(&self) -> Result<()> {
        if self.min_notice < 0 {
            return Err(Error::invalid_input("must not be negative").at("min_notice"));
        }
        if self.max_advance.is_some_and(|d| d < 0) {
            return Err(Error::invalid_input("must not be negative").at("max_advance"));
        }
        Ok(())
    }

    /// The earliest allowed start, if any.
    pub(crate) fn earliest(&self) -> Option<Instant> {
        self.now.map(|now| now.saturating_add(self.min_notice))
    }

    /// The latest allowed start, if any.
    pub(crate) fn latest(&self) -> Option<Instant> {
        self.now
            .zip(self.max_advance)
            .map(|(now, d)| now.saturating_add(d))
    }
}
