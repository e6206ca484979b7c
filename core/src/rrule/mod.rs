//! RFC 5545 recurrence sets: parse, validate, serialize and expand.
//!
//! A set is a DTSTART, any number of RRULEs, RDATEs and EXDATEs. It expands on local
//! wall-clock time in DTSTART's zone (a floating DTSTART takes the zone the caller
//! gives, UTC by default); docs/semantics.md has the DST rules.

mod expand;
mod occurrence;
mod parse;
mod rule;
mod value;

use chrono::NaiveDateTime;

pub use occurrence::Occurrence;
pub use rule::{Freq, Rule, Until, WeekdayNum};
pub use value::DateValue;

use self::value::{Form, Written};

use self::expand::{CompiledRule, RuleIter};
use crate::error::{Error, ErrorCode, Result};
use crate::limits::{exceeded, Limits};
use crate::time::{format_instant, Instant, MAX_INSTANT, MIN_INSTANT};
use crate::tz::{Zone, ZoneCursor};

/// A parsed and compiled recurrence set (DTSTART, RRULEs, RDATEs, EXDATEs).
#[derive(Debug, Clone)]
pub struct RecurrenceSet {
    zone: Zone,
    dtstart: DateValue,
    rules: Vec<Rule>,
    /// RDATEs and EXDATEs as written (for `to_ical` and equality), compact.
    rdates: Vec<Written>,
    exdates: Vec<Written>,
    compiled: Vec<CompiledRule>,
    /// RDATEs (and DTSTART when there is no RRULE), ascending by instant, unique.
    extra: Vec<Occurrence>,
    /// EXDATE instants, ascending, unique.
    excluded: Vec<Instant>,
    /// The cursor that resolved the RDATEs and EXDATEs: it holds the zone's spans
    /// of their years, which expansions near them start from (a copy each).
    cursor: ZoneCursor,
}

impl PartialEq for RecurrenceSet {
    fn eq(&self, other: &Self) -> bool {
        self.zone == other.zone
            && self.dtstart == other.dtstart
            && self.rules == other.rules
            && self.rdates == other.rdates
            && self.exdates == other.exdates
    }
}

impl RecurrenceSet {
    /// Parse iCalendar text; floating times are read in UTC.
    pub fn parse(text: &str) -> Result<Self> {
        Self::parse_in(text, Zone::UTC)
    }

    /// Parse iCalendar text; floating times (DTSTART, RDATE, EXDATE, UNTIL) are read
    /// in `default_zone`.
    pub fn parse_in(text: &str, default_zone: Zone) -> Result<Self> {
        Self::parse_with(text, default_zone, &Limits::DEFAULT)
    }

    /// Like [`RecurrenceSet::parse_in`]; a text longer than `limits.max_input_bytes`
    /// is `limit_exceeded`.
    pub fn parse_with(text: &str, default_zone: Zone, limits: &Limits) -> Result<Self> {
        limits.check_input(text.len())?;
        let props = parse::properties(text)?;
        let dtstart = props.dtstart.value();
        let zone = match dtstart {
            DateValue::Utc(_) => Zone::UTC,
            DateValue::Zoned(_, zone) => zone,
            DateValue::Floating(_) | DateValue::Date(_) => default_zone,
        };
        let dtstart_local = dtstart.naive();
        let compiled = props
            .rules
            .iter()
            .map(|rule| CompiledRule::new(rule, dtstart_local, zone))
            .collect();
        // One cursor for the date lists: written in order, they mostly share a span,
        // and it reads at once the spans from the earliest first to the latest last
        // date of the lists (all of them when each list is in order).
        let mut cursor = ZoneCursor::new(zone);
        let ends = [&props.rdates, &props.exdates]
            .into_iter()
            .filter_map(|list| Some((list.first()?.wall, list.last()?.wall)));
        if let Some((lo, hi)) = ends.reduce(|(a, b), (c, d)| (a.min(c), b.max(d))) {
            cursor.cover(lo, hi);
        }
        let utc = zone.is_utc();
        // A value's instant, and whether its written time is the set's wall-clock time.
        let mut resolve = |value: &Written| -> (Instant, bool) {
            match value.form {
                Form::Utc => (value.wall, utc),
                Form::Zoned(z) if !same_zone(z, zone) => (z.resolve_wall(value.wall), false),
                _ => (cursor.resolve_wall(value.wall), true),
            }
        };
        let mut extra: Vec<Occurrence> = Vec::with_capacity(props.rdates.len() + 1);
        // Lists are mostly written in order without repeats: that is checked on the
        // way (strictly ascending instants), and only a list that is not gets sorted.
        let mut ascending = true;
        let dtstart_alone = props.rules.is_empty().then_some(&props.dtstart);
        for value in props.rdates.iter().chain(dtstart_alone) {
            let (instant, local) = resolve(value);
            ascending &= extra.last().is_none_or(|last| last.instant < instant);
            extra.push(Occurrence {
                instant,
                wall: if local {
                    value.wall
                } else {
                    zone.wall(instant)
                },
            });
        }
        if !ascending {
            // Of equal instants the unshifted written time stays (`Occurrence::prefer`).
            extra.sort_by_key(|o| (o.instant, std::cmp::Reverse(o.wall)));
            extra.dedup_by_key(|o| o.instant);
        }
        let mut excluded: Vec<Instant> = Vec::with_capacity(props.exdates.len());
        let mut ascending = true;
        for value in &props.exdates {
            let instant = resolve(value).0;
            ascending &= excluded.last().is_none_or(|&last| last < instant);
            excluded.push(instant);
        }
        if !ascending {
            excluded.sort_unstable();
            excluded.dedup();
        }
        Ok(RecurrenceSet {
            zone,
            dtstart,
            rules: props.rules,
            rdates: props.rdates,
            exdates: props.exdates,
            compiled,
            extra,
            excluded,
            cursor,
        })
    }

    /// The zone the set expands in.
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// DTSTART as written (its form says whether it was UTC, zoned or floating).
    pub fn dtstart(&self) -> DateValue {
        self.dtstart
    }

    /// DTSTART as local wall-clock time in [`RecurrenceSet::zone`].
    pub fn dtstart_local(&self) -> NaiveDateTime {
        self.dtstart.naive()
    }

    /// The RRULEs.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The set as iCalendar text in canonical form, one property per line; parsing it
    /// gives back an equal set.
    pub fn to_ical(&self) -> String {
        let mut lines = vec![self.dtstart.to_line("DTSTART")];
        lines.extend(self.rules.iter().map(|r| format!("RRULE:{}", r.to_rrule())));
        lines.extend(self.rdates.iter().map(|v| v.value().to_line("RDATE")));
        lines.extend(self.exdates.iter().map(|v| v.value().to_line("EXDATE")));
        lines.join("\n")
    }

    /// The instances at or after `from`, ascending and unique, lazily. Without COUNT
    /// the walk starts near `from` whatever DTSTART is.
    pub fn iter_from(&self, from: Instant) -> Instances<'_> {
        let rules = self
            .compiled
            .iter()
            .map(|rule| RuleIter::new(rule, self.cursor.clone(), from, MAX_INSTANT, u64::MAX))
            .collect::<Vec<_>>();
        let heads = vec![None; rules.len()];
        let start = self.extra.partition_point(|o| o.instant < from);
        Instances {
            rules,
            heads,
            primed: false,
            extra: self.extra.get(start..).unwrap_or(&[]),
            excluded: &self.excluded,
            last: None,
        }
    }

    /// Instances with start in `[from, to)`, ascending and unique; at most `limit`
    /// (the first ones). Without `limit`, an answer longer than
    /// `limits.max_instances` is `limit_exceeded`.
    pub fn between(
        &self,
        from: Instant,
        to: Instant,
        limit: Option<usize>,
        limits: &Limits,
    ) -> Result<Vec<Instant>> {
        self.collect_between(from, to, limit, limits, |o| o.instant)
    }

    /// Like [`RecurrenceSet::between`], with each instance's nominal local time.
    pub fn occurrences_between(
        &self,
        from: Instant,
        to: Instant,
        limit: Option<usize>,
        limits: &Limits,
    ) -> Result<Vec<Occurrence>> {
        self.collect_between(from, to, limit, limits, |o| o)
    }

    /// The instances of `[from, to)` (see [`RecurrenceSet::between`]), each as `map`
    /// makes it, written straight into the answer.
    fn collect_between<T>(
        &self,
        from: Instant,
        to: Instant,
        limit: Option<usize>,
        limits: &Limits,
        map: impl Fn(Occurrence) -> T,
    ) -> Result<Vec<T>> {
        check_window(from, to, limits)?;
        let cap = limit.unwrap_or(limits.max_instances.saturating_add(1));
        let max_walk = (limits.max_instances as u64).saturating_mul(10);
        let lo = self.excluded.partition_point(|&t| t < from);
        let hi = self.excluded.partition_point(|&t| t < to);
        let excluded = self.excluded.get(lo..hi).unwrap_or(&[]);
        // Each source needs at most `cap` instances past the excluded ones.
        let per_source = cap.saturating_add(excluded.len());
        let mut sources: Vec<Vec<Occurrence>> = Vec::with_capacity(self.compiled.len());
        for rule in &self.compiled {
            let mut iter = RuleIter::new(rule, self.cursor.clone(), from, to, max_walk);
            let mut out = Vec::new();
            iter.drain_into(&mut out, to, per_source);
            if iter.error().is_some() {
                return Err(exceeded(
                    "max_instances",
                    format!("reaching the window needs walking more than {max_walk} instances of a COUNT rule"),
                ));
            }
            sources.push(out);
        }
        let start = self.extra.partition_point(|o| o.instant < from);
        let end = self.extra.partition_point(|o| o.instant < to);
        let extra = self.extra.get(start..end).unwrap_or(&[]);
        let mut out = Vec::new();
        if let ([_], true, true) = (sources.as_slice(), extra.is_empty(), excluded.is_empty()) {
            // A rule alone: its instances become the answer in place.
            let mut only = sources.pop().unwrap_or_default();
            only.truncate(cap);
            out = only.into_iter().map(map).collect();
        } else {
            match sources.as_slice() {
                [] => merge_into(extra, &[], excluded, cap, &mut out, map),
                [rule] => merge_into(rule, extra, excluded, cap, &mut out, map),
                _ => {
                    sources.push(extra.to_vec());
                    let all = merge(sources);
                    merge_into(&all, &[], excluded, cap, &mut out, map);
                }
            }
        }
        if limit.is_none() && out.len() > limits.max_instances {
            return Err(exceeded(
                "max_instances",
                format!(
                    "the window holds more than {} instances; pass a limit or a shorter window",
                    limits.max_instances
                ),
            ));
        }
        out.truncate(cap);
        Ok(out)
    }

    /// The first instance strictly after `t`, if any.
    pub fn after(&self, t: Instant) -> Option<Instant> {
        self.iter_from(t.saturating_add(1))
            .next()
            .map(|o| o.instant)
    }
}

/// Whether two zones are the same: most often the very same name (one line's TZID
/// on each of its values), told apart without comparing the text.
#[inline]
fn same_zone(a: Zone, b: Zone) -> bool {
    let (x, y) = (a.name(), b.name());
    (x.as_ptr() == y.as_ptr() && x.len() == y.len()) || a == b
}

/// Merge sorted, unique lists into one, without duplicates.
fn merge(mut sources: Vec<Vec<Occurrence>>) -> Vec<Occurrence> {
    sources.retain(|s| !s.is_empty());
    if let [a, b] = sources.as_slice() {
        let mut out = Vec::new();
        merge_into(a, b, &[], usize::MAX, &mut out, |o| o);
        return out;
    }
    if sources.len() == 1 {
        return sources.pop().unwrap_or_default();
    }
    let mut all: Vec<Occurrence> = sources.concat();
    // Of equal instants the unshifted written time stays (`Occurrence::prefer`),
    // then the first source's (stable sort: the rules' order).
    all.sort_by_key(|o| (o.instant, std::cmp::Reverse(o.wall)));
    all.dedup_by_key(|o| o.instant);
    all
}

/// Append to `out`, as `map` makes them, the instances of two ascending lists of
/// unique instants as one, without the `excluded` instants (ascending), until `out`
/// holds `cap`. Of equal instants the later written time stays, then `a`'s (as
/// [`merge`] orders them).
fn merge_into<T>(
    a: &[Occurrence],
    b: &[Occurrence],
    excluded: &[Instant],
    cap: usize,
    out: &mut Vec<T>,
    map: impl Fn(Occurrence) -> T,
) {
    out.reserve((a.len() + b.len()).min(cap));
    // One list and nothing to exclude (a rule alone): all of it at once.
    if excluded.is_empty() && (a.is_empty() || b.is_empty()) {
        let list = if a.is_empty() { b } else { a };
        let room = cap.saturating_sub(out.len());
        out.extend(list.iter().take(room).map(|&o| map(o)));
        return;
    }
    let (mut i, mut j, mut k) = (0, 0, 0);
    while out.len() < cap {
        // The earlier head; on a tie (a listed date that is also the rule's) one
        // instance, with the later wall time.
        let next = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) => {
                if x.instant < y.instant {
                    i += 1;
                    x
                } else if y.instant < x.instant {
                    j += 1;
                    y
                } else {
                    i += 1;
                    j += 1;
                    if y.wall > x.wall {
                        y
                    } else {
                        x
                    }
                }
            }
            (Some(&x), None) => {
                i += 1;
                x
            }
            (None, Some(&y)) => {
                j += 1;
                y
            }
            (None, None) => break,
        };
        // Both ascending: one walk.
        while excluded.get(k).is_some_and(|&e| e < next.instant) {
            k += 1;
        }
        if excluded.get(k) != Some(&next.instant) {
            out.push(map(next));
        }
    }
}

/// A window must be non-empty, within the years 0001..9999 and not longer than the limit.
pub fn check_window(from: Instant, to: Instant, limits: &Limits) -> Result<()> {
    let bad = |why: String| Error::new(ErrorCode::InvalidWindow, why);
    if !(MIN_INSTANT..=MAX_INSTANT).contains(&from) || !(MIN_INSTANT..=MAX_INSTANT).contains(&to) {
        return Err(bad(
            "the window must lie within the years 0001 to 9999".into()
        ));
    }
    if to <= from {
        return Err(bad(format!(
            "to ({}) must be after from ({})",
            format_instant(to),
            format_instant(from)
        )));
    }
    if to - from > limits.max_window_seconds {
        return Err(exceeded(
            "max_window_seconds",
            format!(
                "the window is longer than {} seconds",
                limits.max_window_seconds
            ),
        ));
    }
    Ok(())
}

/// The instances of a set, ascending and unique: the rules merged with RDATEs,
/// minus EXDATEs.
pub struct Instances<'a> {
    rules: Vec<RuleIter<'a>>,
    heads: Vec<Option<Occurrence>>,
    primed: bool,
    extra: &'a [Occurrence],
    excluded: &'a [Instant],
    last: Option<Instant>,
}

impl Iterator for Instances<'_> {
    type Item = Occurrence;

    fn next(&mut self) -> Option<Occurrence> {
        if !self.primed {
            for (head, rule) in self.heads.iter_mut().zip(self.rules.iter_mut()) {
                *head = rule.next();
            }
            self.primed = true;
        }
        loop {
            // The smallest head among the rules and the RDATEs.
            let mut best: Option<(usize, Occurrence)> = None;
            for (i, head) in self.heads.iter().enumerate() {
                if let Some(o) = head {
                    // Of equal instants the unshifted written time goes first and
                    // stays; the others are dropped as repeats below.
                    if best.is_none_or(|(_, b)| (o.instant, b.wall) < (b.instant, o.wall)) {
                        best = Some((i, *o));
                    }
                }
            }
            let from_extra = match (self.extra.first(), best) {
                (Some(e), Some((_, b))) => (e.instant, b.wall) < (b.instant, e.wall),
                (Some(_), None) => true,
                (None, _) => false,
            };
            let occ = if from_extra {
                let (first, rest) = self.extra.split_first()?;
                self.extra = rest;
                *first
            } else {
                let (i, occ) = best?;
                if let (Some(head), Some(rule)) = (self.heads.get_mut(i), self.rules.get_mut(i)) {
                    *head = rule.next();
                }
                occ
            };
            if self.last == Some(occ.instant) || self.excluded.binary_search(&occ.instant).is_ok() {
                continue;
            }
            self.last = Some(occ.instant);
            return Some(occ);
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_instant;

    fn run(ical: &str, from: &str, to: &str) -> Vec<String> {
        expand(
            ical,
            parse_instant(from).unwrap(),
            parse_instant(to).unwrap(),
            None,
        )
        .unwrap()
        .into_iter()
        .map(format_instant)
        .collect()
    }

    #[test]
    fn weekday_rule_in_new_york_keeps_local_time_across_dst() {
        let got = run(
            "DTSTART;TZID=America/New_York:20260305T090000\nRRULE:FREQ=DAILY;COUNT=5",
            "2026-01-01T00:00:00Z",
            "2027-01-01T00:00:00Z",
        );
        assert_eq!(
            got,
            [
                "2026-03-05T14:00:00Z",
                "2026-03-06T14:00:00Z",
                "2026-03-07T14:00:00Z",
                "2026-03-08T13:00:00Z",
                "2026-03-09T13:00:00Z"
            ]
        );
    }

    #[test]
    fn seek_equals_walk() {
        let ical =
            "DTSTART;TZID=Europe/Lisbon:19900105T093000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9,14";
        let set = RecurrenceSet::parse(ical).unwrap();
        let from = parse_instant("2030-03-01T00:00:00Z").unwrap();
        let to = parse_instant("2030-04-15T00:00:00Z").unwrap();
        let seek = set.between(from, to, None, &Limits::default()).unwrap();
        let walk: Vec<_> = set
            .iter_from(parse_instant("1990-01-01T00:00:00Z").unwrap())
            .map(|o| o.instant)
            .skip_while(|&t| t < from)
            .take_while(|&t| t < to)
            .collect();
        assert_eq!(seek, walk);
        assert_eq!(seek.len(), 24); // 12 Mondays and Wednesdays, two hours each
    }

    #[test]
    fn never_matching_rule_is_empty_at_once() {
        let got = run(
            "DTSTART:19000101T000000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            "1900-01-01T00:00:00Z",
            "9999-12-31T00:00:00Z",
        );
        assert!(got.is_empty());
    }

    #[test]
    fn round_trip_text() {
        let set = RecurrenceSet::parse(
            "DTSTART;TZID=America/New_York:19970902T090000\r\nRRULE:FREQ=MONTHLY;COUNT=10;\r\n BYDAY=1FR\nEXDATE:19970905T130000Z,19971003T130000Z",
        )
        .unwrap();
        let again = RecurrenceSet::parse(&set.to_ical()).unwrap();
        assert_eq!(set, again);
        assert_eq!(set.to_ical(), again.to_ical());
    }

    #[test]
    fn date_lists_in_any_order_give_the_same_instances() {
        let sorted = "DTSTART;TZID=America/New_York:20260105T100000\n\
                      RDATE;TZID=America/New_York:20260106T100000,20260308T023000,20260308T030000,20260310T100000\n\
                      EXDATE:20260105T150000Z,20260310T140000Z";
        let shuffled = "DTSTART;TZID=America/New_York:20260105T100000\n\
                        RDATE;TZID=America/New_York:20260310T100000,20260308T030000,20260106T100000,20260308T023000,20260106T100000\n\
                        EXDATE:20260310T140000Z,20260105T150000Z,20260310T140000Z";
        let want = [
            "2026-01-06T15:00:00Z",
            "2026-03-08T07:00:00Z", // 03:00 EDT
            "2026-03-08T07:30:00Z", // 02:30 falls in the gap: moved forward an hour
        ];
        for ical in [sorted, shuffled] {
            assert_eq!(
                run(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
                want,
                "{ical}"
            );
        }
    }
}
