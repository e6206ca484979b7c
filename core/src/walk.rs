//! The one path every question about slots takes: a schedule's merged windows over
//! a span of starts, the slot grid carved from them, exclusions marked and the
//! capacity sweep over its appointments, one grid position at a time. Listing
//! (availability, streamed or whole), validating (check_booking), explaining and
//! reconciling all read positions from a [`Walker`], so they cannot disagree.

use crate::capacity::LazyPeaks;
use crate::error::Result;
use crate::interval::Span;
use crate::limits::Limits;
use crate::quota::{LimitBreak, Tally};
use crate::slots::GridCursor;
use crate::state::Entry;
use crate::time::Instant;

/// A grid position with its capacity state.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Position {
    pub(crate) start: Instant,
    pub(crate) end: Instant,
    /// The slot overlaps an exclusion.
    pub(crate) excluded: bool,
    /// Peak seats held in the slot's blocked span.
    pub(crate) booked: u32,
    /// The first booking limit the slot breaks, if any: it then has no seat left.
    pub(crate) limit: Option<LimitBreak>,
}

impl Position {
    /// Seats left for one more booking: none when a limit is broken.
    #[inline]
    pub(crate) fn remaining(&self, capacity: u32) -> u32 {
        if self.limit.is_some() {
            0
        } else {
            capacity.saturating_sub(self.booked)
        }
    }

    /// `booked` as a slot row stores it, with the limit flag.
    #[inline]
    pub(crate) fn row_booked(&self) -> u32 {
        crate::slots::row_booked(self.booked, self.limit.is_some())
    }
}

/// One schedule's grid positions with start in `[lo, hi)`, in order of start,
/// produced one at a time. Its memory is the schedule's merged windows over the span
/// and the occupancy of the appointments near the walk, never the positions: the
/// appointments are read a batch at a time as the walk reaches them, so a walk that
/// stops early (`first`) never reads those beyond.
#[derive(Debug, Clone)]
pub(crate) struct Walker<'a> {
    grid: GridCursor<'a>,
    peaks: LazyPeaks<'a>,
    tally: Tally<'a>,
    duration: i64,
    before: i64,
    after: i64,
}

impl<'a> Walker<'a> {
    /// The walk of `entry` over starts in `[lo, hi)`; `skip` leaves one appointment
    /// out of the count (to re-check it against the others). Errors: the windows'
    /// expansion (`limit_exceeded`).
    pub(crate) fn new(
        limits: &Limits,
        entry: &'a Entry,
        lo: Instant,
        hi: Instant,
        skip: Option<&str>,
    ) -> Result<Walker<'a>> {
        let compiled = &entry.compiled;
        let grid = compiled.grid();
        let runs = compiled.runs(lo, hi, limits)?;
        let after = grid.duration.saturating_add(grid.buffer_after);
        let peaks = LazyPeaks::new(
            &entry.index,
            Span::new(
                lo.saturating_sub(grid.buffer_before),
                hi.saturating_add(after),
            ),
            skip,
        );
        Ok(Walker {
            grid: GridCursor::new(runs, compiled.excluded(), grid.duration, grid.step, lo, hi),
            peaks,
            tally: Tally::new(compiled.zone(), compiled.limits(), &entry.index, skip),
            duration: grid.duration,
            before: grid.buffer_before,
            after,
        })
    }

    /// The start of the next position, if any.
    #[inline]
    pub(crate) fn peek(&self) -> Option<Instant> {
        self.grid.peek()
    }

    /// At most how many positions are left.
    pub(crate) fn bound(&self) -> usize {
        self.grid.bound()
    }

    /// The next position.
    #[inline]
    pub(crate) fn next_position(&mut self) -> Option<Position> {
        let (start, excluded) = self.grid.next_position()?;
        let booked = self.peaks.peak(Span::new(
            start.saturating_sub(self.before),
            start.saturating_add(self.after),
        ));
        let limit = self.tally.check(start, self.duration);
        Some(Position {
            start,
            end: start + self.duration,
            excluded,
            booked,
            limit,
        })
    }

    /// Every remaining position, in order.
    pub(crate) fn visit(mut self, mut f: impl FnMut(Position) -> Result<()>) -> Result<()> {
        while let Some(p) = self.next_position() {
            f(p)?;
        }
        Ok(())
    }
}
