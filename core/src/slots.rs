//! Slots: the grid carved from merged windows, and the slot as the API returns it.

use std::sync::Arc;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

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

/// The first grid start of `run` at or after `lo`.
fn first_start(run: &Span, step: i64, lo: Instant) -> Instant {
    if lo > run.start {
        let k = (lo - run.start).saturating_add(step - 1) / step;
        run.start.saturating_add(k.saturating_mul(step))
    } else {
        run.start
    }
}

/// The grid positions with start in `[lo, hi)`, in order, one at a time: starts at
/// `run.start + k * step` (k >= 0) while `start + duration <= run.end`, for each
/// merged window `run` (sorted, disjoint), each with whether the slot overlaps one of
/// `excluded` (sorted, disjoint); excluded positions keep their place on the grid.
#[derive(Debug, Clone)]
pub(crate) struct GridCursor<'a> {
    runs: Vec<Span>,
    run: usize,
    /// The next start, valid while `run < runs.len()`.
    next: Instant,
    exclusions: OverlapCursor<'a>,
    duration: i64,
    step: i64,
    lo: Instant,
    hi: Instant,
}

impl<'a> GridCursor<'a> {
    /// The grid of `runs` over starts in `[lo, hi)`.
    pub(crate) fn new(
        runs: Vec<Span>,
        excluded: &'a [Span],
        duration: i64,
        step: i64,
        lo: Instant,
        hi: Instant,
    ) -> Self {
        let next = runs.first().map_or(hi, |r| first_start(r, step, lo));
        let mut cursor = GridCursor {
            runs,
            run: 0,
            next,
            exclusions: OverlapCursor::new(excluded),
            duration,
            step,
            lo,
            hi,
        };
        cursor.settle();
        cursor
    }

    /// Move `next` to a valid position, or past the last run.
    fn settle(&mut self) {
        while let Some(run) = self.runs.get(self.run) {
            if self.next >= self.hi {
                self.run = self.runs.len();
                return;
            }
            if self.next <= run.end.saturating_sub(self.duration) {
                return;
            }
            self.run += 1;
            if let Some(run) = self.runs.get(self.run) {
                self.next = first_start(run, self.step, self.lo);
            }
        }
    }

    /// The start of the next position, if any.
    #[inline]
    pub(crate) fn peek(&self) -> Option<Instant> {
        (self.run < self.runs.len()).then_some(self.next)
    }

    /// At most how many positions are left.
    pub(crate) fn bound(&self) -> usize {
        let Some(next) = self.peek() else {
            return 0;
        };
        let mut total = 0usize;
        for (i, run) in self.runs.iter().enumerate().skip(self.run) {
            let first = if i == self.run {
                next
            } else {
                first_start(run, self.step, self.lo)
            };
            let last = run
                .end
                .saturating_sub(self.duration)
                .min(self.hi.saturating_sub(1));
            if last >= first {
                let n = (last - first) / self.step + 1;
                total = total.saturating_add(usize::try_from(n).unwrap_or(usize::MAX));
            }
        }
        total
    }

    /// The next position: its start, and whether it overlaps an exclusion.
    #[inline]
    pub(crate) fn next_position(&mut self) -> Option<(Instant, bool)> {
        let start = self.peek()?;
        let excluded = self
            .exclusions
            .overlaps(Span::new(start, start + self.duration));
        match start.checked_add(self.step) {
            Some(next) => self.next = next,
            None => self.run = self.runs.len(),
        }
        let last = self
            .runs
            .get(self.run)
            .map_or(Instant::MIN, |r| r.end.saturating_sub(self.duration));
        if self.next >= self.hi || self.next > last {
            self.settle_past();
        }
        Some((start, excluded))
    }

    /// Leave a run whose next start is past it (the slow path of `next_position`).
    #[cold]
    fn settle_past(&mut self) {
        if self.next >= self.hi {
            self.run = self.runs.len();
            return;
        }
        self.run += 1;
        if let Some(run) = self.runs.get(self.run) {
            self.next = first_start(run, self.step, self.lo);
        }
        self.settle();
    }
}

/// Visit every grid position of [`GridCursor`] in order.
#[cfg(test)]
fn carve(
    runs: &[Span],
    excluded: &[Span],
    duration: i64,
    step: i64,
    lo: Instant,
    hi: Instant,
    mut visit: impl FnMut(Instant, bool) -> crate::error::Result<()>,
) -> crate::error::Result<()> {
    let mut grid = GridCursor::new(runs.to_vec(), excluded, duration, step, lo, hi);
    while let Some((start, excluded)) = grid.next_position() {
        visit(start, excluded)?;
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

    /// The schedules the rows refer to, and the rows in order.
    pub(crate) fn parts(&self) -> (&[SlotSource], &[Row]) {
        (&self.sources, &self.rows)
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
/// At most this many chunks, however sparse the estimate.
const MAX_CHUNKS: usize = 4096;

/// Rows collected by time chunk while schedules are walked in order, so that putting
/// them in order of (start, schedule) is a stable radix sort of each chunk inside the
/// cache rather than a sort or merge of everything. The chunk of a row is
/// `(start - lo) / width`; rows arrive in schedule order, so within a chunk ties
/// already stand in schedule order.
#[derive(Debug, Clone)]
pub(crate) struct Chunks {
    lo: Instant,
    hi: Instant,
    width: i64,
    chunks: Vec<Vec<Row>>,
    len: usize,
    /// The chunk rows went to last, and its span of starts.
    at: usize,
    at_span: Span,
}

impl Chunks {
    /// Chunks for starts in `[lo, hi)`, sized for about `estimate` rows in all. Every
    /// collector of one answer must be made with the same arguments.
    pub fn new(lo: Instant, hi: Instant, estimate: usize) -> Chunks {
        let count = (estimate / CHUNK_ROWS).clamp(1, MAX_CHUNKS);
        let width = (hi.saturating_sub(lo) / i64::try_from(count).unwrap_or(1)).max(1);
        Chunks {
            lo,
            hi,
            width,
            chunks: vec![Vec::new(); count],
            len: 0,
            at: 0,
            at_span: Span::new(0, 0),
        }
    }

    /// Add a row; rows of one schedule come in order of start, schedules in order.
    #[inline]
    pub fn push(&mut self, row: Row) {
        if !self.at_span.contains(row.start) {
            self.locate(row.start);
        }
        if let Some(chunk) = self.chunks.get_mut(self.at) {
            chunk.push(row);
            self.len += 1;
        }
    }

    /// Point `at` to the chunk of `start` (the first and last chunks are open-ended).
    fn locate(&mut self, start: Instant) {
        let last = self.chunks.len().saturating_sub(1);
        let index = usize::try_from(start.saturating_sub(self.lo) / self.width)
            .unwrap_or(0)
            .min(last);
        let begin = self.chunk_start(index);
        self.at = index;
        self.at_span = Span::new(
            if index == 0 { Instant::MIN } else { begin },
            if index == last {
                Instant::MAX
            } else {
                begin.saturating_add(self.width)
            },
        );
    }

    fn chunk_start(&self, index: usize) -> Instant {
        let index = i64::try_from(index).unwrap_or(i64::MAX);
        self.lo.saturating_add(self.width.saturating_mul(index))
    }

    /// Rows added so far.
    pub fn len(&self) -> usize {
        self.len
    }
}

/// The rows of collectors filled from consecutive runs of schedules, in order of
/// (start, schedule): chunk by chunk, the parts are joined in order and sorted by a
/// stable radix sort inside the cache. Linear time.
pub(crate) fn merge_chunks(mut parts: Vec<Chunks>) -> Vec<Row> {
    let total = parts.iter().map(Chunks::len).sum();
    let mut out = Vec::with_capacity(total);
    let Some(first) = parts.first() else {
        return out;
    };
    let count = first.chunks.len();
    let ranges: Vec<(Instant, i64)> = (0..count)
        .map(|i| {
            let base = first.chunk_start(i);
            let end = if i + 1 == count {
                first.hi
            } else {
                first.chunk_start(i + 1)
            };
            (base, end.saturating_sub(base))
        })
        .collect();
    let (mut gathered, mut spare) = (Vec::new(), Vec::new());
    for (index, &(base, range)) in ranges.iter().enumerate() {
        let chunk = match parts.as_mut_slice() {
            [only] => match only.chunks.get_mut(index) {
                Some(rows) => rows,
                None => continue,
            },
            parts => {
                gathered.clear();
                for part in parts.iter_mut() {
                    if let Some(rows) = part.chunks.get_mut(index) {
                        gathered.append(rows);
                    }
                }
                &mut gathered
            }
        };
        if !chunk.is_sorted_by_key(|r| r.start) {
            radix_sort(chunk, &mut spare, base, range);
        }
        out.extend_from_slice(chunk);
    }
    out
}

/// Stable sort of `rows` by start, all in `[base, base + range)`, least significant
/// digit first: at most 11 bits (2,048 buckets) a pass, the counts of every pass
/// taken in one sweep. A range of 2^32 seconds or more falls back to a comparison
/// sort.
pub(crate) fn radix_sort(rows: &mut Vec<Row>, spare: &mut Vec<Row>, base: Instant, range: i64) {
    const MAX_BITS: u32 = 11;
    const BUCKETS: usize = 1 << MAX_BITS;
    let Ok(range) = u32::try_from(range) else {
        rows.sort_by_key(|r| r.start);
        return;
    };
    let bits = (u32::BITS - range.leading_zeros()).max(1);
    let passes = bits.div_ceil(MAX_BITS);
    let digit_bits = bits.div_ceil(passes);
    let mask = (1usize << digit_bits) - 1;
    // Starts lie in [base, base + range), so the key fits in 32 bits.
    let key = |r: &Row| r.start.wrapping_sub(base) as u32 as usize;
    let mut counts = vec![[0usize; BUCKETS]; passes as usize];
    for r in rows.iter() {
        let k = key(r);
        for (pass, count) in counts.iter_mut().enumerate() {
            let digit = (k >> (pass as u32 * digit_bits)) & mask & (BUCKETS - 1);
            if let Some(c) = count.get_mut(digit) {
                *c += 1;
            }
        }
    }
    for (pass, next) in counts.iter_mut().enumerate() {
        if next.contains(&rows.len()) {
            continue; // one digit for every row: nothing moves
        }
        let mut sum = 0;
        for slot in next.iter_mut() {
            let count = *slot;
            *slot = sum;
            sum += count;
        }
        let shift = pass as u32 * digit_bits;
        spare.resize(rows.len(), Row::default());
        for r in rows.iter() {
            let digit = (key(r) >> shift) & mask & (BUCKETS - 1);
            if let Some(pos) = next.get_mut(digit) {
                if let Some(place) = spare.get_mut(*pos) {
                    *place = *r;
                }
                *pos += 1;
            }
        }
        std::mem::swap(rows, spare);
    }
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

    /// Rows of `lists` (one per schedule, each sorted) through chunk collectors made
    /// of `groups` consecutive runs of schedules.
    fn merged(lists: &[Vec<Row>], groups: usize, lo: i64, hi: i64, estimate: usize) -> Vec<Row> {
        let per = lists.len().div_ceil(groups);
        let parts = lists
            .chunks(per)
            .map(|run| {
                let mut c = Chunks::new(lo, hi, estimate);
                run.iter().flatten().for_each(|r| c.push(*r));
                c
            })
            .collect();
        merge_chunks(parts)
    }

    #[test]
    fn chunks_order_by_start_then_schedule() {
        let row = |start, schedule| Row {
            start,
            schedule,
            booked: 0,
        };
        let small = vec![
            vec![row(0, 0), row(5, 0), row(99, 0)],
            vec![row(0, 1), row(3, 1), row(4, 1), row(5, 1)],
            vec![],
            vec![row(1, 3), row(98, 3)],
        ];
        // Many chunks, shared and distinct starts.
        let big: Vec<Vec<Row>> = (0..60u32)
            .map(|s| {
                (0..2_000i64)
                    .map(|k| row(k * 900 + i64::from(s % 7) * 300 + k % 3, s))
                    .collect()
            })
            .collect();
        for (lists, hi) in [(small, 100), (big, 2_000 * 900 + 2_000)] {
            let mut expected: Vec<Row> = lists.iter().flatten().copied().collect();
            expected.sort_by_key(|r| (r.start, r.schedule));
            for (groups, estimate) in [(1, 0), (1, 1 << 20), (3, 1 << 20), (60, 1 << 30)] {
                assert_eq!(merged(&lists, groups, 0, hi, estimate), expected);
            }
        }
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
