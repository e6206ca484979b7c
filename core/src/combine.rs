//! Combined queries: times that every listed schedule (`all`), at least `k` of them
//! (`k_of_n`) or any one of them (`any`, a pool) can take, as rows
//! `{start, end, schedules, remaining}` ordered by start, then end.
//!
//! A schedule "can take" a span by the same rules as its own slots: inside one of
//! its merged windows, clear of its exclusions, its seat-holding appointments over
//! the span widened by its own buffers leave `seats` free, and no booking limit is
//! broken. `any` reads each schedule's own slots from the [`Walker`], the path
//! behind availability, so its rows agree with the schedules' slot lists.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::availability::bounds;
use crate::capacity::LazyPeaks;
use crate::error::{Error, Result};
use crate::interval::Span;
use crate::limits::too_many_slots;
use crate::query::{Combine, CombineMode, Query};
use crate::quota::Tally;
use crate::state::{Entry, View};
use crate::time::{format_instant, Instant};
use crate::walk::Walker;

const DAY: i64 = 86_400;
/// The first span a pool with `first` walks: a week.
const POOL_SPAN: i64 = 7 * DAY;

/// A combined time and who can take it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CombinedRow {
    /// First instant.
    pub start: Instant,
    /// First instant after.
    pub end: Instant,
    /// The schedules that can take it: in id order (`all`, `k_of_n`), fairest first
    /// (`any`).
    pub schedules: Vec<String>,
    /// `all`: the least free-seat count among them; `k_of_n`: how many can take it;
    /// `any`: the sum of the remaining seats of every schedule with that slot.
    pub remaining: u32,
}

impl Serialize for CombinedRow {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("CombinedRow", 4)?;
        st.serialize_field("start", &format_instant(self.start))?;
        st.serialize_field("end", &format_instant(self.end))?;
        st.serialize_field("schedules", &self.schedules)?;
        st.serialize_field("remaining", &self.remaining)?;
        st.end()
    }
}

/// The rows of a combined query (see [`crate::Engine::combined`]).
pub(crate) fn combined(view: View<'_>, query: &Query) -> Result<Vec<CombinedRow>> {
    let combine = query
        .combine
        .as_ref()
        .ok_or_else(|| Error::invalid_input("a combined query needs `combine`").at("combine"))?;
    // Its schedules are `combine.schedules`; a second list would be ignored or
    // contradict it, so it is refused rather than read.
    if query.schedules.is_some() {
        return Err(Error::invalid_input(
            "not with `combine`: a combined query's schedules are `combine.schedules`",
        )
        .at("schedules"));
    }
    let mut plain = query.clone();
    plain.combine = None;
    plain.validate(view.limits())?;
    combine.validate().map_err(|e| e.at("combine"))?;
    // In id order (byte-wise).
    let entries = view
        .entries(Some(&combine.schedules))
        .map_err(|e| e.at("combine"))?;
    let Some((lo, hi)) = bounds(query) else {
        return Ok(Vec::new());
    };
    let first = query
        .first
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
    match combine.mode {
        CombineMode::Any if first == usize::MAX => pool(view, &entries, query.seats, lo, hi, first),
        CombineMode::Any => {
            // With `first`, spans that double from a week: a big pool expands only
            // the windows of the spans its rows need.
            let mut rows = Vec::new();
            let (mut a, mut width) = (lo, POOL_SPAN);
            while a < hi && rows.len() < first {
                let b = a.saturating_add(width).min(hi);
                rows.extend(pool(view, &entries, query.seats, a, b, first - rows.len())?);
                a = b;
                width = width.saturating_mul(2);
            }
            Ok(rows)
        }
        CombineMode::All | CombineMode::KOfN => {
            joint(view, combine, &entries, query.seats, lo, hi, first)
        }
    }
}

/// One schedule's state while candidate spans move forward.
struct Probe<'a> {
    entry: &'a Entry,
    runs: Vec<Span>,
    peaks: LazyPeaks<'a>,
    tally: Tally<'a>,
}

impl Probe<'_> {
    /// Seats free for `[t, t + d)` if the schedule can take it with `seats`.
    fn free(&mut self, t: Instant, d: i64, seats: u32) -> Option<u32> {
        let compiled = &self.entry.compiled;
        let grid = compiled.grid();
        let end = t.saturating_add(d);
        // The peak cursor only moves forward: ask it at every candidate.
        let booked = self.peaks.peak(Span::new(
            t.saturating_sub(grid.buffer_before),
            end.saturating_add(grid.buffer_after),
        ));
        let at = self.runs.partition_point(|r| r.end <= t);
        let inside = self
            .runs
            .get(at)
            .is_some_and(|r| r.start <= t && end <= r.end);
        let excluded = compiled.excluded();
        let x = excluded.partition_point(|x| x.end <= t);
        let clear = excluded.get(x).is_none_or(|x| x.start >= end);
        let free = grid.capacity.saturating_sub(booked);
        (inside && clear && free >= seats && self.tally.check(t, d).is_none()).then_some(free)
    }
}

/// `all` and `k_of_n`: candidates on the combined grid over the times when enough
/// schedules are open.
fn joint(
    view: View<'_>,
    combine: &Combine,
    entries: &[&Entry],
    seats: u32,
    lo: Instant,
    hi: Instant,
    first: usize,
) -> Result<Vec<CombinedRow>> {
    let limits = view.limits();
    let d = combine.duration.unwrap_or(1).max(1);
    let step = combine.step.unwrap_or(d).max(1);
    let need = match combine.mode {
        CombineMode::KOfN => combine
            .k
            .and_then(|k| usize::try_from(k).ok())
            .unwrap_or(entries.len()),
        _ => entries.len(),
    };
    let reach = hi.saturating_add(d);
    let mut probes = Vec::with_capacity(entries.len());
    for &entry in entries {
        let grid = entry.compiled.grid();
        let runs = entry.compiled.runs(lo, reach, limits)?;
        let peaks = LazyPeaks::new(
            &entry.index,
            Span::new(
                lo.saturating_sub(grid.buffer_before),
                reach.saturating_add(grid.buffer_after),
            ),
            None,
        );
        probes.push(Probe {
            entry,
            runs,
            peaks,
            tally: Tally::new(
                entry.compiled.zone(),
                entry.compiled.limits(),
                &entry.index,
                None,
            ),
        });
    }
    // The maximal intervals when at least `need` schedules are open.
    let mut edges: Vec<(Instant, i32)> = probes
        .iter()
        .flat_map(|p| p.runs.iter().flat_map(|r| [(r.start, 1), (r.end, -1)]))
        .collect();
    edges.sort_unstable();
    let mut spans = Vec::new();
    let mut open = 0usize;
    let mut since = None;
    for (t, delta) in edges {
        open = if delta > 0 {
            open + 1
        } else {
            open.saturating_sub(1)
        };
        match (since, open >= need) {
            (None, true) => since = Some(t),
            (Some(s), false) => {
                if s < t {
                    spans.push(Span::new(s, t));
                }
                since = None;
            }
            _ => {}
        }
    }
    // Spans that touch (one ends where the next begins) are one interval.
    let mut merged: Vec<Span> = Vec::new();
    for s in spans {
        match merged.last_mut() {
            Some(last) if last.end >= s.start => last.end = last.end.max(s.end),
            _ => merged.push(s),
        }
    }
    let mut rows = Vec::new();
    // The probes that can take the candidate; ids are copied for rows only.
    let mut able: Vec<usize> = Vec::with_capacity(probes.len());
    for c in merged {
        let mut t = c.start;
        if t < lo {
            let skip = (lo - t).saturating_add(step - 1) / step;
            t = t.saturating_add(skip.saturating_mul(step));
        }
        while t < hi && t.saturating_add(d) <= c.end {
            able.clear();
            let mut least = u32::MAX;
            for (i, p) in probes.iter_mut().enumerate() {
                if let Some(free) = p.free(t, d, seats) {
                    able.push(i);
                    least = least.min(free);
                }
            }
            if able.len() >= need {
                let remaining = match combine.mode {
                    CombineMode::KOfN => u32::try_from(able.len()).unwrap_or(u32::MAX),
                    _ => least,
                };
                let who = able
                    .iter()
                    .filter_map(|&i| probes.get(i))
                    .map(|p| p.entry.id.to_string())
                    .collect();
                if rows.len() >= limits.max_slots {
                    return Err(too_many_slots(limits));
                }
                rows.push(CombinedRow {
                    start: t,
                    end: t + d,
                    schedules: who,
                    remaining,
                });
                if rows.len() >= first {
                    return Ok(rows);
                }
            }
            t = t.saturating_add(step);
        }
    }
    Ok(rows)
}

/// `any`: the schedules' own slots, one row per `[start, end)`. Every schedule's
/// walk moves forward together, one start at a time, so the rows come in order and
/// the walk stops at `first` rows, never reading further.
fn pool(
    view: View<'_>,
    entries: &[&Entry],
    seats: u32,
    lo: Instant,
    hi: Instant,
    first: usize,
) -> Result<Vec<CombinedRow>> {
    let limits = view.limits();
    let mut walkers = Vec::with_capacity(entries.len());
    for &entry in entries {
        walkers.push((entry, Walker::new(limits, entry, lo, hi, None)?));
    }
    let mut rows = Vec::new();
    // (end, entry, remaining) of every schedule with a slot at the current start.
    let mut here: Vec<(Instant, &Entry, u32)> = Vec::new();
    while rows.len() < first {
        let Some(start) = walkers.iter().filter_map(|(_, w)| w.peek()).min() else {
            break;
        };
        here.clear();
        for (entry, walker) in &mut walkers {
            if walker.peek() != Some(start) {
                continue;
            }
            if let Some(p) = walker.next_position() {
                if !p.excluded {
                    here.push((p.end, *entry, p.remaining(entry.compiled.grid().capacity)));
                }
            }
        }
        // Stable: schedules of one end stay in id order.
        here.sort_by_key(|h| h.0);
        for same in here.chunk_by(|a, b| a.0 == b.0) {
            let Some(&(end, _, _)) = same.first() else {
                continue;
            };
            let mut able: Vec<(usize, &Entry)> = same
                .iter()
                .filter(|h| h.2 >= seats)
                .map(|h| (starts_on_date(h.1, start), h.1))
                .collect();
            if able.is_empty() {
                continue;
            }
            able.sort_by(|a, b| (a.0, &*a.1.id).cmp(&(b.0, &*b.1.id)));
            if rows.len() >= limits.max_slots {
                return Err(too_many_slots(limits));
            }
            rows.push(CombinedRow {
                start,
                end,
                schedules: able.into_iter().map(|(_, e)| e.id.to_string()).collect(),
                remaining: same.iter().fold(0u32, |sum, h| sum.saturating_add(h.2)),
            });
            if rows.len() >= first {
                break;
            }
        }
    }
    Ok(rows)
}

/// How many seat-holding appointments of `entry` start on the local date (in its
/// own zone) of `t`.
fn starts_on_date(entry: &Entry, t: Instant) -> usize {
    let zone = entry.compiled.zone();
    let day = zone.wall(t).div_euclid(DAY);
    let lo = zone
        .resolve_wall(day.saturating_mul(DAY))
        .saturating_sub(DAY);
    let hi = zone
        .resolve_wall(day.saturating_add(1).saturating_mul(DAY))
        .saturating_add(DAY);
    entry
        .index
        .starting_between(lo, hi)
        .filter(|h| zone.wall(h.span.start).div_euclid(DAY) == day)
        .count()
}
