//! Availability: the slots of the schedules over a query's window, ordered by
//! (start, schedule id), as a whole answer ([`Availability`], filled in parallel
//! over schedules), as a stream ([`SlotStream`]: slots or column batches handed out
//! as they are produced), or as columns ([`SlotColumns`]).

use crate::columns::SlotColumns;
use crate::error::{Error, Result};
use crate::limits::too_many_slots;
use crate::query::Query;
use crate::slots::{merge_chunks, radix_sort, Availability, Chunks, Row, Slot, SlotSource};
use crate::state::{Entry, View};
use crate::time::Instant;
use crate::walk::Walker;

/// A combined query answers rows, not slots: refused here (`invalid_input` at
/// `combine`).
pub(crate) fn refuse_combine(query: &Query) -> Result<()> {
    if query.combine.is_some() {
        return Err(Error::invalid_input(
            "a combined query answers combined rows, not slots: ask `combined`",
        )
        .at("combine"));
    }
    Ok(())
}

/// The starts a query selects, `[lo, hi)` after the notice rules; `None` when empty.
pub(crate) fn bounds(query: &Query) -> Option<(Instant, Instant)> {
    let rules = query.rules();
    let lo = rules.earliest().map_or(query.from, |t| t.max(query.from));
    let to = query.end();
    let hi = rules.latest().map_or(to, |t| t.saturating_add(1).min(to));
    (lo < hi).then_some((lo, hi))
}

/// At most how many slots `entry` has with start in `[lo, hi)`: its grid without
/// windows.
fn grid_bound(entry: &Entry, lo: Instant, hi: Instant) -> usize {
    let step = entry.compiled.grid().step;
    usize::try_from(hi.saturating_sub(lo) / step + 1).unwrap_or(usize::MAX)
}

/// The whole answer of `query` (see [`crate::Engine::availability`]).
pub(crate) fn availability(view: View<'_>, query: &Query) -> Result<Availability> {
    refuse_combine(query)?;
    if let Some(n) = query.first {
        let (sources, rows) = first_rows(view, query, n)?;
        return Ok(Availability::new(sources, rows));
    }
    query.validate(view.limits())?;
    // Schedules still in a snapshot are built here, in parallel.
    let entries = view.entries(query.schedules.as_deref())?;
    let Some((lo, hi)) = bounds(query) else {
        return Ok(Availability::default());
    };
    let indexed: Vec<(u32, &Entry)> = (0u32..).zip(entries.iter().copied()).collect();
    // Each group of consecutive schedules fills its own chunk collector.
    let estimate = indexed
        .iter()
        .map(|(_, e)| grid_bound(e, lo, hi))
        .fold(0, usize::saturating_add);
    let groups: Vec<&[(u32, &Entry)]> = indexed.chunks(group_size(view, indexed.len())).collect();
    let parts = view.each(&groups, |group| {
        let mut chunks = Chunks::new(lo, hi, estimate);
        for &(rank, entry) in group.iter() {
            rows_into(view, entry, rank, lo, hi, query.seats, &mut chunks)?;
        }
        Ok(chunks)
    })?;
    let total: usize = parts.iter().map(Chunks::len).sum();
    if total > view.limits().max_slots {
        return Err(too_many_slots(view.limits()));
    }
    Ok(Availability::new(
        entries.iter().map(|e| e.source()).collect(),
        merge_chunks(parts),
    ))
}

/// The first `n` slots of `query` (its sources and rows): the window is walked in
/// spans that double from a week (a day when a week holds far more grid positions
/// than `n`), each span's walks expanding only the windows
/// that meet it and reading only the appointments they reach, until `n` are found;
/// the rest of the window is never read.
fn first_rows(view: View<'_>, query: &Query, n: u32) -> Result<(Vec<SlotSource>, Vec<Row>)> {
    query.validate(view.limits())?;
    let entries = view.entries(query.schedules.as_deref())?;
    let sources = entries.iter().map(|e| e.source()).collect();
    let Some((lo, hi)) = bounds(query) else {
        return Ok((sources, Vec::new()));
    };
    let want = usize::try_from(n).unwrap_or(usize::MAX);
    let mut rows = Vec::new();
    // Many schedules: a week of grid positions would be far more than the answer
    // needs, so the first span is a day.
    let week = entries
        .iter()
        .map(|e| grid_bound(e, lo, lo.saturating_add(FIRST_SPAN)))
        .fold(0, usize::saturating_add);
    let first_span = if week > STREAM_CHUNK_ROWS.max(want.saturating_mul(4)) {
        DAY
    } else {
        FIRST_SPAN
    };
    let (mut a, mut width) = (lo, first_span);
    while a < hi && rows.len() < want {
        let b = a.saturating_add(width).min(hi);
        let mut chunks = Chunks::new(a, b, 0);
        for (rank, &entry) in (0u32..).zip(entries.iter()) {
            rows_into(view, entry, rank, a, b, query.seats, &mut chunks)?;
        }
        let room = want - rows.len();
        rows.extend(merge_chunks(vec![chunks]).into_iter().take(room));
        a = b;
        width = width.saturating_mul(2);
    }
    Ok((sources, rows))
}

const DAY: i64 = 86_400;

/// The first span a `first` query walks: a week (a day over many schedules).
const FIRST_SPAN: i64 = 7 * DAY;

/// One schedule's slots with start in `[from, to)` and at least `seats` free (`0`:
/// every slot, full ones too), in order of start; no notice rules apply.
pub(crate) fn slots_of(
    view: View<'_>,
    schedule_id: &str,
    from: Instant,
    to: Instant,
    seats: u32,
) -> Result<Vec<Slot>> {
    Query::new(from, to).validate(view.limits())?;
    let entry = view.entry(schedule_id)?;
    let mut chunks = Chunks::new(from, to, 0);
    rows_into(view, entry, 0, from, to, seats, &mut chunks)?;
    let source = entry.source();
    Ok(merge_chunks(vec![chunks])
        .iter()
        .map(|row| source.slot(row.start, row.booked))
        .collect())
}

/// Add the rows of `entry`'s slots with start in `[lo, hi)` and `seats` free,
/// tagged with `rank`.
fn rows_into(
    view: View<'_>,
    entry: &Entry,
    rank: u32,
    lo: Instant,
    hi: Instant,
    seats: u32,
    out: &mut Chunks,
) -> Result<()> {
    let capacity = entry.compiled.grid().capacity;
    let limits = view.limits();
    Walker::new(limits, entry, lo, hi, None)?.visit(|p| {
        if !p.excluded && p.remaining(capacity) >= seats {
            if out.len() >= limits.max_slots {
                return Err(too_many_slots(limits));
            }
            out.push(Row {
                start: p.start,
                schedule: rank,
                booked: p.row_booked(),
            });
        }
        Ok(())
    })
}

/// How many schedules fill one chunk collector: at most 128, so that its chunk
/// vectors stay small (measured faster even on one thread), and few enough that
/// every thread of rayon's pool gets a few groups when parallel.
fn group_size(view: View<'_>, schedules: usize) -> usize {
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    let tasks = if view.parallel() {
        rayon::current_num_threads() * 4
    } else {
        1
    };
    #[cfg(not(all(feature = "parallel", not(target_arch = "wasm32"))))]
    let tasks = {
        let _ = view;
        1
    };
    schedules.div_ceil(tasks).clamp(1, 128)
}

/// How many slots a stream of `query` hands out at most: its `first`, else no end.
fn first_of(query: &Query) -> usize {
    query
        .first
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX))
}

/// About this many slots are produced and put in order at a time.
const STREAM_CHUNK_ROWS: usize = 1 << 14;

/// The slots of an availability query, handed out as they are produced, in the
/// answer's order: by start, then schedule id (byte-wise). From
/// [`crate::Engine::availability_stream`].
///
/// It walks every schedule's grid forward together, a short span of time at a time
/// (about 16,000 slots; with `first`, spans that double from a week up to that, and
/// a `first` up to 16,384 is found as [`crate::Engine::availability`] finds it):
/// each schedule's slots starting in the span are produced, the span's slots are
/// put in order, and handed out. Memory stays bounded whatever the answer's length:
/// the schedules' merged windows over the query, the occupancy of the appointments
/// near the walk (read a batch at a time as the walk reaches them), and one span's
/// slots; never the answer. A stream read only in part, or stopped by `first`,
/// never reads the appointments beyond where it stopped. Errors (an unknown schedule, a bad window, an expansion past the limits)
/// come from [`crate::Engine::availability_stream`] before the first slot; the
/// stream itself cannot fail, and is not held to `limits.max_slots` (the caller
/// reads as much as it wants and may stop at any point).
///
/// Read it as an [`Iterator`] of [`Slot`]s, or in batches of columns with
/// [`SlotStream::next_columns`] (no [`Slot`] or key is built then).
///
/// ```
/// use slotwise::{time::parse_instant, Engine, Limits, Query, Schedule};
///
/// // Open around the clock in one-minute slots: a year is 525,600 slots.
/// let kiosk: Schedule = serde_json::from_value(serde_json::json!({
///     "id": "kiosk", "timezone": "Europe/Lisbon",
///     "availability": [{"rule": "DTSTART:20260101T000000\nRRULE:FREQ=DAILY", "end": "00:00"}],
///     "slot": {"duration": "PT1M", "capacity": 1}
/// }))
/// .unwrap();
/// let engine = Engine::from_parts(vec![kiosk], vec![], Limits::default())?;
/// let query = Query::new(
///     parse_instant("2026-01-01T00:00:00Z")?,
///     parse_instant("2027-01-01T00:00:00Z")?,
/// );
/// // Slot by slot...
/// let first = engine.availability_stream(&query)?.next().unwrap();
/// assert_eq!(first.key(), "kiosk@2026-01-01T00:00:00Z");
/// // ...or in batches of columns, each handed over before the next is made.
/// let mut stream = engine.availability_stream(&query)?;
/// let (mut batch, mut total) = (stream.columns(4096), 0);
/// while stream.next_columns(4096, &mut batch) > 0 {
///     total += batch.len();
///     batch = stream.columns(4096);
/// }
/// assert_eq!(total, 525_600);
/// # Ok::<(), slotwise::Error>(())
/// ```
#[derive(Debug)]
pub struct SlotStream<'a> {
    sources: Vec<SlotSource>,
    /// The walks still producing, with the rank of their schedule.
    walkers: Vec<(u32, Walker<'a>)>,
    seats: u32,
    lo: Instant,
    hi: Instant,
    /// The span of starts done so far ends here.
    done: Instant,
    /// The next span's width.
    width: i64,
    /// The widest span: about [`STREAM_CHUNK_ROWS`] slots.
    max_width: i64,
    rows: Vec<Row>,
    at: usize,
    spare: Vec<Row>,
    /// Slots still to hand out (the query's `first`, else no end).
    left: usize,
}

impl<'a> SlotStream<'a> {
    pub(crate) fn new(view: View<'a>, query: &Query) -> Result<SlotStream<'a>> {
        refuse_combine(query)?;
        // A short `first` is found as the whole answer finds it (spans doubling from
        // a week, windows expanded span by span), then handed out: the same slots
        // and errors, and no expansion of the whole window for a few slots.
        if let Some(n) = query
            .first
            .filter(|&n| usize::try_from(n).is_ok_and(|n| n <= STREAM_CHUNK_ROWS))
        {
            let (sources, rows) = first_rows(view, query, n)?;
            let mut stream = SlotStream::empty(sources, query);
            stream.rows = rows;
            return Ok(stream);
        }
        query.validate(view.limits())?;
        let entries = view.entries(query.schedules.as_deref())?;
        let sources = entries.iter().map(|e| e.source()).collect();
        let Some((lo, hi)) = bounds(query) else {
            return Ok(SlotStream::empty(sources, query));
        };
        let limits = view.limits();
        // Each walk expands its schedule's windows now, in parallel, so that errors
        // come before the first slot.
        let indexed: Vec<(u32, &Entry)> = (0u32..).zip(entries.iter().copied()).collect();
        let walkers = view.each(&indexed, |&(rank, entry)| {
            Ok((rank, Walker::new(limits, entry, lo, hi, None)?))
        })?;
        let estimate = indexed
            .iter()
            .map(|(_, e)| grid_bound(e, lo, hi))
            .fold(0, usize::saturating_add);
        let spans = i64::try_from((estimate / STREAM_CHUNK_ROWS).max(1)).unwrap_or(i64::MAX);
        let max_width = (hi.saturating_sub(lo) / spans).max(1);
        // With `first`, the spans double from a week up to that width: a query
        // answered early walks about as far as its answer reaches.
        let width = if query.first.is_some() {
            max_width.min(FIRST_SPAN)
        } else {
            max_width
        };
        Ok(SlotStream {
            sources,
            walkers,
            seats: query.seats,
            lo,
            hi,
            done: lo,
            width,
            max_width,
            rows: Vec::new(),
            at: 0,
            spare: Vec::new(),
            left: first_of(query),
        })
    }

    fn empty(sources: Vec<SlotSource>, query: &Query) -> SlotStream<'a> {
        SlotStream {
            sources,
            walkers: Vec::new(),
            seats: query.seats,
            lo: query.from,
            hi: query.from,
            done: query.from,
            width: 1,
            max_width: 1,
            rows: Vec::new(),
            at: 0,
            spare: Vec::new(),
            left: first_of(query),
        }
    }

    /// The ids of the schedules the slots belong to, in order: a slot's schedule is
    /// given by its position here in [`SlotColumns::schedule`].
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().map(|s| &*s.id)
    }

    /// Produce the next span's slots into `rows`; false when there are no more.
    fn refill(&mut self) -> bool {
        self.rows.clear();
        self.at = 0;
        while self.rows.is_empty() {
            self.walkers.retain(|(_, w)| w.peek().is_some());
            let Some(first) = self.walkers.iter().filter_map(|(_, w)| w.peek()).min() else {
                return false;
            };
            if first >= self.hi {
                return false;
            }
            // Skip spans where no schedule has a slot.
            if first >= self.done.saturating_add(self.width) {
                let spans = (first - self.lo) / self.width;
                self.done = self.lo.saturating_add(spans.saturating_mul(self.width));
            }
            let base = self.done;
            let end = base.saturating_add(self.width).min(self.hi);
            for (rank, walker) in &mut self.walkers {
                let Some(source) = usize::try_from(*rank)
                    .ok()
                    .and_then(|r| self.sources.get(r))
                else {
                    continue;
                };
                let capacity = source.capacity;
                while walker.peek().is_some_and(|s| s < end) {
                    let Some(p) = walker.next_position() else {
                        break;
                    };
                    if !p.excluded && p.remaining(capacity) >= self.seats {
                        self.rows.push(Row {
                            start: p.start,
                            schedule: *rank,
                            booked: p.row_booked(),
                        });
                    }
                }
            }
            if !self.rows.is_sorted_by_key(|r| r.start) {
                // Stable: slots of one start stay in schedule order.
                radix_sort(&mut self.rows, &mut self.spare, base, end - base);
            }
            self.done = end;
            self.width = self.width.saturating_mul(2).min(self.max_width);
        }
        true
    }

    #[inline]
    fn next_row(&mut self) -> Option<Row> {
        if self.left == 0 || (self.at >= self.rows.len() && !self.refill()) {
            return None;
        }
        let row = self.rows.get(self.at).copied();
        self.at += 1;
        self.left -= 1;
        row
    }

    /// Append up to `max` next slots to `out`, one value per column, and return how
    /// many were appended (0: the stream is over). `out.schedule` holds positions in
    /// [`SlotStream::ids`]; set `out.ids` from it (or leave `out` from
    /// [`SlotStream::columns`]) so that keys derive.
    pub fn next_columns(&mut self, max: usize, out: &mut SlotColumns) -> usize {
        let mut added = 0;
        let max = max.min(self.left);
        while added < max {
            if self.at >= self.rows.len() && !self.refill() {
                break;
            }
            let take = (self.rows.len() - self.at).min(max - added);
            let batch = self.rows.get(self.at..self.at + take).unwrap_or_default();
            out.push_rows(batch, &self.sources);
            self.at += take;
            added += take;
        }
        self.left -= added;
        added
    }

    /// Empty columns for this stream's slots: `ids` filled in, room for `rows` rows.
    pub fn columns(&self, rows: usize) -> SlotColumns {
        SlotColumns::with_capacity(self.ids().map(str::to_owned).collect(), rows)
    }

    /// At most how many slots are left: the grid positions of the schedules' merged
    /// windows still ahead (exclusions and full slots not counted out).
    pub fn bound(&self) -> usize {
        let pending = self.rows.len().saturating_sub(self.at);
        self.walkers
            .iter()
            .map(|(_, w)| w.bound())
            .fold(pending, usize::saturating_add)
            .min(self.left)
    }
}

impl Iterator for SlotStream<'_> {
    type Item = Slot;

    fn next(&mut self) -> Option<Slot> {
        let row = self.next_row()?;
        let source = self.sources.get(usize::try_from(row.schedule).ok()?)?;
        Some(source.slot(row.start, row.booked))
    }
}

/// The whole answer of `query` as columns, filled straight from the stream.
pub(crate) fn columns(view: View<'_>, query: &Query) -> Result<SlotColumns> {
    let mut stream = SlotStream::new(view, query)?;
    let max = view.limits().max_slots;
    let mut out = stream.columns(stream.bound().min(max.saturating_add(1)));
    // One more than allowed tells an answer over the limit.
    stream.next_columns(max.saturating_add(1), &mut out);
    if out.len() > max {
        return Err(too_many_slots(view.limits()));
    }
    Ok(out)
}
