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
/// How many grid positions [`carve`] visits (excluded ones too).
pub(crate) fn grid_len(runs: &[Span], duration: i64, step: i64, lo: Instant, hi: Instant) -> usize {
    runs.iter()
        .map(|run| {
            let first = first_start(run, step, lo);
            let last = run.end.saturating_sub(duration).min(hi.saturating_sub(1));
            if last < first {
                0
            } else {
                usize::try_from((last - first) / step + 1).unwrap_or(usize::MAX)
            }
        })
        .fold(0, usize::saturating_add)
}

/// The first grid start of `run` at or after `lo`.
fn first_start(run: &Span, step: i64, lo: Instant) -> Instant {
    if lo > run.start {
        let k = (lo - run.start).saturating_add(step - 1) / step;
        run.start.saturating_add(k.saturating_mul(step))
    } else {
        run.start
    }
}

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
        let mut start = first_start(run, step, lo);
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

/// A slot in compact form (16 bytes): its start, the position of its schedule in
/// the answer's list of schedules, and its booked seats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Row {
    pub start: Instant,
    pub schedule: u32,
    pub booked: u32,
}

/// What a slot takes from its schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SlotSource {
    pub id: Arc<str>,
    pub duration: i64,
    pub capacity: u32,
}

impl SlotSource {
    /// The slot starting at `start` with `booked` seats held.
    pub fn slot(&self, start: Instant, booked: u32) -> Slot {
        Slot {
            schedule: Arc::clone(&self.id),
            start,
            end: start + self.duration,
            capacity: self.capacity,
            booked,
            remaining: self.capacity.saturating_sub(booked),
        }
    }
}

/// The answer of an availability query: slots ordered by (start, schedule id),
/// stored compactly (16 bytes a slot) and built as [`Slot`]s when read. Serializes
/// as the JSON array of slots.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Availability {
    sources: Vec<SlotSource>,
    rows: Vec<Row>,
}

impl Availability {
    pub(crate) fn new(sources: Vec<SlotSource>, rows: Vec<Row>) -> Self {
        Availability { sources, rows }
    }

    /// The number of slots.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there is no slot.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The slot at `index`.
    pub fn get(&self, index: usize) -> Option<Slot> {
        self.rows.get(index).and_then(|r| self.slot(r))
    }

    /// The slots in order.
    pub fn iter(&self) -> impl Iterator<Item = Slot> + '_ {
        self.rows.iter().filter_map(|r| self.slot(r))
    }

    /// The slots in order, in a vector.
    pub fn to_vec(&self) -> Vec<Slot> {
        self.iter().collect()
    }

    fn slot(&self, row: &Row) -> Option<Slot> {
        let source = self.sources.get(usize::try_from(row.schedule).ok()?)?;
        Some(source.slot(row.start, row.booked))
    }
}

impl Serialize for Availability {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// About this many rows are ordered at a time (256 KB: they stay in cache).
const CHUNK_ROWS: usize = 1 << 14;

/// The rows of several lists, each sorted by start and all starting in `[lo, hi)`,
/// in order of (start, list position). Time is walked in chunks of about
/// [`CHUNK_ROWS`] rows: each list gives its run of rows in the chunk (a cursor, as the
/// lists are sorted), and the chunk, gathered in list order, is put in order of start
/// by a stable radix sort inside the cache. Linear time and one sequential pass over
/// memory, where a comparison sort would pay `log` of the number of lists per row.
pub(crate) fn merge_by_start(lists: &[Vec<Row>], lo: Instant, hi: Instant) -> Vec<Row> {
    let n: usize = lists.iter().map(Vec::len).sum();
    if lists.iter().filter(|l| !l.is_empty()).count() <= 1 {
        return lists.iter().flatten().copied().collect();
    }
    let chunks = i64::try_from(n.div_ceil(CHUNK_ROWS)).unwrap_or(i64::MAX);
    let width = (hi.saturating_sub(lo) / chunks).max(1);
    let mut cursors = vec![0usize; lists.len()];
    let mut out = Vec::with_capacity(n);
    let (mut chunk, mut spare) = (Vec::new(), Vec::new());
    let mut from = lo;
    while out.len() < n {
        // The last chunk takes whatever is left.
        let to = match from.checked_add(width) {
            Some(to) if to < hi => to,
            _ => Instant::MAX,
        };
        chunk.clear();
        for (list, cursor) in lists.iter().zip(&mut cursors) {
            let rest = list.get(*cursor..).unwrap_or_default();
            // A scan, not a binary search: the run is short and read next anyway.
            let take = rest.iter().take_while(|r| r.start < to).count();
            chunk.extend_from_slice(rest.get(..take).unwrap_or_default());
            *cursor += take;
        }
        radix_sort(&mut chunk, &mut spare, from, width);
        out.extend_from_slice(&chunk);
        from = to;
    }
    out
}

/// Stable sort of `rows` by start, all in `[base, base + range)`: least significant
/// digit first, at most 11 bits (2,048 buckets) a pass.
fn radix_sort(rows: &mut Vec<Row>, spare: &mut Vec<Row>, base: Instant, range: i64) {
    let bits = u64::BITS - range.unsigned_abs().leading_zeros();
    let passes = bits.div_ceil(11).max(1);
    let digit_bits = bits.div_ceil(passes);
    let mask = (1u64 << digit_bits) - 1;
    for pass in 0..passes {
        let shift = pass * digit_bits;
        let digit = |r: &Row| {
            let key = r.start.saturating_sub(base).max(0).unsigned_abs();
            usize::try_from((key >> shift) & mask).unwrap_or(0)
        };
        if counting_sort(rows, spare, digit) {
            std::mem::swap(rows, spare);
        }
    }
}

/// Stable counting sort of `from` into `to` by `digit` (< 2,048); false, leaving
/// `to` alone, when every row has the same digit.
fn counting_sort(from: &[Row], to: &mut Vec<Row>, digit: impl Fn(&Row) -> usize) -> bool {
    let mut next = [0usize; 1 << 11];
    for r in from {
        if let Some(count) = next.get_mut(digit(r)) {
            *count += 1;
        }
    }
    if next.contains(&from.len()) {
        return false;
    }
    let mut sum = 0;
    for slot in next.iter_mut() {
        let count = *slot;
        *slot = sum;
        sum += count;
    }
    to.resize(from.len(), Row::default());
    for r in from {
        if let Some(pos) = next.get_mut(digit(r)) {
            if let Some(place) = to.get_mut(*pos) {
                *place = *r;
            }
            *pos += 1;
        }
    }
    true
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
        assert_eq!(grid_len(&runs, 30, 20, lo, hi), out.len());
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
    fn merge_orders_by_start_then_list() {
        let row = |start, schedule| Row {
            start,
            schedule,
            booked: 0,
        };
        let lists = vec![
            vec![row(0, 0), row(5, 0), row(99, 0)],
            vec![row(0, 1), row(3, 1), row(4, 1), row(5, 1)],
            vec![],
            vec![row(1, 3), row(98, 3)],
        ];
        let mut expected: Vec<Row> = lists.iter().flatten().copied().collect();
        expected.sort_by_key(|r| (r.start, r.schedule));
        assert_eq!(merge_by_start(&lists, 0, 100), expected);
        let far: Vec<Vec<Row>> = lists
            .iter()
            .map(|l| {
                l.iter()
                    .map(|r| Row {
                        start: r.start * 1_000_003 + 5,
                        ..*r
                    })
                    .collect()
            })
            .collect();
        let mut expected: Vec<Row> = far.iter().flatten().copied().collect();
        expected.sort_by_key(|r| (r.start, r.schedule));
        assert_eq!(merge_by_start(&far, 5, 100_000_000), expected);
        // Many chunks, shared and distinct starts.
        let lists: Vec<Vec<Row>> = (0..60u32)
            .map(|s| {
                (0..2_000i64)
                    .map(|k| row(k * 900 + i64::from(s % 7) * 300 + k % 3, s))
                    .collect()
            })
            .collect();
        let mut expected: Vec<Row> = lists.iter().flatten().copied().collect();
        expected.sort_by_key(|r| (r.start, r.schedule));
        assert_eq!(merge_by_start(&lists, 0, 2_000 * 900 + 2_000), expected);
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
