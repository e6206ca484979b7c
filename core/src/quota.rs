//! Booking limits of a schedule: at most so many appointments, or so many minutes,
//! per local day, week (Monday first) or month in the schedule's zone, and the tally
//! that tells whether a span of time would break one.
//!
//! An appointment counts in the period that holds the local date of its start, once
//! whatever its seats, for its `end - start`. A span `[t, t + d)` belongs to the
//! period holding the local date of `t`; it breaks a limit when the period already
//! holds `max_appointments`, or when its minutes plus `d` pass `max_minutes`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::capacity::AppointmentIndex;
use crate::error::{Error, Result};
use crate::time::Instant;
use crate::tz::Zone;

const DAY: i64 = 86_400;

/// The calendar period a booking limit counts over, in the schedule's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LimitPeriod {
    /// A local date.
    Day,
    /// Monday to Sunday, local dates.
    Week,
    /// A calendar month, local dates.
    Month,
}

/// A booking limit: either or both maxima over each period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BookingLimit {
    /// The period counted over.
    pub period: LimitPeriod,
    /// Most seat-holding appointments starting in one period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_appointments: Option<u32>,
    /// Most minutes of seat-holding appointments starting in one period (reaching it
    /// exactly is allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_minutes: Option<u32>,
}

impl BookingLimit {
    /// Check the limit; errors name the field relative to the limit.
    pub fn validate(&self) -> Result<()> {
        if self.max_appointments.is_none() && self.max_minutes.is_none() {
            return Err(Error::invalid_input(
                "give `max_appointments`, `max_minutes` or both",
            ));
        }
        Ok(())
    }
}

/// The day numbers `[first, next)` of the period of `period` holding day `day`.
pub fn period_days(period: LimitPeriod, day: i64) -> (i64, i64) {
    match period {
        LimitPeriod::Day => (day, day + 1),
        LimitPeriod::Week => {
            // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
            let monday = day - (day + 3).rem_euclid(7);
            (monday, monday + 7)
        }
        LimitPeriod::Month => {
            let date = date_of(day);
            let first = date.with_day(1).unwrap_or(date);
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
            }
            .unwrap_or(first);
            (day_of(first), day_of(next).max(day + 1))
        }
    }
}

fn date_of(day: i64) -> NaiveDate {
    NaiveDate::default() + chrono::Duration::days(day)
}

fn day_of(date: NaiveDate) -> i64 {
    (date - NaiveDate::default()).num_days()
}

/// What a period holds when a span breaks one of the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitBreak {
    /// The limit's index in the schedule's `limits`.
    pub index: usize,
    /// The limit.
    pub limit: BookingLimit,
    /// Local date (day number) the period starts on.
    pub first_day: i64,
    /// Seat-holding appointments starting in the period.
    pub appointments: u32,
    /// Their seconds, summed.
    pub seconds: i64,
}

/// One limit's period last counted.
#[derive(Debug, Clone, Copy)]
struct Counted {
    first: i64,
    next: i64,
    appointments: u32,
    seconds: i64,
}

/// Counts a schedule's appointments per period of each of its limits, remembering
/// the last period of each so that a walk in order of time counts each period once.
#[derive(Debug, Clone)]
pub struct Tally<'a> {
    zone: Zone,
    limits: &'a [BookingLimit],
    index: &'a AppointmentIndex,
    skip: Option<String>,
    counted: Vec<Option<Counted>>,
}

impl<'a> Tally<'a> {
    /// The tally of `limits` over the appointments of `index`, leaving out the one
    /// with id `skip`.
    pub fn new(
        zone: Zone,
        limits: &'a [BookingLimit],
        index: &'a AppointmentIndex,
        skip: Option<&str>,
    ) -> Tally<'a> {
        Tally {
            zone,
            limits,
            index,
            skip: skip.map(str::to_owned),
            counted: vec![None; limits.len()],
        }
    }

    /// The first limit (in order) that a span starting at `start` lasting `length`
    /// seconds breaks, if any.
    pub fn check(&mut self, start: Instant, length: i64) -> Option<LimitBreak> {
        if self.limits.is_empty() {
            return None;
        }
        let day = self.zone.wall(start).div_euclid(DAY);
        for (i, limit) in self.limits.iter().enumerate() {
            let counted = match self.counted.get(i).copied().flatten() {
                Some(c) if c.first <= day && day < c.next => c,
                _ => {
                    let c = self.count(limit.period, day);
                    if let Some(slot) = self.counted.get_mut(i) {
                        *slot = Some(c);
                    }
                    c
                }
            };
            let by_count = limit
                .max_appointments
                .is_some_and(|m| counted.appointments >= m);
            let by_minutes = limit.max_minutes.is_some_and(|m| {
                counted.seconds.saturating_add(length) > i64::from(m).saturating_mul(60)
            });
            if by_count || by_minutes {
                return Some(LimitBreak {
                    index: i,
                    limit: *limit,
                    first_day: counted.first,
                    appointments: counted.appointments,
                    seconds: counted.seconds,
                });
            }
        }
        None
    }

    /// Count the appointments starting in the period of `period` holding `day`.
    fn count(&self, period: LimitPeriod, day: i64) -> Counted {
        let (first, next) = period_days(period, day);
        // Instants around the period's local midnights; each start is then checked
        // by its exact local date.
        let lo = self
            .zone
            .resolve_wall(first.saturating_mul(DAY))
            .saturating_sub(DAY);
        let hi = self
            .zone
            .resolve_wall(next.saturating_mul(DAY))
            .saturating_add(DAY);
        let mut appointments = 0u32;
        let mut seconds = 0i64;
        for hold in self.index.starting_between(lo, hi) {
            if self.skip.as_deref() == Some(hold.id.as_str()) {
                continue;
            }
            let d = self.zone.wall(hold.span.start).div_euclid(DAY);
            if first <= d && d < next {
                appointments = appointments.saturating_add(1);
                seconds = seconds.saturating_add(hold.span.end - hold.span.start);
            }
        }
        Counted {
            first,
            next,
            appointments,
            seconds,
        }
    }
}

impl LimitBreak {
    /// The period's first local date, `YYYY-MM-DD`.
    pub fn first_date(&self) -> String {
        crate::time::format_date(date_of(self.first_day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        // 2026-03-31 is a Tuesday.
        let d = day_of(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        let (mon, next) = period_days(LimitPeriod::Week, d);
        assert_eq!(date_of(mon), NaiveDate::from_ymd_opt(2026, 3, 30).unwrap());
        assert_eq!(date_of(next), NaiveDate::from_ymd_opt(2026, 4, 6).unwrap());
        let (first, next) = period_days(LimitPeriod::Month, d);
        assert_eq!(date_of(first), NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        assert_eq!(date_of(next), NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
        let dec = day_of(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        let (_, next) = period_days(LimitPeriod::Month, dec);
        assert_eq!(date_of(next), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        // A Monday is its own week's first day; a Sunday the last.
        let sunday = day_of(NaiveDate::from_ymd_opt(2026, 4, 5).unwrap());
        assert_eq!(period_days(LimitPeriod::Week, sunday).0, mon);
        assert_eq!(period_days(LimitPeriod::Week, mon).0, mon);
    }
}
