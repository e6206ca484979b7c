//! Availability and combined queries and booking rules as UniFFI records, converted
//! to the core's [`slotwise::Query`] and [`slotwise::BookingRules`].

use std::time::{Duration, SystemTime};

use slotwise::Error;

use crate::combine::Combine;
use crate::time::{
    duration_seconds, from_duration_seconds, from_seconds, to_seconds, to_seconds_floor,
};

/// An availability question: the slots with start in `[from, to)` and at least
/// `seats` free; with `now`, also not before `now + min_notice` and, with
/// `max_advance`, not after `now + max_advance`; with `first`, only the first `n`.
/// With `combine` it is a combined question (`Engine.combined`): rows of times that
/// every, any or `k` of the listed schedules can take, selected by the same window,
/// notice rules and `first`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Query {
    /// Slots start at or after this instant.
    pub from: SystemTime,
    /// Slots start before this instant. It may be left out when `first` is given: the
    /// window then reaches `now + max_advance` (inclusive) when both are given, else
    /// `from` + 366 days.
    #[uniffi(default = None)]
    pub to: Option<SystemTime>,
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
    /// Only these schedules; none means all. Not with `combine`: a combined query's
    /// schedules are `combine.schedules`, and a query giving both is refused
    /// (`invalid_input` at `schedules`).
    #[uniffi(default = None)]
    pub schedules: Option<Vec<String>>,
    /// Only the first `n` slots or rows (n >= 1), in the answer's order; the engine
    /// stops as soon as it has them.
    #[uniffi(default = None)]
    pub first: Option<u32>,
    /// Combine schedules (`Engine.combined`); `availability` refuses a query with it.
    #[uniffi(default = None)]
    pub combine: Option<Combine>,
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
    /// The core's form; conversion errors name the field (`from`, `min_notice`,
    /// `combine.duration`).
    pub fn to_core(&self) -> Result<slotwise::Query, Error> {
        let r = rules(self.now, self.min_notice, self.max_advance)?;
        let to = match self.to {
            Some(t) => to_seconds(t, "to")?,
            None => slotwise::Query::OPEN_END,
        };
        let mut q = slotwise::Query::new(to_seconds(self.from, "from")?, to);
        q.seats = self.seats;
        q.now = r.now;
        q.min_notice = r.min_notice;
        q.max_advance = r.max_advance;
        q.schedules = self.schedules.clone();
        q.first = self.first;
        q.combine = self
            .combine
            .as_ref()
            .map(|c| c.to_core().map_err(|e| e.at("combine")))
            .transpose()?;
        Ok(q)
    }
}

impl From<&slotwise::Query> for Query {
    fn from(q: &slotwise::Query) -> Self {
        Query {
            from: from_seconds(q.from),
            to: (q.to != slotwise::Query::OPEN_END).then(|| from_seconds(q.to)),
            seats: q.seats,
            now: q.now.map(from_seconds),
            min_notice: (q.min_notice != 0).then(|| from_duration_seconds(q.min_notice)),
            max_advance: q.max_advance.map(from_duration_seconds),
            schedules: q.schedules.clone(),
            first: q.first,
            combine: q.combine.as_ref().map(Combine::from),
        }
    }
}

impl BookingRules {
    /// The core's form; conversion errors name the field (`now`).
    pub fn to_core(&self) -> Result<slotwise::BookingRules, Error> {
        rules(self.now, self.min_notice, self.max_advance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::combine::CombineMode;

    fn core(json: &str) -> slotwise::Query {
        slotwise::from_json(json, &slotwise::Limits::default()).unwrap()
    }

    #[test]
    fn a_query_without_to_round_trips_through_the_record() {
        let q = core(r#"{"from": "2026-03-02T00:00:00Z", "first": 3}"#);
        let record = Query::from(&q);
        assert_eq!(record.to, None);
        assert_eq!(record.first, Some(3));
        assert_eq!(record.to_core().unwrap(), q);
    }

    #[test]
    fn a_combined_query_round_trips_through_the_record() {
        let q = core(
            r#"{"from": "2026-03-02T00:00:00Z", "to": "2026-03-03T00:00:00Z",
                "combine": {"mode": "k_of_n", "k": 2, "schedules": ["a", "b", "c"],
                            "duration": "PT45M", "step": "PT15M"}}"#,
        );
        let record = Query::from(&q);
        let combine = record.combine.as_ref().unwrap();
        assert_eq!(combine.mode, CombineMode::KOfN);
        assert_eq!(combine.duration, Some(Duration::from_secs(45 * 60)));
        assert_eq!(record.to_core().unwrap(), q);
    }

    #[test]
    fn a_fraction_in_combine_names_its_field() {
        let mut record = Query::from(&core(
            r#"{"from": "2026-03-02T00:00:00Z", "first": 1,
                "combine": {"mode": "all", "schedules": ["a", "b"], "duration": "PT1H"}}"#,
        ));
        if let Some(c) = record.combine.as_mut() {
            c.step = Some(Duration::from_millis(1500));
        }
        let e = record.to_core().unwrap_err();
        assert_eq!(e.path(), "combine.step");
    }
}
