//! Schedules as UniFFI records, converted to and from the core's [`slotwise::Schedule`].

use std::time::{Duration, SystemTime};

use slotwise::schedule::{self as core, LocalDate, LocalTime};
use slotwise::time::{format_time, parse_date, parse_time};
use slotwise::Error;

use crate::booking_limit::BookingLimit;
use crate::time::{duration_seconds, from_duration_seconds, from_seconds, to_seconds};

/// A schedule: recurring availability in one IANA time zone, the slot grid carved
/// from it, and the times when nothing can be booked.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Schedule {
    /// Unique id; slot keys start with it.
    pub id: String,
    /// IANA zone of the local dates and times (`America/Sao_Paulo`).
    pub timezone: String,
    /// Recurring windows.
    pub availability: Vec<AvailabilityRule>,
    /// Slot grid and capacity.
    pub slot: SlotSpec,
    /// Dates whose windows are replaced.
    #[uniffi(default = [])]
    pub overrides: Vec<Override>,
    /// Times when nothing can be booked.
    #[uniffi(default = [])]
    pub exclusions: Vec<Exclusion>,
    /// Booking limits per local day, week or month.
    #[uniffi(default = [])]
    pub limits: Vec<BookingLimit>,
}

/// An availability rule: iCalendar text (`DTSTART` floating or with the schedule's
/// TZID, `RRULE`/`RDATE`/`EXDATE` lines) whose instances open windows, ending at the
/// local time `end` or after `duration`; exactly one of the two.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AvailabilityRule {
    /// The iCalendar text; lines are separated by `\n`.
    pub rule: String,
    /// Local time `HH:MM[:SS]` the window ends, on the start's date (or the next one
    /// when it is not after the start).
    #[uniffi(default = None)]
    pub end: Option<String>,
    /// Exact length of the window.
    #[uniffi(default = None)]
    pub duration: Option<Duration>,
}

/// The windows of one local date, replacing the rules' windows that start on it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Override {
    /// The local date `YYYY-MM-DD`.
    pub date: String,
    /// The windows of the date; empty makes it a day off.
    pub windows: Vec<LocalWindow>,
}

/// A window between two local times `HH:MM[:SS]`; an end not after its start is on
/// the next date.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LocalWindow {
    /// Local start time.
    pub start: String,
    /// Local end time.
    pub end: String,
}

/// The slot grid and its capacity.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SlotSpec {
    /// Length of a slot.
    pub duration: Duration,
    /// Seats per slot (at least 1).
    pub capacity: u32,
    /// Distance between slot starts; none means `duration`.
    #[uniffi(default = None)]
    pub step: Option<Duration>,
    /// Time before a slot that appointments also block; none means zero.
    #[uniffi(default = None)]
    pub buffer_before: Option<Duration>,
    /// Time after a slot that appointments also block; none means zero.
    #[uniffi(default = None)]
    pub buffer_after: Option<Duration>,
}

/// What an exclusion covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ExclusionKind {
    /// A whole local date (`date`), 23 or 25 hours on DST days.
    Day,
    /// The instants `[from, to)`.
    Range,
}

/// A time when nothing can be booked: a slot overlapping it is removed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Exclusion {
    /// `Day` (give `date`) or `Range` (give `from` and `to`).
    pub kind: ExclusionKind,
    /// The local date `YYYY-MM-DD` of a `Day` exclusion.
    #[uniffi(default = None)]
    pub date: Option<String>,
    /// Start of a `Range` exclusion.
    #[uniffi(default = None)]
    pub from: Option<SystemTime>,
    /// End (exclusive) of a `Range` exclusion.
    #[uniffi(default = None)]
    pub to: Option<SystemTime>,
    /// Free text for people (`holiday`).
    #[uniffi(default = None)]
    pub reason: Option<String>,
}

fn local_time(text: &str, field: &str) -> Result<LocalTime, Error> {
    parse_time(text).map(LocalTime).map_err(|e| e.at(field))
}

fn local_date(text: &str, field: &str) -> Result<LocalDate, Error> {
    parse_date(text).map(LocalDate).map_err(|e| e.at(field))
}

fn opt_duration(d: Option<Duration>, field: &str) -> Result<Option<i64>, Error> {
    d.map(|d| duration_seconds(d, field)).transpose()
}

impl Schedule {
    /// The core's form; conversion errors name the field (`slot.step`).
    pub fn to_core(&self) -> Result<core::Schedule, Error> {
        let availability = self
            .availability
            .iter()
            .enumerate()
            .map(|(i, r)| r.to_core().map_err(|e| e.at_index("availability", i)))
            .collect::<Result<_, _>>()?;
        let overrides = self
            .overrides
            .iter()
            .enumerate()
            .map(|(i, o)| o.to_core().map_err(|e| e.at_index("overrides", i)))
            .collect::<Result<_, _>>()?;
        let exclusions = self
            .exclusions
            .iter()
            .enumerate()
            .map(|(i, x)| x.to_core().map_err(|e| e.at_index("exclusions", i)))
            .collect::<Result<_, _>>()?;
        Ok(core::Schedule {
            version: None,
            id: self.id.clone(),
            timezone: self.timezone.clone(),
            availability,
            overrides,
            slot: self.slot.to_core().map_err(|e| e.at("slot"))?,
            exclusions,
            limits: self
                .limits
                .iter()
                .map(slotwise::BookingLimit::from)
                .collect(),
        })
    }
}

impl From<&core::Schedule> for Schedule {
    fn from(s: &core::Schedule) -> Self {
        Schedule {
            id: s.id.clone(),
            timezone: s.timezone.clone(),
            availability: s.availability.iter().map(AvailabilityRule::from).collect(),
            slot: SlotSpec::from(&s.slot),
            overrides: s.overrides.iter().map(Override::from).collect(),
            exclusions: s.exclusions.iter().map(Exclusion::from).collect(),
            limits: s.limits.iter().map(BookingLimit::from).collect(),
        }
    }
}

impl AvailabilityRule {
    fn to_core(&self) -> Result<core::AvailabilityRule, Error> {
        Ok(core::AvailabilityRule {
            rule: self.rule.clone(),
            end: self
                .end
                .as_deref()
                .map(|t| local_time(t, "end"))
                .transpose()?,
            duration: opt_duration(self.duration, "duration")?,
        })
    }
}

impl From<&core::AvailabilityRule> for AvailabilityRule {
    fn from(r: &core::AvailabilityRule) -> Self {
        AvailabilityRule {
            rule: r.rule.clone(),
            end: r.end.map(|t| format_time(t.0)),
            duration: r.duration.map(from_duration_seconds),
        }
    }
}

impl Override {
    fn to_core(&self) -> Result<core::Override, Error> {
        let windows = self
            .windows
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let field = format!("windows[{i}]");
                Ok((
                    local_time(&w.start, &format!("{field}.start"))?,
                    local_time(&w.end, &format!("{field}.end"))?,
                ))
            })
            .collect::<Result<_, Error>>()?;
        Ok(core::Override {
            date: local_date(&self.date, "date")?,
            windows,
        })
    }
}

impl From<&core::Override> for Override {
    fn from(o: &core::Override) -> Self {
        Override {
            date: o.date.0.to_string(),
            windows: o
                .windows
                .iter()
                .map(|(start, end)| LocalWindow {
                    start: format_time(start.0),
                    end: format_time(end.0),
                })
                .collect(),
        }
    }
}

impl SlotSpec {
    fn to_core(&self) -> Result<core::SlotSpec, Error> {
        Ok(core::SlotSpec {
            duration: duration_seconds(self.duration, "duration")?,
            step: opt_duration(self.step, "step")?,
            capacity: self.capacity,
            buffer_before: opt_duration(self.buffer_before, "buffer_before")?.unwrap_or(0),
            buffer_after: opt_duration(self.buffer_after, "buffer_after")?.unwrap_or(0),
        })
    }
}

impl From<&core::SlotSpec> for SlotSpec {
    fn from(s: &core::SlotSpec) -> Self {
        let nonzero = |secs: i64| (secs != 0).then(|| from_duration_seconds(secs));
        SlotSpec {
            duration: from_duration_seconds(s.duration),
            capacity: s.capacity,
            step: s.step.map(from_duration_seconds),
            buffer_before: nonzero(s.buffer_before),
            buffer_after: nonzero(s.buffer_after),
        }
    }
}

impl From<core::ExclusionKind> for ExclusionKind {
    fn from(k: core::ExclusionKind) -> Self {
        match k {
            core::ExclusionKind::Day => ExclusionKind::Day,
            core::ExclusionKind::Range => ExclusionKind::Range,
        }
    }
}

impl Exclusion {
    fn to_core(&self) -> Result<core::Exclusion, Error> {
        Ok(core::Exclusion {
            kind: match self.kind {
                ExclusionKind::Day => core::ExclusionKind::Day,
                ExclusionKind::Range => core::ExclusionKind::Range,
            },
            date: self
                .date
                .as_deref()
                .map(|d| local_date(d, "date"))
                .transpose()?,
            from: self.from.map(|t| to_seconds(t, "from")).transpose()?,
            to: self.to.map(|t| to_seconds(t, "to")).transpose()?,
            reason: self.reason.clone(),
        })
    }
}

impl From<&core::Exclusion> for Exclusion {
    fn from(x: &core::Exclusion) -> Self {
        Exclusion {
            kind: x.kind.into(),
            date: x.date.map(|d| d.0.to_string()),
            from: x.from.map(from_seconds),
            to: x.to.map(from_seconds),
            reason: x.reason.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clinic_schedules_round_trip_through_the_records() {
        let doc = include_str!("../../examples/data/clinic.json");
        let request: slotwise::AvailabilityRequest =
            slotwise::from_json(doc, &slotwise::Limits::default()).unwrap();
        for s in &request.schedules {
            let mut expected = s.clone();
            expected.version = None;
            assert_eq!(Schedule::from(s).to_core().unwrap(), expected);
        }
    }

    #[test]
    fn a_bad_local_time_names_its_field() {
        let s = Schedule {
            id: "x".into(),
            timezone: "UTC".into(),
            availability: vec![AvailabilityRule {
                rule: "DTSTART:20260302T090000\nRRULE:FREQ=DAILY".into(),
                end: Some("25:00".into()),
                duration: None,
            }],
            slot: SlotSpec {
                duration: Duration::from_secs(1800),
                capacity: 1,
                step: None,
                buffer_before: None,
                buffer_after: None,
            },
            overrides: vec![],
            exclusions: vec![],
            limits: vec![],
        };
        let e = s.to_core().unwrap_err();
        assert_eq!(e.path(), "availability[0].end");
    }
}
