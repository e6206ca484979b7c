//! Appointments and capacity: the appointment's JSON form, a per-schedule index of
//! the seat-holding ones sorted by start, and the peak-concurrency sweep.
//!
//! A slot's `booked` is the peak number of seats held at any one instant of its
//! blocked span `[start - buffer_before, end + buffer_after)`: two bookings that never
//! meet use one seat between them.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::interval::Span;
use crate::time::{check_instant, serde_forms, Instant};

/// Where an appointment stands. All but `cancelled` hold their seats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Booked (the default).
    #[default]
    Booked,
    /// Took place.
    Attended,
    /// The client did not come; the seat was held all the same.
    NoShow,
    /// Cancelled: holds no seat.
    Cancelled,
}

impl Status {
    /// Whether appointments with this status hold their seats.
    pub fn holds_seats(self) -> bool {
        self != Status::Cancelled
    }
}

fn one() -> u32 {
    1
}

/// An appointment as hosts send it (docs/reference.md, docs/semantics.md
/// "Appointments and capacity").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Appointment {
    /// Format version; only `1` exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    /// Unique id.
    pub id: String,
    /// The schedule's id.
    pub schedule: String,
    /// First instant.
    #[serde(with = "serde_forms::instant")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Instant"))]
    pub start: Instant,
    /// First instant after the appointment.
    #[serde(with = "serde_forms::instant")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Instant"))]
    pub end: Instant,
    /// Seats held (>= 1, default 1).
    #[serde(default = "one")]
    pub seats: u32,
    /// Status (default `booked`).
    #[serde(default)]
    pub status: Status,
}

impl Appointment {
    /// Check the fields that need no engine state; errors name the field.
    pub fn validate(&self) -> Result<()> {
        crate::record::check_record(self.version, &self.id)?;
        check_instant(self.start).map_err(|e| e.at("start"))?;
        check_instant(self.end).map_err(|e| e.at("end"))?;
        if self.end <= self.start {
            return Err(Error::invalid_input("must be after `start`").at("end"));
        }
        if self.seats == 0 {
            return Err(Error::invalid_input("must be >= 1").at("seats"));
        }
        Ok(())
    }

    /// The appointment's span `[start, end)`.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A seat-holding appointment in an [`AppointmentIndex`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    /// The appointment's span.
    pub span: Span,
    /// Seats held.
    pub seats: u32,
    /// The appointment's id.
    pub id: String,
}

/// The seat-holding appointments of one schedule, sorted by (start, id), with the
/// running maximum of their ends so a lookup touches only what can overlap.
#[derive(Debug, Clone, Default)]
pub struct AppointmentIndex {
    holds: Vec<Hold>,
    max_end: Vec<Instant>,
}

impl AppointmentIndex {
    /// Add an appointment if it holds seats.
    pub fn insert(&mut self, a: &Appointment) {
        if !a.status.holds_seats() {
            return;
        }
        let at = self.position(a.start, &a.id).unwrap_or_else(|at| at);
        self.holds.insert(
            at,
            Hold {
                span: a.span(),
                seats: a.seats,
                id: a.id.clone(),
            },
        );
        self.refresh_from(at);
    }

    /// Remove an appointment added with [`AppointmentIndex::insert`].
    pub fn remove(&mut self, a: &Appointment) {
        if let Ok(at) = self.position(a.start, &a.id) {
            self.holds.remove(at);
            self.refresh_from(at);
        }
    }

    fn position(&self, start: Instant, id: &str) -> std::result::Result<usize, usize> {
        self.holds
            .binary_search_by(|h| (h.span.start, h.id.as_str()).cmp(&(start, id)))
    }

    /// An index of holds already ordered by (start, id), built in one pass.
    pub(crate) fn from_sorted(holds: Vec<Hold>) -> Self {
        let mut index = AppointmentIndex {
            holds,
            max_end: Vec::new(),
        };
        index.refresh_from(0);
        index
    }

    fn refresh_from(&mut self, at: usize) {
        self.max_end.truncate(at);
        let mut running = self.max_end.last().copied().unwrap_or(Instant::MIN);
        for h in self.holds.iter().skip(at) {
            running = running.max(h.span.end);
            self.max_end.push(running);
        }
    }

    /// The holds that overlap `span`, in order of start.
    pub fn overlapping(&self, span: Span) -> impl Iterator<Item = &Hold> {
        let first = self.max_end.partition_point(|&end| end <= span.start);
        self.holds
            .iter()
            .skip(first)
            .take_while(move |h| h.span.start < span.end)
            .filter(move |h| h.span.overlaps(&span))
    }

    /// The holds whose start lies in `[lo, hi)`, in order of start.
    pub fn starting_between(&self, lo: Instant, hi: Instant) -> impl Iterator<Item = &Hold> {
        let first = self.holds.partition_point(|h| h.span.start < lo);
        self.holds
            .iter()
            .skip(first)
            .take_while(move |h| h.span.start < hi)
    }

    /// Whether no appointment holds seats.
    pub fn is_empty(&self) -> bool {
        self.holds.is_empty()
    }
}

/// Seats held over time, as steps: `(t, level)` holds from `t` until the next step's
/// `t`; zero before the first and after the last.
#[derive(Debug, Clone, Default)]
pub struct Occupancy {
    steps: Vec<(Instant, i64)>,
}

impl Occupancy {
    /// The occupancy by the holds of `index` that overlap `span`, leaving out the
    /// appointment with id `skip` (to re-check an appointment against the others).
    pub fn build(index: &AppointmentIndex, span: Span, skip: Option<&str>) -> Occupancy {
        let mut steps = Vec::new();
        let holds = index
            .overlapping(span)
            .filter(|h| skip != Some(h.id.as_str()));
        let mut ends: Vec<(Instant, i64)> = Vec::new();
        let mut starts: Vec<(Instant, i64)> = Vec::new();
        for h in holds {
            starts.push((h.span.start, i64::from(h.seats)));
            ends.push((h.span.end, -i64::from(h.seats)));
        }
        if starts.is_empty() {
            return Occupancy { steps };
        }
        ends.sort_unstable_by_key(|e| e.0);
        let mut level = 0;
        let mut starts = starts.into_iter().peekable();
        let mut ends = ends.into_iter().peekable();
        loop {
            let next = match (starts.peek(), ends.peek()) {
                (Some(s), Some(e)) if s.0 < e.0 => starts.next(),
                (_, Some(_)) => ends.next(),
                (Some(_), None) => starts.next(),
                (None, None) => break,
            };
            if let Some((t, delta)) = next {
                level += delta;
                match steps.last_mut() {
                    Some((last, l)) if *last == t => *l = level,
                    _ => steps.push((t, level)),
                }
            }
        }
        Occupancy { steps }
    }

    /// A cursor answering peak queries for spans that move forward.
    pub fn peaks(&self) -> PeakCursor<'_> {
        PeakCursor {
            steps: &self.steps,
            sweep: Sweep::default(),
        }
    }

    /// Like [`Occupancy::peaks`], owning the occupancy (for walks that outlive a
    /// borrow, such as a streamed answer).
    pub fn into_peaks(self) -> Peaks {
        Peaks {
            steps: self.steps,
            sweep: Sweep::default(),
        }
    }
}

/// The state of a sliding-window maximum over occupancy steps.
#[derive(Debug, Clone, Default)]
struct Sweep {
    added: usize,
    /// Indices of steps in the window, levels strictly decreasing.
    window: VecDeque<usize>,
}

impl Sweep {
    #[inline]
    fn peak(&mut self, steps: &[(Instant, i64)], span: Span) -> u32 {
        while let Some(&(t, level)) = steps.get(self.added) {
            if t >= span.end {
                break;
            }
            self.added += 1;
            // Nothing held: it cannot raise a peak, and leaving it out keeps the window
            // empty (the fast case) away from appointments.
            if level <= 0 {
                continue;
            }
            while let Some(&back) = self.window.back() {
                match steps.get(back) {
                    Some(&(_, l)) if l <= level => {
                        self.window.pop_back();
                    }
                    _ => break,
                }
            }
            self.window.push_back(self.added - 1);
        }
        if self.window.is_empty() {
            return 0;
        }
        // Step `j` ends where step `j + 1` begins.
        while let Some(&front) = self.window.front() {
            match steps.get(front + 1) {
                Some(&(next, _)) if next <= span.start => {
                    self.window.pop_front();
                }
                _ => break,
            }
        }
        let peak = self
            .window
            .front()
            .and_then(|&j| steps.get(j))
            .map_or(0, |&(_, level)| level);
        u32::try_from(peak.max(0)).unwrap_or(u32::MAX)
    }
}

/// [`PeakCursor`] owning its occupancy, from [`Occupancy::into_peaks`].
#[derive(Debug, Clone, Default)]
pub struct Peaks {
    steps: Vec<(Instant, i64)>,
    sweep: Sweep,
}

impl Peaks {
    /// See [`PeakCursor::peak`].
    #[inline]
    pub fn peak(&mut self, span: Span) -> u32 {
        self.sweep.peak(&self.steps, span)
    }
}

/// How many holds [`LazyPeaks`] reads at a time (more when several share a start).
const LAZY_BATCH: usize = 256;

#[cfg(test)]
thread_local! {
    /// Holds read by every [`LazyPeaks`] on this thread (tests show the walk reads
    /// only what it reaches).
    pub(crate) static HOLDS_READ: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The peaks of [`Occupancy::build`]`(index, span, skip)` over spans that move
/// forward, reading the holds of `index` only as far as the spans asked reach (a
/// batch at a time): a walk that stops early never reads the appointments beyond
/// where it stopped, and the steps already passed are dropped as it goes.
#[derive(Debug, Clone)]
pub struct LazyPeaks<'a> {
    holds: &'a [Hold],
    /// The next hold to read.
    next: usize,
    span: Span,
    skip: Option<Box<str>>,
    /// Every step before this instant is in `steps`.
    loaded: Instant,
    /// Ends of the holds read, by time; those before `ends_at` are stepped.
    ends: Vec<(Instant, i64)>,
    ends_at: usize,
    /// Buffers reused from batch to batch: a batch's starts and ends, and the merge.
    starts: Vec<(Instant, i64)>,
    fresh: Vec<(Instant, i64)>,
    spare: Vec<(Instant, i64)>,
    level: i64,
    steps: Vec<(Instant, i64)>,
    sweep: Sweep,
}

impl<'a> LazyPeaks<'a> {
    /// The peaks of the holds of `index` that overlap `span`, leaving out the
    /// appointment with id `skip`.
    pub fn new(index: &'a AppointmentIndex, span: Span, skip: Option<&str>) -> LazyPeaks<'a> {
        let next = index.max_end.partition_point(|&end| end <= span.start);
        LazyPeaks {
            holds: &index.holds,
            next,
            span,
            skip: skip.map(Box::from),
            loaded: Instant::MIN,
            ends: Vec::new(),
            ends_at: 0,
            starts: Vec::new(),
            fresh: Vec::new(),
            spare: Vec::new(),
            level: 0,
            steps: Vec::new(),
            sweep: Sweep::default(),
        }
    }

    /// See [`PeakCursor::peak`]; `span` must not move backwards.
    #[inline]
    pub fn peak(&mut self, span: Span) -> u32 {
        if self.loaded < span.end {
            self.load(span.end);
        }
        self.sweep.peak(&self.steps, span)
    }

    /// Read batches of holds until every step before `upto` is known.
    #[cold]
    fn load(&mut self, upto: Instant) {
        self.compact();
        while self.loaded < upto {
            self.starts.clear();
            self.fresh.clear();
            let mut read = 0usize;
            while let Some(h) = self.holds.get(self.next) {
                if h.span.start >= self.span.end
                    || (read >= LAZY_BATCH
                        && self.starts.last().is_none_or(|&(t, _)| t < h.span.start))
                {
                    break;
                }
                self.next += 1;
                read += 1;
                if h.span.end <= self.span.start || self.skip.as_deref() == Some(h.id.as_str()) {
                    continue;
                }
                self.starts.push((h.span.start, i64::from(h.seats)));
                self.fresh.push((h.span.end, -i64::from(h.seats)));
            }
            #[cfg(test)]
            HOLDS_READ.with(|n| n.set(n.get() + read));
            self.merge_ends();
            // Every hold still unread starts at or after `until`.
            let until = match self.holds.get(self.next) {
                Some(h) if h.span.start < self.span.end => h.span.start,
                _ => Instant::MAX,
            };
            let mut i = 0;
            loop {
                let end = self.ends.get(self.ends_at).filter(|e| e.0 < until);
                let next = match (self.starts.get(i), end) {
                    (Some(s), Some(e)) if s.0 < e.0 => {
                        i += 1;
                        *s
                    }
                    (_, Some(e)) => {
                        self.ends_at += 1;
                        *e
                    }
                    (Some(s), None) => {
                        i += 1;
                        *s
                    }
                    (None, None) => break,
                };
                let (t, delta) = next;
                self.level += delta;
                match self.steps.last_mut() {
                    Some((last, l)) if *last == t => *l = self.level,
                    _ => self.steps.push((t, self.level)),
                }
            }
            self.loaded = until;
        }
    }

    /// Merge the batch's ends (`fresh`) into the pending ones, in order of time.
    fn merge_ends(&mut self) {
        if self.fresh.is_empty() {
            return;
        }
        // Holds sorted by start mostly end in order too: nearly sorted already.
        self.fresh.sort_unstable_by_key(|e| e.0);
        let pending = self.ends.get(self.ends_at..).unwrap_or_default();
        self.spare.clear();
        self.spare.reserve(pending.len() + self.fresh.len());
        let (mut a, mut b) = (0, 0);
        while let (Some(x), Some(y)) = (pending.get(a), self.fresh.get(b)) {
            if x.0 <= y.0 {
                self.spare.push(*x);
                a += 1;
            } else {
                self.spare.push(*y);
                b += 1;
            }
        }
        self.spare
            .extend_from_slice(pending.get(a..).unwrap_or_default());
        self.spare
            .extend_from_slice(self.fresh.get(b..).unwrap_or_default());
        std::mem::swap(&mut self.ends, &mut self.spare);
        self.ends_at = 0;
    }

    /// Drop the steps the sweep has passed for good, when they are most of them.
    fn compact(&mut self) {
        let dead = self
            .sweep
            .window
            .front()
            .copied()
            .unwrap_or(self.sweep.added)
            .min(self.sweep.added);
        if dead >= 1024 && dead * 2 >= self.steps.len() {
            self.steps.drain(..dead);
            self.sweep.added -= dead;
            for j in &mut self.sweep.window {
                *j -= dead;
            }
        }
    }
}

/// Peak levels of an [`Occupancy`] over spans whose starts and ends never move
/// backwards: a sliding-window maximum, amortized constant time per query.
#[derive(Debug, Clone)]
pub struct PeakCursor<'a> {
    steps: &'a [(Instant, i64)],
    sweep: Sweep,
}

impl PeakCursor<'_> {
    /// The peak level at any instant of `span` (0 when nothing is held), saturated
    /// to `u32`.
    #[inline]
    pub fn peak(&mut self, span: Span) -> u32 {
        self.sweep.peak(self.steps, span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apt(id: &str, start: i64, end: i64, seats: u32, status: Status) -> Appointment {
        Appointment {
            version: None,
            id: id.into(),
            schedule: "s".into(),
            start,
            end,
            seats,
            status,
        }
    }

    #[test]
    fn peak_is_a_sweep_not_a_sum() {
        let mut index = AppointmentIndex::default();
        index.insert(&apt("a", 0, 10, 1, Status::Booked));
        index.insert(&apt("b", 20, 30, 1, Status::NoShow));
        index.insert(&apt("c", 5, 25, 2, Status::Attended));
        index.insert(&apt("d", 0, 100, 5, Status::Cancelled));
        let occ = Occupancy::build(&index, Span::new(0, 100), None);
        let mut peaks = occ.peaks();
        assert_eq!(peaks.peak(Span::new(-10, 0)), 0);
        assert_eq!(peaks.peak(Span::new(0, 5)), 1);
        assert_eq!(peaks.peak(Span::new(0, 6)), 3);
        assert_eq!(peaks.peak(Span::new(10, 20)), 2);
        assert_eq!(peaks.peak(Span::new(25, 40)), 1);
        assert_eq!(peaks.peak(Span::new(30, 40)), 0);
        // Without `c`, `a` and `b` never meet: one seat.
        let occ = Occupancy::build(&index, Span::new(0, 100), Some("c"));
        assert_eq!(occ.peaks().peak(Span::new(0, 40)), 1);
    }

    /// The lazy peaks equal the whole occupancy's for spans moving forward, across
    /// many batches, holds sharing a start across a batch's edge, long holds, holds
    /// outside the span and a skipped one.
    #[test]
    fn lazy_peaks_equal_the_whole_occupancy() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            i64::try_from(seed % n).unwrap()
        };
        for round in 0..40 {
            let mut index = AppointmentIndex::default();
            let count = 50 + next(2000);
            for i in 0..count {
                // Starts on a coarse grid so many share one.
                let start = 10 * next(3000);
                let length = if next(50) == 0 { 5000 } else { 1 + next(60) };
                let status = if next(10) == 0 {
                    Status::Cancelled
                } else {
                    Status::Booked
                };
                let seats = 1 + u32::try_from(next(3)).unwrap();
                index.insert(&apt(&format!("a{i}"), start, start + length, seats, status));
            }
            let span = Span::new(next(5000), 25_000 + next(10_000));
            let skip = (round % 3 == 0).then_some("a7");
            let whole = Occupancy::build(&index, span, skip);
            let mut eager = whole.peaks();
            let mut lazy = LazyPeaks::new(&index, span, skip);
            let mut t = span.start;
            while t < span.end {
                let width = 1 + next(120);
                let q = Span::new(t, (t + width).min(span.end));
                assert_eq!(lazy.peak(q), eager.peak(q), "round {round} at {t}");
                t += 1 + next(40);
            }
        }
    }

    #[test]
    fn index_finds_long_appointments_that_started_early() {
        let mut index = AppointmentIndex::default();
        index.insert(&apt("long", 0, 1000, 1, Status::Booked));
        for i in 0..10 {
            index.insert(&apt(
                &format!("s{i}"),
                10 * i + 1,
                10 * i + 5,
                1,
                Status::Booked,
            ));
        }
        let ids: Vec<&str> = index
            .overlapping(Span::new(500, 600))
            .map(|h| h.id.as_str())
            .collect();
        assert_eq!(ids, ["long"]);
        index.remove(&apt("long", 0, 1000, 1, Status::Booked));
        assert_eq!(index.overlapping(Span::new(500, 600)).count(), 0);
        assert_eq!(index.overlapping(Span::new(0, 12)).count(), 2);
    }
}
