//! Availability: the slots of the schedules over a query's window, ordered by
//! (start, schedule id), as a whole answer ([`Availability`], filled in parallel
//! over schedules), as a stream ([`SlotStream`]: slots or column batches handed out
//! as they are produced), or as columns ([`SlotColumns`]).

use crate::columns::SlotColumns;
use crate::error::Result;
use crate::limits::too_many_slots;
use crate::query::Query;
use crate::slots::{merge_chunks, radix_sort, Availability, Chunks, Row, Slot, SlotSource};
use crate::state::{Entry, View};
use crate::time::Instant;
use crate::walk::Walker;

/// The starts a query selects, `[lo, hi)` after the notice rules; `None` when empty.
fn bounds(query: &Query) -> Option<(Instant, Instant)> {
    let rules = query.rules();
    let lo = rules.earliest().map_or(query.from, |t| t.max(query.from));
    let hi = rules
        .latest()
        .map_or(query.to, |t| t.saturating_add(1).min(query.to));
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
        if !p.excluded && capacity.saturating_sub(p.booked) >= seats {
            if out.len() >= limits.max_slots {
                return Err(too_many_slots(limits));
            }
            out.push(Row {
                start: p.start,
                schedule: rank,
                booked: p.booked,
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

/// About this many slots are produced and put in order at a time.
const STREAM_CHUNK_ROWS: usize = 1 << 14;

/// The slots of an availability query, handed out as they are produced, in the
/// answer's order: by start, then schedule id (byte-wise). From
/// [`crate::Engine::availability_stream`].
///
/// It walks every schedule's grid forward together, a short span of time at a time
/// (about 16,000 slots): each schedule's slots starting in the span are produced,
/// the span's slots are put in order, and handed out. Memory stays bounded whatever
/// the answer's length: the schedules' merged windows over the query, the
/// occupancy of the appointments that meet it, and one span's slots; never the
/// answer. Errors (an unknown schedule, a bad window, an expansion past the limits)
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
    width: i64,
    rows: Vec<Row>,
    at: usize,
    spare: Vec<Row>,
}

impl<'a> SlotStream<'a> {
    pub(crate) fn new(view: View<'a>, query: &Query) -> Result<SlotStream<'a>> {
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
        let width = (hi.saturating_sub(lo) / spans).max(1);
        Ok(SlotStream {
            sources,
            walkers,
            seats: query.seats,
            lo,
            hi,
            done: lo,
            width,
            rows: Vec::new(),
            at: 0,
            spare: Vec::new(),
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
            rows: Vec::new(),
            at: 0,
            spare: Vec::new(),
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
                    if !p.excluded && capacity.saturating_sub(p.booked) >= self.seats {
                        self.rows.push(Row {
                            start: p.start,
                            schedule: *rank,
                            booked: p.booked,
                        });
                    }
                }
            }
            if !self.rows.is_sorted_by_key(|r| r.start) {
                // Stable: slots of one start stay in schedule order.
                radix_sort(&mut self.rows, &mut self.spare, base, end - base);
            }
            self.done = end;
        }
        true
    }

    #[inline]
    fn next_row(&mut self) -> Option<Row> {
        if self.at >= self.rows.len() && !self.refill() {
            return None;
        }
        let row = self.rows.get(self.at).copied();
        self.at += 1;
        row
    }

    /// Append up to `max` next slots to `out`, one value per column, and return how
    /// many were appended (0: the stream is over). `out.schedule` holds positions in
    /// [`SlotStream::ids`]; set `out.ids` from it (or leave `out` from
    /// [`SlotStream::columns`]) so that keys derive.
    pub fn next_columns(&mut self, max: usize, out: &mut SlotColumns) -> usize {
        let mut added = 0;
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
