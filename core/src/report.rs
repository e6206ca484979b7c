//! Reports: offered and booked seat-time, utilization and appointment outcomes per
//! schedule and per calendar bucket (docs/semantics.md, "Reports").
//!
//! Buckets are local days, weeks starting on Monday, or months, in each schedule's
//! zone; a bucket runs from its first local midnight to the next bucket's (23 or 25
//! hours on DST days; a midnight that does not exist resolves like every local
//! time), clipped to the window. Offered time is the merged availability windows
//! minus the exclusions; booked time is the part of seat-holding appointments that
//! falls in offered time. Appointments are counted in the bucket holding their start.
//!
//! Rows are produced schedule by schedule (by id), each schedule's buckets in order,
//! a bounded run of buckets at a time ([`crate::Engine::report_each`]), so a daily
//! report over centuries holds one run of buckets in memory, never the report.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, Months, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize, Serializer};

use crate::capacity::{Appointment, Status};
use crate::error::Result;
use crate::interval::{subtract, Span};
use crate::limits::exceeded;
use crate::query::Query;
use crate::schedule::LocalDate;
use crate::state::View;
use crate::time::{wall_seconds, Instant};
use crate::tz::{Zone, ZoneCursor};

/// The calendar unit of a report's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// A local date.
    Day,
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

impl Bucket {
    /// The first date of the bucket holding `date`.
    fn first_date(self, date: NaiveDate) -> NaiveDate {
        match self {
            Bucket::Day => date,
            Bucket::Week => {
                date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()))
            }
            Bucket::Month => date.with_day(1).unwrap_or(date),
        }
    }

    /// The first date of the next bucket.
    fn next(self, first: NaiveDate) -> Option<NaiveDate> {
        match self {
            Bucket::Day => first.checked_add_days(chrono::Days::new(1)),
            Bucket::Week => first.checked_add_days(chrono::Days::new(7)),
            Bucket::Month => first.checked_add_months(Months::new(1)),
        }
    }

    /// Fewest days in a bucket, to bound the number of rows.
    fn min_days(self) -> i64 {
        match self {
            Bucket::Day => 1,
            Bucket::Week => 7,
            Bucket::Month => 28,
        }
    }
}

/// Appointments by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// `booked`.
    pub booked: u32,
    /// `attended`.
    pub attended: u32,
    /// `no_show`.
    pub no_show: u32,
    /// `cancelled`.
    pub cancelled: u32,
}

impl StatusCounts {
    fn add(&mut self, status: Status) {
        let count = match status {
            Status::Booked => &mut self.booked,
            Status::Attended => &mut self.attended,
            Status::NoShow => &mut self.no_show,
            Status::Cancelled => &mut self.cancelled,
        };
        *count = count.saturating_add(1);
    }

    /// Appointments of every status.
    pub fn total(&self) -> u32 {
        self.booked
            .saturating_add(self.attended)
            .saturating_add(self.no_show)
            .saturating_add(self.cancelled)
    }
}

/// One schedule over one bucket.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow {
    /// The schedule's id.
    #[serde(serialize_with = "shared_str")]
    pub schedule: Arc<str>,
    /// The bucket's first local date, also when the window starts later.
    pub bucket_start: LocalDate,
    /// Offered time (windows minus exclusions, within the window) times capacity, in
    /// minutes; whole numbers print without a fraction.
    #[serde(serialize_with = "minutes")]
    pub offered_seat_minutes: f64,
    /// Seats times the overlap of seat-holding appointments with offered time.
    #[serde(serialize_with = "minutes")]
    pub booked_seat_minutes: f64,
    /// `booked / offered`, `None` (null) when nothing is offered; above 1 when
    /// overbooked.
    pub utilization: Option<f64>,
    /// Appointments starting in the bucket (and the window), by status.
    pub appointments: StatusCounts,
    /// `cancelled / all`, `None` without appointments.
    pub cancellation_rate: Option<f64>,
    /// `no_show / (no_show + attended)`, `None` when both are 0.
    pub no_show_rate: Option<f64>,
}

fn shared_str<S: Serializer>(value: &Arc<str>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(value)
}

/// Seat-minutes as an integer when whole, so `180` rather than `180.0`.
fn minutes<S: Serializer>(value: &f64, s: S) -> std::result::Result<S::Ok, S::Error> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if value.fract() == 0.0 && value.abs() < EXACT {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

fn ratio(part: f64, whole: f64) -> Option<f64> {
    (whole != 0.0).then(|| part / whole)
}

/// Buckets produced at a time for one schedule.
const BUCKET_RUN: usize = 1024;

/// The appointments of each schedule (every status) that start in `[from, to)`,
/// sorted by start. Fallible: on an engine opened from a snapshot, damage must not
/// read as zero.
fn starting<'a>(
    view: View<'a>,
    from: Instant,
    to: Instant,
) -> Result<HashMap<&'a str, Vec<&'a Appointment>>> {
    let mut starting: HashMap<&str, Vec<&Appointment>> = HashMap::new();
    for a in view
        .all_appointments()?
        .values()
        .filter(|a| (from..to).contains(&a.start))
    {
        starting.entry(a.schedule.as_str()).or_default().push(a);
    }
    for list in starting.values_mut() {
        list.sort_by_key(|a| a.start);
    }
    Ok(starting)
}

/// The report over `[from, to)` row by row, given to `row` in order: per schedule
/// (by id), one row per bucket that meets the window, in order. Errors: the window
/// (`to`), before the first row; the windows' expansion; whatever `row` returns,
/// which ends the walk. Not held to `limits.max_slots`.
pub(crate) fn report_each(
    view: View<'_>,
    from: Instant,
    to: Instant,
    bucket: Bucket,
    mut row: impl FnMut(ReportRow) -> Result<()>,
) -> Result<()> {
    Query::new(from, to).validate(view.limits())?;
    let starting = starting(view, from, to)?;
    for id in view.schedule_ids() {
        let mine = starting.get(id).map_or(&[][..], Vec::as_slice);
        schedule_rows(view, id, from, to, bucket, mine, &mut row)?;
    }
    Ok(())
}

/// The whole report over `[from, to)` (schedules in parallel). Errors: the window
/// (`to`), `limit_exceeded` past `limits.max_slots` rows.
pub(crate) fn report(
    view: View<'_>,
    from: Instant,
    to: Instant,
    bucket: Bucket,
) -> Result<Vec<ReportRow>> {
    let limits = view.limits();
    Query::new(from, to).validate(limits)?;
    let ids: Vec<&str> = view.schedule_ids().collect();
    // Buckets start at local midnights: at most two more than whole buckets fit.
    let per_schedule = (to - from) / 86_400 / bucket.min_days() + 2;
    let bound = usize::try_from(per_schedule)
        .unwrap_or(usize::MAX)
        .saturating_mul(ids.len());
    if bound > limits.max_slots {
        return Err(exceeded(
            "max_slots",
            format!("the report could have more than {} rows", limits.max_slots),
        ));
    }
    let starting = starting(view, from, to)?;
    let parts = view.each(&ids, |&id| {
        let mine = starting.get(id).map_or(&[][..], Vec::as_slice);
        let mut rows = Vec::new();
        schedule_rows(view, id, from, to, bucket, mine, &mut |r| {
            rows.push(r);
            Ok(())
        })?;
        Ok(rows)
    })?;
    let mut rows = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for mut part in parts {
        rows.append(&mut part);
    }
    Ok(rows)
}

/// The buckets meeting `[from, to)` in a zone, in order: first local date and span,
/// clipped.
struct Buckets {
    cursor: ZoneCursor,
    bucket: Bucket,
    /// The next bucket's first date and first instant; `None` when done.
    next: Option<(NaiveDate, Instant)>,
    from: Instant,
    to: Instant,
}

impl Buckets {
    fn new(zone: Zone, bucket: Bucket, from: Instant, to: Instant) -> Buckets {
        let mut cursor = ZoneCursor::new(zone);
        let first = bucket.first_date(zone.to_local(from).date());
        let start = midnight(&mut cursor, first);
        Buckets {
            cursor,
            bucket,
            next: Some((first, start)),
            from,
            to,
        }
    }
}

/// The instant of a local date's midnight (midnights come in order: the cursor
/// converts them without a lookup each).
fn midnight(cursor: &mut ZoneCursor, date: NaiveDate) -> Instant {
    cursor.resolve_wall(wall_seconds(date.and_time(NaiveTime::MIN)))
}

impl Iterator for Buckets {
    type Item = (NaiveDate, Span);

    fn next(&mut self) -> Option<(NaiveDate, Span)> {
        loop {
            let (first, start) = self.next.take()?;
            if start >= self.to {
                return None;
            }
            let next = self.bucket.next(first)?;
            let end = midnight(&mut self.cursor, next);
            self.next = Some((next, end));
            // A date a zone skipped (Pacific/Apia, 2011-12-30) has no instant: no row.
            if end > start {
                return Some((first, Span::new(start.max(self.from), end.min(self.to))));
            }
        }
    }
}

/// One schedule's rows, a run of buckets at a time, given to `row` in order.
fn schedule_rows(
    view: View<'_>,
    id: &str,
    from: Instant,
    to: Instant,
    bucket: Bucket,
    starting: &[&Appointment],
    row: &mut impl FnMut(ReportRow) -> Result<()>,
) -> Result<()> {
    let entry = view.entry(id)?;
    let (compiled, index) = (&entry.compiled, &entry.index);
    let mut all = Buckets::new(compiled.zone(), bucket, from, to);
    let capacity = i128::from(compiled.grid().capacity);
    loop {
        let buckets: Vec<(NaiveDate, Span)> = all.by_ref().take(BUCKET_RUN).collect();
        let (Some((_, first)), Some((_, last))) = (buckets.first(), buckets.last()) else {
            return Ok(());
        };
        let window = Span::new(first.start, last.end);
        let open = subtract(
            &compiled.open_between(window.start, window.end, view.limits())?,
            compiled.excluded(),
        );
        // Offered time cut at bucket edges, each piece with its bucket.
        let mut pieces: Vec<(usize, Span)> = Vec::with_capacity(open.len() + buckets.len());
        let mut b = 0;
        for span in &open {
            let mut start = span.start;
            while start < span.end {
                while buckets.get(b).is_some_and(|(_, s)| s.end <= start) {
                    b += 1;
                }
                let Some((_, edge)) = buckets.get(b) else {
                    break;
                };
                let end = span.end.min(edge.end);
                pieces.push((b, Span::new(start, end)));
                start = end;
            }
        }
        let mut offered = vec![0i128; buckets.len()];
        let mut booked = vec![0i128; buckets.len()];
        for (b, piece) in &pieces {
            if let Some(x) = offered.get_mut(*b) {
                *x += i128::from(piece.end - piece.start) * capacity;
            }
        }
        for hold in index.overlapping(window) {
            let first = pieces.partition_point(|(_, p)| p.end <= hold.span.start);
            for (b, piece) in pieces.iter().skip(first) {
                if piece.start >= hold.span.end {
                    break;
                }
                let overlap = piece.end.min(hold.span.end) - piece.start.max(hold.span.start);
                if let Some(x) = booked.get_mut(*b) {
                    *x += i128::from(overlap) * i128::from(hold.seats);
                }
            }
        }
        let mut counts = vec![StatusCounts::default(); buckets.len()];
        let lo = starting.partition_point(|a| a.start < window.start);
        let hi = starting.partition_point(|a| a.start < window.end);
        for a in starting.get(lo..hi).unwrap_or_default() {
            let b = buckets.partition_point(|(_, s)| s.end <= a.start);
            if let Some(c) = counts.get_mut(b) {
                c.add(a.status);
            }
        }
        let schedule: Arc<str> = Arc::clone(&entry.id);
        for (((first, _), (&offered, &booked)), counts) in
            buckets.iter().zip(offered.iter().zip(&booked)).zip(&counts)
        {
            let offered = offered as f64 / 60.0;
            let booked = booked as f64 / 60.0;
            row(ReportRow {
                schedule: Arc::clone(&schedule),
                bucket_start: LocalDate(*first),
                offered_seat_minutes: offered,
                booked_seat_minutes: booked,
                utilization: ratio(booked, offered),
                appointments: *counts,
                cancellation_rate: ratio(f64::from(counts.cancelled), f64::from(counts.total())),
                no_show_rate: ratio(
                    f64::from(counts.no_show),
                    f64::from(counts.no_show) + f64::from(counts.attended),
                ),
            })?;
        }
    }
}
