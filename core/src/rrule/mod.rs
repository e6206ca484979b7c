//! RFC 5545 recurrence sets: parse, validate, serialize and expand.
//! (API skeleton; the implementation lands next.)

use chrono::NaiveDateTime;

use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::time::Instant;
use crate::tz::Zone;

/// One instance of a recurrence set: the instant, and the nominal local wall-clock
/// time the rule produced (before any DST gap shift), as wall seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The instant (UTC seconds).
    pub instant: Instant,
    /// The local wall-clock seconds the rule wrote, in the set's zone.
    pub wall: i64,
}

/// A parsed and compiled recurrence set (DTSTART, RRULEs, RDATEs, EXDATEs).
#[derive(Debug, Clone)]
pub struct RecurrenceSet {
    zone: Zone,
    dtstart: NaiveDateTime,
}

impl RecurrenceSet {
    /// Parse iCalendar text; a floating DTSTART is read in UTC.
    pub fn parse(text: &str) -> Result<Self> {
        Self::parse_in(text, Zone::UTC)
    }

    /// Parse iCalendar text; a floating DTSTART (and floating RDATE/EXDATE/UNTIL) is
    /// read in `default_zone`.
    pub fn parse_in(text: &str, default_zone: Zone) -> Result<Self> {
        let _ = (text, default_zone);
        Err(Error::invalid_rule("not implemented yet"))
    }

    /// The zone the set expands in.
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// DTSTART as local wall-clock time in [`RecurrenceSet::zone`].
    pub fn dtstart_local(&self) -> NaiveDateTime {
        self.dtstart
    }

    /// Instances with start in `[from, to)`, ascending and unique; at most `limit`
    /// (the first ones); without `limit`, more than `limits.max_instances` is
    /// `limit_exceeded`.
    pub fn between(
        &self,
        from: Instant,
        to: Instant,
        limit: Option<usize>,
        limits: &Limits,
    ) -> Result<Vec<Instant>> {
        let _ = (from, to, limit, limits);
        Ok(Vec::new())
    }

    /// Like [`RecurrenceSet::between`], with each instance's nominal local time.
    pub fn occurrences_between(
        &self,
        from: Instant,
        to: Instant,
        limit: Option<usize>,
        limits: &Limits,
    ) -> Result<Vec<Occurrence>> {
        let _ = (from, to, limit, limits);
        Ok(Vec::new())
    }
}

/// Expand iCalendar text (floating times in UTC) over `[from, to)` with default limits.
pub fn expand(
    ical: &str,
    from: Instant,
    to: Instant,
    limit: Option<usize>,
) -> Result<Vec<Instant>> {
    RecurrenceSet::parse(ical)?.between(from, to, limit, &Limits::default())
}
