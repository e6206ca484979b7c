//! Slots: the grid carved from merged windows, and the slot as the API returns it.

use std::sync::Arc;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::error::Result;
use crate::interval::{OverlapCursor, Span};
use crate::time::{format_instant, Instant};

/// A slot of a schedule with its capacity state. Its JSON form is
/// `{key, schedule, start, end, capacity, booked, remaining}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The schedule's id.
    pub schedule: Arc<str>,
    /// First instant of the slot.
    pub start: Instant,
    /// First instant after the slot.
    pub end: Instant,
    /// Seats the slot offers.
    pub capacity: u32,
    /// Peak seats held by appointments at any instant of the slot's blocked span
    /// (may exceed `capacity`: overbooked).
    pub booked: u32,
    /// `max(0, capacity - booked)`.
    pub remaining: u32,
}

impl Slot {
    /// The stable key `{schedule_id}@{start as RFC 3339 UTC}`.
    pub fn key(&self) -> String {
        slot_key(&self.schedule, self.start)
    }
}

/// The stable key of the slot of `schedule` starting at `start`.
pub fn slot_key(schedule: &str, start: Instant) -> String {
    format!("{schedule}@{}", format_instant(start))
}

impl Serialize for Slot {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Slot", 7)?;
        st.serialize_field("key", &self.key())?;
        st.serialize_field("schedule", &*self.schedule)?;
        st.serialize_field("start", &format_instant(self.start))?;
        st.serialize_field("end", &format_instant(self.end))?;
        st.serialize_field("capacity", &self.capacity)?;
        st.serialize_field("booked", &self.booked)?;
        st.serialize_field("remaining", &self.remaining)?;
        st.end()
    }
}

/// Visit every grid position with start in `[lo, hi)`, in order: starts at
/// `run.start + k * step` (k >= 0) while `start + duration <= run.end`, for each
/// merged window `run` (sorted, disjoint). `visit` gets the start and whether the
/// slot overlaps one of `excluded` (sorted, disjoint); excluded positions keep their
/// place on the grid.
pub(crate) fn carve(
    runs: &[Span],
    excluded: &[Span],
    duration: i64,
    step: i64,
    lo: Instant,
    hi: Instant,
    mut visit: impl FnMut(Instant, bool) -> Result<()>,
) -> Result<()> {
    let mut exclusions = OverlapCursor::new(excluded);
    for run in runs {
        let last_start = run.end.saturating_sub(duration);
        let mut start = if lo > run.start {
            let k = (lo - run.start).saturating_add(step - 1) / step;
            run.start.saturating_add(k.saturating_mul(step))
        } else {
            run.start
        };
        while start < hi && start <= last_start {
            let end = start + duration;
            visit(start, exclusions.overlaps(Span::new(start, end)))?;
            start = match start.checked_add(step) {
                Some(next) => next,
                None => break,
            };
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(runs: &[(i64, i64)], excluded: &[(i64, i64)], lo: i64, hi: i64) -> Vec<(i64, bool)> {
        let runs: Vec<Span> = runs.iter().map(|&(a, b)| Span::new(a, b)).collect();
        let ex: Vec<Span> = excluded.iter().map(|&(a, b)| Span::new(a, b)).collect();
        let mut out = Vec::new();
        carve(&runs, &ex, 30, 20, lo, hi, |s, x| {
            out.push((s, x));
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn grid_is_anchored_at_the_window_start() {
        // Starts 100, 120, 140, 160 (180 + 30 > 200).
        assert_eq!(
            grid(&[(100, 200)], &[], 0, 1000),
            [(100, false), (120, false), (140, false), (160, false)]
        );
        // A later `lo` does not move the grid.
        assert_eq!(
            grid(&[(100, 200)], &[], 121, 161),
            [(140, false), (160, false)]
        );
        // Overlapping an exclusion marks, never shifts.
        assert_eq!(
            grid(
                &[(100, 200), (300, 340)],
                &[(145, 150), (329, 331)],
                0,
                1000
            ),
            [
                (100, false),
                (120, true),
                (140, true),
                (160, false),
                (300, true)
            ]
        );
    }

    #[test]
    fn keys_are_stable() {
        let slot = Slot {
            schedule: Arc::from("dr-ana"),
            start: 1_772_452_800,
            end: 1_772_454_600,
            capacity: 2,
            booked: 1,
            remaining: 1,
        };
        assert_eq!(slot.key(), "dr-ana@2026-03-02T12:00:00Z");
        assert_eq!(
            serde_json::to_string(&slot).unwrap(),
            r#"{"key":"dr-ana@2026-03-02T12:00:00Z","schedule":"dr-ana","start":"2026-03-02T12:00:00Z","end":"2026-03-02T12:30:00Z","capacity":2,"booked":1,"remaining":1}"#
        );
    }
}
