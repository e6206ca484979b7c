//! Schedules: their JSON form, validation, and the compiled form that builds merged
//! availability windows.
//!
//! A schedule opens a window at each instance of its availability rules (ending at a
//! local time or after a duration), replaces the windows of overridden dates, and
//! unions the rest. Exclusions become sorted instant spans at compile time.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::interval::{merge, Span};
use crate::limits::Limits;
use crate::quota::BookingLimit;
use crate::rrule::{DateValue, RecurrenceSet};
use crate::time::{self, check_instant, serde_forms, Instant, MAX_INSTANT, MIN_INSTANT};
use crate::tz::{Zone, ZoneCursor};

const DAY: i64 = 86_400;

/// A local wall-clock time of day, `HH:MM[:SS]` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::LocalTime"))]
pub struct LocalTime(pub NaiveTime);

impl LocalTime {
    /// Seconds since local midnight.
    pub fn seconds(&self) -> i64 {
        i64::from(self.0.num_seconds_from_midnight())
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&time::format_time(self.0))
    }
}

impl<'de> Deserialize<'de> for LocalTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        time::parse_time(&text)
            .map(LocalTime)
            .map_err(serde::de::Error::custom)
    }
}

/// A local calendar date, `YYYY-MM-DD` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::LocalDate"))]
pub struct LocalDate(pub NaiveDate);

impl LocalDate {
    /// Days since 1970-01-01 (negative before).
    pub fn day_number(&self) -> i64 {
        time::wall_seconds(self.0.and_time(NaiveTime::MIN)).div_euclid(DAY)
    }
}

impl Serialize for LocalDate {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&time::format_date(self.0))
    }
}

impl<'de> Deserialize<'de> for LocalDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        time::parse_date(&text)
            .map(LocalDate)
            .map_err(serde::de::Error::custom)
    }
}

/// A schedule as hosts send it (docs/reference.md, docs/semantics.md "Schedules").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Format version; only `1` exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    /// Unique id; slot keys start with it.
    pub id: String,
    /// IANA zone of the local dates and times.
    pub timezone: String,
    /// Recurring windows.
    #[serde(default)]
    pub availability: Vec<AvailabilityRule>,
    /// Dates whose windows are replaced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<Override>,
    /// Slot grid and capacity.
    pub slot: SlotSpec,
    /// Times when nothing can be booked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<Exclusion>,
    /// Booking limits per local day, week or month (docs/semantics.md "Booking
    /// limits").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<BookingLimit>,
}

/// An availability rule: iCalendar text whose instances open windows, ending at a
/// local time (`end`) or after a `duration`; exactly one of the two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AvailabilityRule {
    /// `DTSTART` (floating or with the schedule's TZID) and `RRULE`/`RDATE`/`EXDATE` lines.
    pub rule: String,
    /// Local time the window ends, on the start's date (or the next one when not after it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<LocalTime>,
    /// Exact length of the window (an ISO 8601 duration in JSON, seconds in Rust).
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
}

/// The windows of one local date, replacing the rules' windows that start on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// The local date.
    pub date: LocalDate,
    /// `[start, end]` local times; an end not after its start is on the next date.
    /// Empty: a day off.
    pub windows: Vec<(LocalTime, LocalTime)>,
}

/// The slot grid and its capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SlotSpec {
    /// Length of a slot (an ISO 8601 duration in JSON, seconds in Rust).
    #[serde(with = "serde_forms::duration")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Duration"))]
    pub duration: i64,
    /// Distance between slot starts (ISO 8601 in JSON, seconds in Rust); defaults to
    /// `duration`.
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
    /// Seats per slot (>= 1).
    pub capacity: u32,
    /// Time before a slot that appointments also block (ISO 8601 in JSON, seconds in
    /// Rust; default none).
    #[serde(default, with = "serde_forms::duration")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Duration"))]
    pub buffer_before: i64,
    /// Time after a slot that appointments also block (ISO 8601 in JSON, seconds in
    /// Rust; default none).
    #[serde(default, with = "serde_forms::duration")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Duration"))]
    pub buffer_after: i64,
}

/// What an exclusion covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExclusionKind {
    /// A whole local date (`date`).
    Day,
    /// The instants `[from, to)`.
    Range,
}

/// A time when no slot may be booked: a slot overlapping it is removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// `day` (with `date`) or `range` (with `from` and `to`).
    pub kind: ExclusionKind,
    /// The local date of a `day` exclusion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<LocalDate>,
    /// Start of a `range` exclusion.
    #[serde(
        default,
        with = "serde_forms::opt_instant",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::time::schema::Instant>")
    )]
    pub from: Option<Instant>,
    /// End (exclusive) of a `range` exclusion.
    #[serde(
        default,
        with = "serde_forms::opt_instant",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::time::schema::Instant>")
    )]
    pub to: Option<Instant>,
    /// Free text for people (`holiday`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// How a rule's window ends.
#[derive(Debug, Clone, Copy)]
enum WindowEnd {
    /// At this many seconds after local midnight.
    LocalTime(i64),
    /// After this many exact seconds.
    After(i64),
}

#[derive(Debug, Clone)]
struct CompiledRule {
    set: RecurrenceSet,
    end: WindowEnd,
}

/// The slot grid of a compiled schedule, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    /// Slot length (> 0).
    pub duration: i64,
    /// Distance between slot starts (> 0).
    pub step: i64,
    /// Seats per slot (>= 1).
    pub capacity: u32,
    /// Blocked time before a slot (>= 0).
    pub buffer_before: i64,
    /// Blocked time after a slot (>= 0).
    pub buffer_after: i64,
}

/// A schedule validated and compiled for queries: rules parsed in the schedule's
/// zone, overrides by day, exclusions as instant spans.
#[derive(Debug, Clone)]
pub struct CompiledSchedule {
    zone: Zone,
    rules: Vec<CompiledRule>,
    /// Day number -> `(start, end)` seconds after local midnight.
    overrides: BTreeMap<i64, Vec<(i64, i64)>>,
    /// Each exclusion as a span, in input order (empty ones kept so indices match).
    exclusions: Vec<Span>,
    /// The exclusions merged: sorted, disjoint.
    excluded: Vec<Span>,
    grid: Grid,
    /// No window is longer than this, in seconds.
    reach: i64,
    /// Booking limits, in input order.
    limits: Vec<BookingLimit>,
}

impl Schedule {
    /// Validate and compile; a rule's text must be within `limits.max_input_bytes`.
    /// Errors name the field relative to the schedule (`slot.step`,
    /// `availability[0].rule`).
    pub fn compile(&self, limits: &Limits) -> Result<CompiledSchedule> {
        crate::record::check_record(self.version, &self.id)?;
        let zone = Zone::parse(&self.timezone).map_err(|e| e.at("timezone"))?;
        let grid = self.slot.compile().map_err(|e| e.at("slot"))?;
        let mut reach = 0;
        let mut rules = Vec::with_capacity(self.availability.len());
        for (i, rule) in self.availability.iter().enumerate() {
            let compiled = rule
                .compile(zone, limits)
                .map_err(|e| e.at_index("availability", i))?;
            reach = reach.max(match compiled.end {
                WindowEnd::After(d) => d,
                WindowEnd::LocalTime(_) => LOCAL_END_REACH,
            });
            rules.push(compiled);
        }
        let mut overrides = BTreeMap::new();
        for (i, o) in self.overrides.iter().enumerate() {
            let windows = o.windows.iter().map(|(s, e)| (s.seconds(), e.seconds()));
            if overrides
                .insert(o.date.day_number(), windows.collect())
                .is_some()
            {
                return Err(
                    Error::invalid_input(format!("{} already has an override", o.date.0))
                        .at("date")
                        .at_index("overrides", i),
                );
            }
            reach = reach.max(LOCAL_END_REACH);
        }
        let exclusions = self
            .exclusions
            .iter()
            .enumerate()
            .map(|(i, x)| x.span(zone).map_err(|e| e.at_index("exclusions", i)))
            .collect::<Result<Vec<_>>>()?;
        let mut excluded = exclusions.clone();
        merge(&mut excluded);
        for (i, limit) in self.limits.iter().enumerate() {
            limit.validate().map_err(|e| e.at_index("limits", i))?;
        }
        Ok(CompiledSchedule {
            zone,
            rules,
            overrides,
            exclusions,
            excluded,
            grid,
            reach,
            limits: self.limits.clone(),
        })
    }
}

/// An upper bound on the length of a window that ends at a local time: a day, plus
/// the largest DST shift, plus a whole skipped day (Pacific/Apia, 2011).
const LOCAL_END_REACH: i64 = 3 * DAY;

impl AvailabilityRule {
    fn compile(&self, zone: Zone, limits: &Limits) -> Result<CompiledRule> {
        let end = match (self.end, self.duration) {
            (Some(t), None) => WindowEnd::LocalTime(t.seconds()),
            (None, Some(d)) if d > 0 => WindowEnd::After(d),
            (None, Some(_)) => return Err(Error::invalid_input("must be > 0").at("duration")),
            _ => {
                return Err(Error::invalid_input(
                    "give exactly one of `end` (a local time) and `duration`",
                ))
            }
        };
        let set = RecurrenceSet::parse_with(&self.rule, zone, limits).map_err(|e| e.at("rule"))?;
        let written = match set.dtstart() {
            DateValue::Floating(_) | DateValue::Date(_) => None,
            DateValue::Zoned(_, z) if z == zone => None,
            DateValue::Zoned(_, z) => Some(format!("TZID={}", z.name())),
            DateValue::Utc(_) => Some("UTC".to_owned()),
        };
        if let Some(written) = written {
            return Err(Error::invalid_input(format!(
                "DTSTART must be floating or carry TZID={} (the schedule's zone), not {written}",
                zone.name()
            ))
            .at("rule"));
        }
        Ok(CompiledRule { set, end })
    }
}

impl SlotSpec {
    fn compile(&self) -> Result<Grid> {
        let positive = |v: i64, field: &str| {
            if v > 0 {
                Ok(v)
            } else {
                Err(Error::invalid_input("must be > 0").at(field))
            }
        };
        let not_negative = |v: i64, field: &str| {
            if v >= 0 {
                Ok(v)
            } else {
                Err(Error::invalid_input("must not be negative").at(field))
            }
        };
        let duration = positive(self.duration, "duration")?;
        Ok(Grid {
            duration,
            step: positive(self.step.unwrap_or(duration), "step")?,
            capacity: match self.capacity {
                0 => return Err(Error::invalid_input("must be >= 1").at("capacity")),
                c => c,
            },
            buffer_before: not_negative(self.buffer_before, "buffer_before")?,
            buffer_after: not_negative(self.buffer_after, "buffer_after")?,
        })
    }
}

impl Exclusion {
    /// The instants this exclusion covers, in `zone`.
    fn span(&self, zone: Zone) -> Result<Span> {
        let stray = |field: &str| {
            Error::invalid_input(format!("not allowed in a {:?} exclusion", self.kind)).at(field)
        };
        match self.kind {
            ExclusionKind::Day => {
                if self.from.is_some() {
                    return Err(stray("from"));
                }
                if self.to.is_some() {
                    return Err(stray("to"));
                }
                let day = self
                    .date
                    .ok_or_else(|| Error::invalid_input("a day exclusion needs a date").at("date"))?
                    .day_number();
                Ok(Span::new(
                    zone.resolve_wall(day * DAY),
                    zone.resolve_wall((day + 1) * DAY),
                ))
            }
            ExclusionKind::Range => {
                if self.date.is_some() {
                    return Err(stray("date"));
                }
                let need = |v: Option<Instant>, field: &str| {
                    v.ok_or_else(|| {
                        Error::invalid_input("a range exclusion needs `from` and `to`").at(field)
                    })
                };
                let (from, to) = (need(self.from, "from")?, need(self.to, "to")?);
                check_instant(from).map_err(|e| e.at("from"))?;
                check_instant(to).map_err(|e| e.at("to"))?;
                if to <= from {
                    return Err(Error::invalid_input("must be after `from`").at("to"));
                }
                Ok(Span::new(from, to))
            }
        }
    }
}

/// The local date (day number) of a window that starts at `instant`, written at
/// `wall`: the date a clock in the zone shows at `instant`. It differs from the
/// written date only when a DST gap shifted the start past the next midnight (a
/// skipped day: Pacific/Apia 2011-12-30), so the zone is asked only then.
fn start_day(cursor: &mut ZoneCursor, instant: Instant, wall: i64) -> i64 {
    let written = wall.div_euclid(DAY);
    if instant < cursor.resolve_wall((written + 1) * DAY) {
        written
    } else {
        cursor.zone().wall(instant).div_euclid(DAY)
    }
}

/// The end of a window starting on local date `day` whose written start time of day
/// is `start` and which ends at local time `end`: that day, or the next one when
/// `end` is not after `start`; resolved with the DST rules.
fn end_at(cursor: &mut ZoneCursor, day: i64, start: i64, end: i64) -> Instant {
    let end_day = if end > start { day } else { day + 1 };
    cursor.resolve_wall(end_day * DAY + end)
}

impl CompiledSchedule {
    /// The schedule's zone.
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The slot grid and capacity.
    pub fn grid(&self) -> Grid {
        self.grid
    }

    /// Each exclusion as instants, in input order.
    pub fn exclusions(&self) -> &[Span] {
        &self.exclusions
    }

    /// The booking limits, in input order.
    pub fn limits(&self) -> &[BookingLimit] {
        &self.limits
    }

    /// The exclusions merged: sorted and disjoint.
    pub fn excluded(&self) -> &[Span] {
        &self.excluded
    }

    /// Push every window (not merged) whose start lies in `[lo, hi)`.
    fn windows_into(
        &self,
        lo: Instant,
        hi: Instant,
        limits: &Limits,
        out: &mut Vec<Span>,
    ) -> Result<()> {
        if hi <= lo {
            return Ok(());
        }
        for rule in &self.rules {
            // One cursor a rule: its window starts and ends move forward.
            let mut cursor = ZoneCursor::new(self.zone);
            for occ in rule.set.occurrences_between(lo, hi, None, limits)? {
                let day = start_day(&mut cursor, occ.instant, occ.wall);
                if self.overrides.contains_key(&day) {
                    continue;
                }
                let end = match rule.end {
                    WindowEnd::After(d) => occ.instant.saturating_add(d),
                    WindowEnd::LocalTime(e) => {
                        end_at(&mut cursor, day, occ.wall.rem_euclid(DAY), e)
                    }
                };
                out.push(Span::new(occ.instant, end));
            }
        }
        if !self.overrides.is_empty() {
            let mut cursor = ZoneCursor::new(self.zone);
            // Offsets stay within a day and a gap shift adds at most another.
            let first = self.zone.wall(lo).div_euclid(DAY) - 2;
            let last = self.zone.wall(hi).div_euclid(DAY) + 2;
            for (&date, windows) in self.overrides.range(first..=last) {
                for &(s, e) in windows {
                    let wall = date * DAY + s;
                    let start = cursor.resolve_wall(wall);
                    if (lo..hi).contains(&start) {
                        let day = start_day(&mut cursor, start, wall);
                        out.push(Span::new(start, end_at(&mut cursor, day, s, e)));
                    }
                }
            }
        }
        Ok(())
    }

    /// The merged windows cut to `[from, to)`: the time the schedule is open in it.
    /// Unlike [`CompiledSchedule::runs`] it does not follow a window back to its
    /// start, so its cost is that of the span alone.
    pub fn open_between(&self, from: Instant, to: Instant, limits: &Limits) -> Result<Vec<Span>> {
        let mut spans = Vec::new();
        self.windows_into(
            from.saturating_sub(self.reach.max(1)).max(MIN_INSTANT),
            to,
            limits,
            &mut spans,
        )?;
        merge(&mut spans);
        Ok(spans
            .into_iter()
            .map(|s| Span::new(s.start.max(from), s.end.min(to)))
            .filter(|s| !s.is_empty())
            .collect())
    }

    /// The merged windows that meet `[from, to)`, each whole: a window that began
    /// before `from` is followed back to its true start, however far (a 24/7 schedule
    /// goes back to its first window), so the slot grid anchored at it is the same
    /// whatever the query. The last one is followed forward far enough to hold a slot
    /// starting before `to`.
    ///
    /// Cost: the search walks back in doubling steps while windows keep touching,
    /// so it is proportional to the length of the merged window that holds `from`;
    /// each step's expansion is bounded by `limits.max_instances` and past it the call
    /// fails with `limit_exceeded` rather than answering with another grid.
    pub fn runs(&self, from: Instant, to: Instant, limits: &Limits) -> Result<Vec<Span>> {
        let reach = self.reach.max(1);
        let mut lo = from.saturating_sub(reach).max(MIN_INSTANT);
        let mut hi = to.min(MAX_INSTANT);
        let mut raw = Vec::new();
        self.windows_into(lo, hi, limits, &mut raw)?;
        let mut runs = raw;
        merge(&mut runs);
        runs.retain(|r| r.end > from);
        // Windows starting before `lo` end before `lo + reach`: they can only join the
        // first run if it starts before that.
        let mut step = reach;
        while lo > MIN_INSTANT
            && runs
                .first()
                .is_some_and(|r| r.start < lo.saturating_add(reach))
        {
            step = step.saturating_mul(2);
            let new_lo = lo.saturating_sub(step).max(MIN_INSTANT);
            let mut earlier = Vec::new();
            self.windows_into(new_lo, lo, limits, &mut earlier)?;
            earlier.append(&mut runs);
            merge(&mut earlier);
            earlier.retain(|r| r.end > from);
            runs = earlier;
            lo = new_lo;
        }
        // Forward: a window starting at or after `hi` can only join the last run if it
        // reaches `hi`; slots starting before `to` need it to reach `to + duration`.
        let need = to.saturating_add(self.grid.duration);
        let mut step = reach;
        while hi < MAX_INSTANT && runs.last().is_some_and(|r| r.end >= hi && r.end < need) {
            let new_hi = hi.saturating_add(step).min(MAX_INSTANT);
            self.windows_into(hi, new_hi, limits, &mut runs)?;
            merge(&mut runs);
            hi = new_hi;
            step = step.saturating_mul(2);
        }
        Ok(runs)
    }
}
