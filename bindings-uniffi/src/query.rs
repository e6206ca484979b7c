//! Availability queries and booking rules as UniFFI records, converted to the core's
//! [`slotwise::Query`] and [`slotwise::BookingRules`].

use std::time::{Duration, SystemTime};

use slotwise::Error;

use crate::time::{
    duration_seconds, from_duration_seconds, from_seconds, to_seconds, to_seconds_floor,
};

/// An availability question: the slots with start in `[from, to)` and at least
/// `seats` free; with `now`, also not before `now + min_notice` and, with
/// `max_advance`, not after `now + max_advance`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Query {
    /// Slots start at or after this instant.
    pub from: SystemTime,
    /// Slots start before this instant.
    pub to: SystemTime,
    /// Seats a slot must have free; 0 lists every slot, full and overbooked ones too.
    #[uniffi(default = 1)]
    pub seats: u32,
    /// The present (a fraction of a second is dropped); without it the notice rules
    /// are ignored.
    #[uniffi(default = None)]
    pub now: Option<SystemTime>,
    /// Least time between `now` and a slot's start; none means zero.
    #[uniffi(default = None)]
    pub min_notice: Option<Duration>,
    /// Most time between `now` and a slot's start; none means no limit.
    #[uniffi(default = None)]
    pub max_advance: Option<Duration>,
    /// Only these schedules; none means all.
    #[uniffi(default = None)]
    pub schedules: Option<Vec<String>>,
}

/// When a booking may be made, relative to the present.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BookingRules {
    /// The present (a fraction of a second is dropped); without it the other two are
    /// ignored.
    #[uniffi(default = None)]
    pub now: Option<SystemTime>,
    /// Least time between `now` and a start; none means zero.
    #[uniffi(default = None)]
    pub min_notice: Option<Duration>,
    /// Most time between `now` and a start; none means no limit.
    #[uniffi(default = None)]
    pub max_advance: Option<Duration>,
}

fn rules(
    now: Option<SystemTime>,
    min_notice: Option<Duration>,
    max_advance: Option<Duration>,
) -> Result<slotwise::BookingRules, Error> {
    Ok(slotwise::BookingRules {
        now: now.map(|t| to_seconds_floor(t, "now")).transpose()?,
        min_notice: min_notice
            .map(|d| duration_seconds(d, "min_notice"))
            .transpose()?
            .unwrap_or(0),
        max_advance: max_advance
            .map(|d| duration_seconds(d, "max_advance"))
            .transpose()?,
    })
}

impl Query {
    /// The core's form; conversion errors name the field (`from`, `min_notice`).
    pub fn to_core(&self) -> Result<slotwise::Query, Error> {
        let r = rules(self.now, self.min_notice, self.max_advance)?;
        let mut q =
            slotwise::Query::new(to_seconds(self.from, "from")?, to_seconds(self.to, "to")?);
        q.seats = self.seats;
        q.now = r.now;
        q.min_notice = r.min_notice;
        q.max_advance = r.max_advance;
        q.schedules = self.schedules.clone();
        Ok(q)
    }
}

impl From<&slotwise::Query> for Query {
    fn from(q: &slotwise::Query) -> Self {
        Query {
            from: from_seconds(q.from),
            to: from_seconds(q.to),
            seats: q.seats,
            now: q.now.map(from_seconds),
            min_notice: (q.min_notice != 0).then(|| from_duration_seconds(q.min_notice)),
            max_advance: q.max_advance.map(from_duration_seconds),
            schedules: q.schedules.clone(),
        }
    }
}

impl BookingRules {
    /// The core's form; conversion errors name the field (`now`).
    pub fn to_core(&self) -> Result<slotwise::BookingRules, Error> {
        rules(self.now, self.min_notice, self.max_advance)
    }
}
