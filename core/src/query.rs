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

fn open_end() -> Instant {
    Query::OPEN_END
}

fn is_open_end(t: &Instant) -> bool {
    *t == Query::OPEN_END
}

/// How far a query with `first` and no `to` reaches when it has no `max_advance`.
const FIRST_REACH: i64 = 366 * 86_400;

/// An availability query (docs/reference.md, docs/semantics.md "Queries").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// Slots start at or after this instant.
    #[serde(with = "serde_forms::window_edge")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Instant"))]
    pub from: Instant,
    /// Slots start before this instant. It may be left out when `first` is given
    /// ([`Query::OPEN_END`] in Rust): the window then reaches `now + max_advance`
    /// (inclusive) when both are given, else `from` + 366 days.
    #[serde(
        default = "open_end",
        with = "serde_forms::window_edge",
        skip_serializing_if = "is_open_end"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::time::schema::Instant>")
    )]
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
    /// changed. Not with `combine`, whose schedules are `combine.schedules`
    /// (`invalid_input` at `schedules`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedules: Option<Vec<String>>,
    /// Only the first `n` slots (n >= 1), in the answer's order; the engine stops
    /// as soon as it has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<u32>,
    /// Combine schedules (a doctor and a room, a pool, k of n): the query then
    /// answers combined rows ([`crate::Engine::combined`]), not slots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combine: Option<Combine>,
}

/// How a combined query joins its schedules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CombineMode {
    /// Every listed schedule can take the time.
    All,
    /// Any one of them can (a pool).
    Any,
    /// At least `k` of them can.
    KOfN,
}

/// A combined query's schedules and grid (docs/semantics.md "Combined queries").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Combine {
    /// `all`, `any` or `k_of_n`.
    pub mode: CombineMode,
    /// With `k_of_n`: how many must be able to take a time (1 to n).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k: Option<u32>,
    /// Two or more distinct schedule ids.
    pub schedules: Vec<String>,
    /// Length of a combined time (`all`, `k_of_n`; not with `any`).
    #[serde(
        default,
        with = "serde_forms::opt_duration",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::time::schema::Duration>")
    )]
    pub duration: Option<i64>,
    /// Distance between combined starts (default `duration`; not with `any`).
    #[serde(
        default,
        with = "serde_forms::opt_duration",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::time::schema::Duration>")
    )]
    pub step: Option<i64>,
}

impl Combine {
    /// Check the fields that need no engine state; errors name the field relative
    /// to `combine`.
    pub fn validate(&self) -> Result<()> {
        let n = self.schedules.len();
        if n < 2 {
            return Err(Error::invalid_input("list two or more schedules").at("schedules"));
        }
        for (i, id) in self.schedules.iter().enumerate() {
            if self.schedules.iter().take(i).any(|other| other == id) {
                return Err(Error::invalid_input(format!("`{id}` is listed twice"))
                    .at_index("schedules", i));
            }
        }
        match (self.mode, self.k) {
            (CombineMode::KOfN, None) => {
                return Err(Error::invalid_input("k_of_n needs `k`").at("k"));
            }
            (CombineMode::KOfN, Some(k)) if k < 1 || usize::try_from(k).map_or(true, |k| k > n) => {
                return Err(Error::invalid_input(format!("must be 1 to {n}")).at("k"));
            }
            (CombineMode::All | CombineMode::Any, Some(_)) => {
                return Err(Error::invalid_input("only k_of_n takes `k`").at("k"));
            }
            _ => {}
        }
        if self.mode == CombineMode::Any {
            if self.duration.is_some() {
                return Err(Error::invalid_input(
                    "not with `any`: its times are the schedules' own slots",
                )
                .at("duration"));
            }
            if self.step.is_some() {
                return Err(Error::invalid_input(
                    "not with `any`: its times are the schedules' own slots",
                )
                .at("step"));
            }
            return Ok(());
        }
        match self.duration {
            None => return Err(Error::invalid_input("required with all and k_of_n").at("duration")),
            Some(d) if d <= 0 => return Err(Error::invalid_input("must be > 0").at("duration")),
            _ => {}
        }
        if self.step.is_some_and(|s| s <= 0) {
            return Err(Error::invalid_input("must be > 0").at("step"));
        }
        Ok(())
    }
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
            first: None,
            combine: None,
        }
    }

    /// `to` when the window has no given end (only with `first`).
    pub const OPEN_END: Instant = Instant::MAX;

    /// The end of the window: `to`, or with `to` left out, `now + max_advance`
    /// (inclusive) when both are given, else `from` + 366 days.
    pub fn end(&self) -> Instant {
        if self.to != Query::OPEN_END {
            return self.to;
        }
        match self.rules().latest() {
            Some(latest) => latest.saturating_add(1),
            None => self.from.saturating_add(FIRST_REACH),
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
        if self.first == Some(0) {
            return Err(Error::invalid_input("must be >= 1").at("first"));
        }
        if self.to == Query::OPEN_END && self.first.is_none() {
            return Err(Error::invalid_input("required unless `first` is given").at("to"));
        }
        check_window(self.from, self.end(), limits).map_err(|e| e.at("to"))?;
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
