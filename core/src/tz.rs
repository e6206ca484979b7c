//! Time zones: local wall-clock time to instants and back, with one set of DST
//! rules, from the bundled IANA database (the host's is never read).
//!
//! - A local time in a gap (spring forward) is read with the offset in force before
//!   the gap, so it moves forward by the length of the gap (RFC 5545 3.3.5).
//! - An ambiguous local time (fall back) is its first instant.
//!
//! The database is the compiled one (TZif, as `zic` writes it, from the `tzdb_data`
//! crate, parsed at build time into constant tables): every transition it lists, to
//! the second, then the zone's POSIX TZ rule for the years after the last one, so
//! a rule that still observes DST does so in 2150 too. Nothing is built at run time:
//! a zone's first use is a name lookup. (A build with the `chosen-zones` feature
//! carries only the zones named at build time, read from their TZif bytes on first
//! use: `tz/source.rs`.)
//!
//! [`ZoneCursor`] converts a forward-moving run of local times with a cached span of
//! constant offset, so dense expansions pay one subtraction per instance instead of
//! a database lookup.
//!
//! Local times from 1900 to about 2172 resolve through a process-wide cache
//! (`tz/cache.rs`): per zone, the local times where its offset changes, with the
//! offset from each on, in blocks of about 4.25 years built on first use and kept
//! for the life of the process (a few KB per zone used; lock-free reads). A cursor
//! crossing a transition there steps to the cache's next entry instead of reading
//! the zone's spans, and the POSIX rule's transitions are worked out once per zone
//! and process instead of once per cursor. Outside that range, and in the few
//! blocks whose transitions lie within 52 hours of each other, the cursor reads
//! runs of the zone's spans itself.

mod cache;
mod footer;
mod source;

use chrono::NaiveDateTime;
use tz::timezone::{TimeZoneRef, TransitionRule};

use crate::error::{Error, ErrorCode, Result};
use crate::time::{from_wall_seconds, wall_seconds, Instant};

/// The release of the bundled IANA time zone database (for example `2026b`).
pub fn tzdata_version() -> &'static str {
    tzdb_data::VERSION
}

/// Every zone name of the bundled database (canonical names and links; with the
/// `chosen-zones` feature, the names chosen at build time and `UTC`).
pub fn zone_names() -> &'static [&'static str] {
    source::names()
}

/// An IANA time zone.
#[derive(Clone, Copy)]
pub struct Zone {
    name: &'static str,
    data: &'static TimeZoneRef<'static>,
    /// The zone's place in the process-wide cache (`tz/cache.rs`); `NO_SLOT` for none.
    slot: u16,
}

/// The slot of a zone the cache does not keep.
const NO_SLOT: u16 = u16::MAX;

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Zone {}

impl std::hash::Hash for Zone {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl std::fmt::Debug for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Zone").field(&self.name).finish()
    }
}

/// Offsets stay within this of UTC (the database's extremes are about ±15 h; POSIX
/// rules allow up to 25 h).
const MAX_OFFSET: i64 = 26 * 3_600;

/// A stretch of instants `[start, end)` with one UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: Instant,
    end: Instant,
    offset: i64,
}

impl Zone {
    /// Coordinated Universal Time.
    pub const UTC: Zone = Zone {
        name: "UTC",
        data: &tzdb_data::time_zone::UTC,
        slot: NO_SLOT,
    };

    /// Look a zone up by its IANA name (`America/Sao_Paulo`), spelled exactly.
    pub fn parse(name: &str) -> Result<Zone> {
        let found = source::find(name).map(|(name, data, slot)| Zone { name, data, slot });
        found.ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownTimezone,
                format!(
                    "`{name}` is not an IANA time zone of the bundled database{}",
                    source::SCOPE
                ),
            )
        })
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Whether the offset is zero at every instant (UTC and its aliases, `Etc/GMT`).
    pub fn is_utc(&self) -> bool {
        let fixed_zero = match self.data.extra_rule() {
            None => true,
            Some(TransitionRule::Fixed(t)) => t.ut_offset() == 0,
            Some(TransitionRule::Alternate(_)) => false,
        };
        fixed_zero
            && self.data.transitions().is_empty()
            && self
                .data
                .local_time_types()
                .iter()
                .all(|t| t.ut_offset() == 0)
    }

    /// The smallest and largest UTC offsets the zone ever has (seconds east). The
    /// instant of any local time `wall` lies in `[wall - max, wall - min]`, gaps and
    /// overlaps included.
    pub fn offset_bounds(&self) -> (i64, i64) {
        let (rule_a, rule_b) = match self.data.extra_rule() {
            Some(TransitionRule::Fixed(t)) => (Some(t.ut_offset()), None),
            Some(TransitionRule::Alternate(rule)) => {
                (Some(rule.std().ut_offset()), Some(rule.dst().ut_offset()))
            }
            None => (None, None),
        };
        let offsets = self
            .data
            .local_time_types()
            .iter()
            .map(|t| t.ut_offset())
            .chain(rule_a)
            .chain(rule_b)
            .map(i64::from);
        offsets
            .fold(None, |bounds: Option<(i64, i64)>, o| {
                Some(bounds.map_or((o, o), |(lo, hi)| (lo.min(o), hi.max(o))))
            })
            .unwrap_or((0, 0))
    }

    /// The UTC offset in seconds east of Greenwich at an instant.
    pub fn offset_at(&self, t: Instant) -> i64 {
        self.span_at(t).offset
    }

    /// The local wall-clock seconds of an instant.
    pub fn wall(&self, t: Instant) -> i64 {
        t + self.offset_at(t)
    }

    /// The local date-time of an instant.
    pub fn to_local(&self, t: Instant) -> NaiveDateTime {
        from_wall_seconds(self.wall(t)).unwrap_or_default()
    }

    /// The instant of a local date-time (gap: shifted forward; overlap: first instant).
    pub fn resolve(&self, local: NaiveDateTime) -> Instant {
        self.resolve_wall(wall_seconds(local))
    }

    /// The instant of local wall-clock seconds (see [`Zone::resolve`]).
    pub fn resolve_wall(&self, wall: i64) -> Instant {
        if self.is_utc() {
            return wall;
        }
        match self.cached(wall) {
            Some(block) => wall - block.find(wall, 0).1.offset,
            None => self.resolve_through_spans(wall),
        }
    }

    /// [`Zone::resolve_wall`] worked out from the zone's spans (no cache).
    fn resolve_through_spans(&self, wall: i64) -> Instant {
        resolve_in(self.spans_from(wall.saturating_sub(MAX_OFFSET)), wall).unwrap_or(wall)
    }

    /// The process-wide cache's block that holds local time `wall` (built on its
    /// first use), or `None` where the cache does not reach or the zone has
    /// transitions too close together there.
    #[inline]
    fn cached(&self, wall: i64) -> Option<&'static cache::Block> {
        cache::block(self.slot, wall, |lo, hi, kinds| {
            self.local_table(lo, hi, kinds)
        })
    }

    /// The zone on the local time line for local times `[lo, hi)` (see
    /// [`local_table`]), read from the spans around them; `None` when two
    /// transitions there lie too close together. `kinds`: what is known of the
    /// rule's years, and what this adds.
    fn local_table(
        &self,
        lo: i64,
        hi: i64,
        kinds: &mut footer::YearKinds,
    ) -> Option<Vec<(i64, i64)>> {
        let mut spans = Vec::with_capacity(24);
        let mut read = self.spans_knowing(lo.saturating_sub(2 * MAX_OFFSET), *kinds);
        for span in read.by_ref() {
            spans.push(span);
            if span.end > hi.saturating_add(2 * MAX_OFFSET) {
                break;
            }
        }
        *kinds = read.kinds();
        let mut table = Vec::with_capacity(spans.len());
        let (from, to) = local_table(&spans, &mut table)?;
        (from <= lo && hi <= to).then_some(table)
    }

    /// The first instant after `t` at which the database changes the zone's local
    /// time type (usually its offset; sometimes only its abbreviation or DST flag),
    /// or `None` when nothing changes after `t`.
    pub fn transition_after(&self, t: Instant) -> Option<Instant> {
        let end = self.span_at(t).end;
        (end != Instant::MAX).then_some(end)
    }

    /// The spans from the one that holds `t` on, in order.
    fn spans_from(&self, t: Instant) -> Spans {
        self.spans_knowing(t, [None; 14])
    }

    /// [`Zone::spans_from`], starting from what is known of the rule's years.
    fn spans_knowing(&self, t: Instant, kinds: footer::YearKinds) -> Spans {
        if let Some(spans) = self.rule_spans(t, kinds) {
            return spans;
        }
        let current = self.span_at(t);
        let transitions = self.data.transitions();
        let index = transitions.partition_point(|tr| tr.unix_leap_time() < current.end);
        let listed = transitions
            .get(index)
            .is_some_and(|tr| tr.unix_leap_time() == current.end)
            .then_some(index);
        let mut spans = Spans {
            zone: *self,
            current: Some(current),
            listed,
            rule: None,
            kinds,
        };
        spans.follow_rule();
        spans
    }

    /// [`Zone::spans_knowing`] when `t` lies in the years of the zone's DST rule
    /// (after its last listed transition): the span that holds `t` read off the
    /// rule's changes around it, each kind of year worked out once. `None`
    /// elsewhere.
    fn rule_spans(&self, t: Instant, kinds: footer::YearKinds) -> Option<Spans> {
        let Some(TransitionRule::Alternate(rule)) = self.data.extra_rule() else {
            return None;
        };
        let floor = self
            .data
            .transitions()
            .last()
            .map_or(Instant::MIN, |tr| tr.unix_leap_time());
        if t < floor {
            return None;
        }
        let (changes, (start, offset)) = footer::Changes::around(rule, t, kinds)?;
        let current = Span {
            start: start.max(floor),
            end: changes.peek().0,
            offset,
        };
        Some(Spans {
            zone: *self,
            current: Some(current),
            listed: None,
            rule: Some(changes),
            kinds,
        })
    }

    /// The span of constant offset that holds `t`.
    fn span_at(&self, t: Instant) -> Span {
        let data = self.data;
        let transitions = data.transitions();
        let type_offset = |i: usize| {
            data.local_time_types()
                .get(i)
                .map_or(0, |l| i64::from(l.ut_offset()))
        };
        let last = transitions.last().map(|tr| tr.unix_leap_time());
        if last.is_none_or(|at| t >= at) {
            let floor = last.unwrap_or(Instant::MIN);
            match data.extra_rule() {
                Some(TransitionRule::Fixed(l)) => {
                    return Span {
                        start: floor,
                        end: Instant::MAX,
                        offset: i64::from(l.ut_offset()),
                    }
                }
                Some(TransitionRule::Alternate(rule)) => {
                    let (start, end, offset) = footer::span(rule, t);
                    return Span {
                        start: start.max(floor),
                        end,
                        offset,
                    };
                }
                None => {}
            }
        }
        let index = transitions.partition_point(|tr| tr.unix_leap_time() <= t);
        let (start, offset) = match index.checked_sub(1).and_then(|i| transitions.get(i)) {
            Some(tr) => (tr.unix_leap_time(), type_offset(tr.local_time_type_index())),
            None => (Instant::MIN, type_offset(0)),
        };
        let end = transitions
            .get(index)
            .map_or(Instant::MAX, |tr| tr.unix_leap_time());
        Span { start, end, offset }
    }
}

/// Consecutive spans of a zone; in the years of its POSIX rule each year's changes
/// are computed once.
struct Spans {
    zone: Zone,
    current: Option<Span>,
    /// The index of the listed transition that ends `current`, while there is one
    /// after it (the next span is then read off the list without a search).
    listed: Option<usize>,
    /// Once `current` lies in the rule's years: the rule's changes from the one
    /// that ends `current` on.
    rule: Option<footer::Changes<'static>>,
    /// What is known of the rule's years (handed on to `rule`).
    kinds: footer::YearKinds,
}

impl Spans {
    /// What is known of the rule's years.
    fn kinds(&self) -> footer::YearKinds {
        self.rule.as_ref().map_or(self.kinds, |c| c.kinds())
    }
}

impl Spans {
    /// Switch to the rule's changes once `current` lies in the rule's years.
    fn follow_rule(&mut self) {
        if self.rule.is_some() {
            return;
        }
        let (Some(current), Some(TransitionRule::Alternate(rule))) =
            (self.current, self.zone.data.extra_rule())
        else {
            return;
        };
        let last_listed = self
            .zone
            .data
            .transitions()
            .last()
            .map_or(Instant::MIN, |tr| tr.unix_leap_time());
        if current.start >= last_listed && current.end != Instant::MAX {
            self.rule = Some(footer::Changes::after(rule, current.end - 1, self.kinds));
        }
    }
}

impl Iterator for Spans {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let span = self.current?;
        self.current = if span.end == Instant::MAX {
            None
        } else if let Some(changes) = self.rule.as_mut() {
            // The change that ends `span` starts the next one (of two changes at
            // one instant, the later).
            let (mut start, mut offset) = changes.next()?;
            while changes.peek().0 <= start {
                (start, offset) = changes.next()?;
            }
            Some(Span {
                start,
                end: changes.peek().0,
                offset,
            })
        } else if let Some(i) = self.listed {
            let transitions = self.zone.data.transitions();
            match (transitions.get(i), transitions.get(i + 1)) {
                (Some(tr), Some(next)) if next.unix_leap_time() > tr.unix_leap_time() => {
                    self.listed = Some(i + 1);
                    let offset = self
                        .zone
                        .data
                        .local_time_types()
                        .get(tr.local_time_type_index())
                        .map_or(0, |l| i64::from(l.ut_offset()));
                    Some(Span {
                        start: tr.unix_leap_time(),
                        end: next.unix_leap_time(),
                        offset,
                    })
                }
                _ => {
                    self.listed = None;
                    Some(self.zone.span_at(span.end))
                }
            }
        } else {
            Some(self.zone.span_at(span.end))
        };
        self.follow_rule();
        Some(span)
    }
}

/// Consecutive spans on the local time line, pushed to `table` as `(wall, offset)`
/// pairs, ascending: each offset holds from its local time to the next one's, gaps
/// and overlaps included (the first pair's local time is `Instant::MIN`). Where
/// consecutive transitions lie more than `2 * MAX_OFFSET` apart, the local times
/// around each one can only fall in the spans on its two sides, so one local time
/// `at` splits them: before it the old offset (a gap's local times move forward, an
/// overlap's take their first instant), from it on the new one; `at` is the
/// transition plus the larger of the two offsets. Returns the local times
/// `[lo, hi)` the table is valid for: from `MAX_OFFSET` after the first span starts
/// to `MAX_OFFSET` before the last one ends, where every instant that could read
/// them lies within the spans. `None` (nothing pushed) when the spans are empty or
/// two transitions between the first span and the last lie too close together.
fn local_table(spans: &[Span], table: &mut Vec<(i64, i64)>) -> Option<(i64, i64)> {
    let inner = spans.len().saturating_sub(2);
    let spaced = spans
        .iter()
        .skip(1)
        .take(inner)
        .all(|s| s.end.saturating_sub(s.start) > 2 * MAX_OFFSET);
    let (Some(first), Some(last), true) = (spans.first(), spans.last(), spaced) else {
        return None;
    };
    let lo = first.start.saturating_add(MAX_OFFSET);
    let hi = if last.end == Instant::MAX {
        Instant::MAX
    } else {
        last.end - MAX_OFFSET
    };
    table.reserve(spans.len());
    table.push((Instant::MIN, first.offset));
    for pair in spans.windows(2) {
        if let [before, after] = pair {
            let at = after.start.saturating_add(before.offset.max(after.offset));
            table.push((at, after.offset));
        }
    }
    Some((lo, hi))
}

/// The instant of local wall-clock seconds among consecutive spans starting at or
/// before `wall - MAX_OFFSET`: every span whose local times could hold `wall` is
/// looked at; the earliest instant that reads `wall` wins, and if none does (a gap)
/// `wall` is read with the offset in force before the gap. `None` when the spans
/// end too early to tell.
fn resolve_in(spans: impl Iterator<Item = Span>, wall: i64) -> Option<Instant> {
    let limit = wall.saturating_add(MAX_OFFSET);
    let mut best: Option<Instant> = None;
    let mut gap: Option<Instant> = None;
    let mut previous: Option<Span> = None;
    for span in spans {
        if let Some(p) = previous {
            let at = span.start;
            if gap.is_none() && at + p.offset <= wall && wall < at + span.offset {
                gap = Some(wall - p.offset);
            }
        }
        let u = wall.saturating_sub(span.offset);
        if u >= span.start && u < span.end {
            best = Some(best.map_or(u, |b| b.min(u)));
        }
        if span.end >= limit {
            return best.or(gap).or(Some(u));
        }
        previous = Some(span);
    }
    None
}

impl std::fmt::Display for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Converts local wall-clock seconds to instants, fast for runs that move forward.
///
/// It keeps a span of instants `[safe_lo, hi)` between two transitions of the zone,
/// where the offset is constant and no local time is ambiguous with an earlier
/// instant; a local time whose instant falls in it costs one subtraction. Anything
/// else (a gap, an overlap, the edge of a span) is resolved from a run of the zone's
/// spans the cursor keeps (longer each time it runs out, so sparse conversions over
/// decades look the zone up rarely), and then moves the span.
#[derive(Debug, Clone)]
pub struct ZoneCursor {
    zone: Zone,
    utc: bool,
    offset: i64,
    safe_lo: Instant,
    hi: Instant,
    /// Consecutive spans of the zone.
    spans: Vec<Span>,
    /// How many spans the next refill reads.
    refill: usize,
    /// The same spans read on the local time line, when their transitions lie far
    /// enough apart (see [`ZoneCursor::fill`]): `(wall, offset)` pairs, ascending,
    /// each offset holding from its local time to the next one's, gaps and overlaps
    /// included; valid for local times in `[table_lo, table_hi)`.
    table: Vec<(i64, i64)>,
    table_lo: i64,
    table_hi: i64,
    /// What the cursor has worked out of the zone's POSIX rule's years.
    kinds: footer::YearKinds,
    /// The block of the process-wide cache the cursor read last, and the entry.
    block: Option<&'static cache::Block>,
    entry: usize,
    /// When the cached span is the block's entry: the offset of the entry after it
    /// and the local time where that one ends (`i64::MIN` when not known), so a
    /// cursor moving forward steps across a transition without a look-up.
    next_offset: i64,
    next_end: i64,
}

/// Spans the first refill of a cursor reads, and the most any refill reads.
const FIRST_REFILL: usize = 4;
const MAX_REFILL: usize = 64;

impl ZoneCursor {
    /// A cursor with an empty span.
    pub fn new(zone: Zone) -> Self {
        ZoneCursor {
            zone,
            utc: zone.is_utc(),
            offset: 0,
            safe_lo: 0,
            hi: 0,
            spans: Vec::new(),
            refill: FIRST_REFILL,
            table: Vec::new(),
            table_lo: 0,
            table_hi: 0,
            kinds: [None; 14],
            block: None,
            entry: 0,
            next_offset: 0,
            next_end: i64::MIN,
        }
    }

    /// The zone this cursor converts in.
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The instant of local wall-clock seconds (gap: shifted forward; overlap: first).
    #[inline]
    pub fn resolve_wall(&mut self, wall: i64) -> Instant {
        if self.utc {
            return wall;
        }
        let u = wall - self.offset;
        if u >= self.safe_lo && u < self.hi {
            return u;
        }
        self.resolve_slow(wall)
    }

    /// When `wall` lies in the cached span: its offset and the local time where the
    /// span ends. Every local time from `wall` to that end reads as local time minus
    /// the offset, so a run of them converts without a test each.
    #[inline]
    pub(crate) fn run(&self, wall: i64) -> Option<(i64, i64)> {
        if self.utc {
            return Some((0, i64::MAX));
        }
        let u = wall - self.offset;
        (u >= self.safe_lo && u < self.hi)
            .then(|| (self.offset, self.hi.saturating_add(self.offset)))
    }

    /// [`ZoneCursor::run`] after moving the cached span to the one that holds
    /// `wall` if it does not already; `None` where `wall` needs a resolution of
    /// its own (near a gap or an overlap, where the cache does not reach).
    #[inline]
    pub(crate) fn run_at(&mut self, wall: i64) -> Option<(i64, i64)> {
        match self.run(wall) {
            Some(run) => Some(run),
            None if self.next_holds(wall) => Some(self.step()),
            None => self.run_slow(wall),
        }
    }

    /// Whether `wall` lies in the cache's entry after the cached span's.
    #[inline]
    fn next_holds(&self, wall: i64) -> bool {
        let end = self.hi.saturating_add(self.offset);
        wall >= end && wall < self.next_end
    }

    /// Move the cached span to the cache's next entry (see [`ZoneCursor::next_holds`]);
    /// its offset and the local time where it ends.
    #[inline]
    fn step(&mut self) -> (i64, i64) {
        let from = self.hi.saturating_add(self.offset);
        let (to, offset) = (self.next_end, self.next_offset);
        self.offset = offset;
        self.safe_lo = from - offset;
        self.hi = to - offset;
        self.entry += 1;
        self.load_next();
        (offset, to)
    }

    /// Read the entry after the cursor's from its block.
    #[inline]
    fn load_next(&mut self) {
        match self.block.and_then(|block| block.entry(self.entry + 1)) {
            Some(next) => (self.next_offset, self.next_end) = (next.offset, next.to),
            None => self.next_end = i64::MIN,
        }
    }

    #[inline(never)]
    fn run_slow(&mut self, wall: i64) -> Option<(i64, i64)> {
        match self.enter_entry(wall) {
            Some(entry) => Some((entry.offset, entry.to)),
            None => {
                self.resolve_uncached(wall);
                self.run(wall)
            }
        }
    }

    fn resolve_slow(&mut self, wall: i64) -> Instant {
        if self.next_holds(wall) {
            return wall - self.step().0;
        }
        match self.resolve_by_block(wall) {
            Some(u) => u,
            None => self.resolve_uncached(wall),
        }
    }

    /// [`ZoneCursor::resolve_slow`] where the process-wide cache does not reach:
    /// through the cursor's own spans and their table.
    #[inline(never)]
    fn resolve_uncached(&mut self, wall: i64) -> Instant {
        self.next_end = i64::MIN;
        if let Some(u) = self.resolve_by_table(wall) {
            return u;
        }
        let covered = match (self.spans.first(), self.spans.last()) {
            (Some(first), Some(last)) => {
                first.start <= wall.saturating_sub(MAX_OFFSET)
                    && (last.end == Instant::MAX || last.end >= wall.saturating_add(MAX_OFFSET))
            }
            _ => false,
        };
        if !covered {
            self.fill(wall);
            if let Some(u) = self.resolve_by_table(wall) {
                return u;
            }
        }
        let from = self
            .spans
            .partition_point(|s| s.end <= wall.saturating_sub(MAX_OFFSET));
        let spans = self.spans.get(from..).unwrap_or(&[]).iter().copied();
        let u = resolve_in(spans, wall).unwrap_or_else(|| self.zone.resolve_through_spans(wall));
        self.move_span(u);
        u
    }

    /// The instant of `wall` from the process-wide cache, moving the cached span to
    /// its entry; `None` where the cache has no block.
    #[inline]
    fn resolve_by_block(&mut self, wall: i64) -> Option<Instant> {
        self.enter_entry(wall).map(|entry| wall - entry.offset)
    }

    /// Move the cached span to the cache's entry that holds `wall`; `None` where
    /// the cache has no block.
    #[inline]
    fn enter_entry(&mut self, wall: i64) -> Option<cache::Entry> {
        let block = match self.block {
            Some(block) if block.holds(wall) => block,
            _ => self.enter_block(wall)?,
        };
        let (index, entry) = block.find(wall, self.entry);
        self.entry = index;
        self.offset = entry.offset;
        self.safe_lo = entry.from - entry.offset;
        self.hi = entry.to - entry.offset;
        self.load_next();
        Some(entry)
    }

    /// Take the cache's block that holds `wall` as the cursor's.
    #[inline(never)]
    fn enter_block(&mut self, wall: i64) -> Option<&'static cache::Block> {
        let block = self.zone.cached(wall)?;
        self.block = Some(block);
        Some(block)
    }

    /// The instant of `wall` from the local-time table, moving the cached span to
    /// the table's entry; `None` outside the table.
    #[inline]
    fn resolve_by_table(&mut self, wall: i64) -> Option<Instant> {
        if wall < self.table_lo || wall >= self.table_hi {
            return None;
        }
        let index = self
            .table
            .partition_point(|&(at, _)| at <= wall)
            .checked_sub(1)?;
        let &(at, offset) = self.table.get(index)?;
        let next = self
            .table
            .get(index + 1)
            .map_or(self.table_hi, |&(next, _)| next.min(self.table_hi));
        self.offset = offset;
        self.safe_lo = at.max(self.table_lo).saturating_sub(offset);
        self.hi = next.saturating_sub(offset);
        Some(wall - offset)
    }

    /// Read at once the spans that local times from `lo` to `hi` need (a list of
    /// dates known beforehand: resolving them then reads nothing more), at most
    /// [`MAX_REFILL`] of them past `lo`. Nothing to read where the process-wide
    /// cache holds both ends (it serves every local time between).
    pub fn cover(&mut self, lo: i64, hi: i64) {
        if self.utc || lo > hi {
            return;
        }
        if self.zone.cached(lo).is_some() && self.zone.cached(hi).is_some() {
            return;
        }
        self.fill_range(lo, hi);
    }

    /// Read spans from the one before `wall - MAX_OFFSET` on, and their table.
    fn fill(&mut self, wall: i64) {
        self.fill_range(wall, wall);
    }

    /// Read spans from the one before `lo - MAX_OFFSET` on, at least a refill's
    /// worth and through `hi + MAX_OFFSET` (no more than [`MAX_REFILL`] past `lo`),
    /// and their table.
    fn fill_range(&mut self, lo: i64, hi: i64) {
        self.spans.clear();
        self.spans.reserve(self.refill + 4);
        let mut spans = self
            .zone
            .spans_knowing(lo.saturating_sub(2 * MAX_OFFSET), self.kinds);
        for span in spans.by_ref() {
            self.spans.push(span);
            let past = |wall: i64| span.end > wall.saturating_add(MAX_OFFSET);
            let len = self.spans.len();
            if (len >= self.refill && past(hi)) || (len >= MAX_REFILL && past(lo)) {
                break;
            }
        }
        self.kinds = spans.kinds();
        self.refill = (self.refill * 2).min(MAX_REFILL);
        self.fill_table();
    }

    /// The cursor's spans on the local time line (see [`local_table`]); an empty
    /// table when their transitions lie too close together (the cursor then
    /// resolves through the spans).
    fn fill_table(&mut self) {
        self.table.clear();
        (self.table_lo, self.table_hi) =
            local_table(&self.spans, &mut self.table).unwrap_or((0, 0));
    }

    /// The span before `span` (the cursor's own when it has it).
    fn previous(&self, index: Option<usize>, span: Span) -> (Option<usize>, Span) {
        match index.and_then(|i| i.checked_sub(1)) {
            Some(i) => match self.spans.get(i) {
                Some(&s) => (Some(i), s),
                None => (None, self.zone.span_at(span.start - 1)),
            },
            None => (None, self.zone.span_at(span.start - 1)),
        }
    }

    /// Move the span to the one that holds `u`.
    fn move_span(&mut self, u: Instant) {
        let found = self
            .spans
            .partition_point(|s| s.start <= u)
            .checked_sub(1)
            .filter(|&i| self.spans.get(i).is_some_and(|s| u < s.end));
        let span = match found.and_then(|i| self.spans.get(i)) {
            Some(&s) => s,
            None => self.zone.span_at(u),
        };
        // A local time of this span is ambiguous with an earlier span `k` when its
        // instant is before `end_k + offset_k - offset`: skip those.
        let mut safe_lo = span.start;
        let (mut index, mut k) = (found, span);
        while k.start > Instant::MIN && k.start > span.start.saturating_sub(2 * MAX_OFFSET) {
            let (i, previous) = self.previous(index, k);
            safe_lo = safe_lo.max((previous.end + previous.offset).saturating_sub(span.offset));
            (index, k) = (i, previous);
        }
        self.offset = span.offset;
        self.safe_lo = safe_lo;
        self.hi = span.end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const DAY: i64 = 86_400;

    fn local(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|x| x.and_hms_opt(h, mi, 0))
            .unwrap()
    }

    #[test]
    fn gap_moves_forward_and_overlap_takes_first_instant() {
        let ny = Zone::parse("America/New_York").unwrap();
        // 2026-03-08 02:30 does not exist: read with EST (-5) -> 07:30Z (03:30 EDT).
        assert_eq!(
            crate::time::format_instant(ny.resolve(local(2026, 3, 8, 2, 30))),
            "2026-03-08T07:30:00Z"
        );
        // 2026-11-01 01:30 happens twice: the first is EDT (-4) -> 05:30Z.
        assert_eq!(
            crate::time::format_instant(ny.resolve(local(2026, 11, 1, 1, 30))),
            "2026-11-01T05:30:00Z"
        );
    }

    #[test]
    fn a_covered_cursor_resolves_as_the_zone() {
        // Covered ranges short and long, forward and backward queries, and local
        // times outside the covered range.
        for name in [
            "America/New_York",
            "Europe/Berlin",
            "Pacific/Apia",
            "Australia/Lord_Howe",
        ] {
            let zone = Zone::parse(name).unwrap();
            let lo = wall_seconds(local(2011, 1, 1, 0, 0));
            for years in [0, 1, 3, 40] {
                let mut cursor = ZoneCursor::new(zone);
                let hi = lo + years * 366 * DAY;
                cursor.cover(lo, hi);
                let mut wall = hi + 400 * DAY;
                while wall >= lo - 400 * DAY {
                    assert_eq!(
                        cursor.resolve_wall(wall),
                        zone.resolve_wall(wall),
                        "{name} {wall}"
                    );
                    wall -= 7 * 3600 + 1800;
                }
            }
        }
    }

    #[test]
    fn apia_skipped_a_whole_day() {
        let apia = Zone::parse("Pacific/Apia").unwrap();
        // 2011-12-30 did not exist: 10:00 that day is read at -10 -> 20:00Z.
        assert_eq!(
            crate::time::format_instant(apia.resolve(local(2011, 12, 30, 10, 0))),
            "2011-12-30T20:00:00Z"
        );
    }

    #[test]
    fn dst_goes_on_after_the_last_listed_transition() {
        let ny = Zone::parse("America/New_York").unwrap();
        // July 2150: EDT (-4); January 2150: EST (-5); the switch is on the second
        // Sunday of March (2150-03-08) at 02:00 local.
        let july = wall_seconds(local(2150, 7, 1, 12, 0)) + 4 * 3_600;
        assert_eq!(ny.offset_at(july), -4 * 3_600);
        let january = wall_seconds(local(2150, 1, 15, 12, 0)) + 5 * 3_600;
        assert_eq!(ny.offset_at(january), -5 * 3_600);
        assert_eq!(
            crate::time::format_instant(ny.transition_after(january).unwrap()),
            "2150-03-08T07:00:00Z"
        );
        // Southern hemisphere: Sydney's summer straddles the new year.
        let sydney = Zone::parse("Australia/Sydney").unwrap();
        let new_year = wall_seconds(local(2199, 12, 31, 13, 0));
        assert_eq!(sydney.offset_at(new_year), 11 * 3_600);
    }

    #[test]
    fn names_are_exact_and_the_release_is_named() {
        assert_eq!(
            Zone::parse("Europe/Berlin").unwrap().name(),
            "Europe/Berlin"
        );
        assert!(Zone::parse("europe/berlin").is_err());
        assert!(Zone::parse("US/Eastern").is_ok());
        assert!(Zone::UTC.is_utc() && Zone::parse("Etc/UTC").unwrap().is_utc());
        assert!(!Zone::parse("Europe/London").unwrap().is_utc());
        let version = tzdata_version();
        assert!(version.len() == 5 && version.starts_with("20"), "{version}");
    }

    /// A made-up zone with three changes within five hours (0 -> +1 h -> +3 h -> +2 h)
    /// and back to 0 a day later: the database has none so close, but nothing in the
    /// code assumes transitions are far apart.
    #[test]
    fn transitions_within_hours_of_each_other() {
        use tz::timezone::{LocalTimeType, Transition};
        const T: i64 = 1_000_000_000;
        static TRANSITIONS: [Transition; 4] = [
            Transition::new(T, 1),
            Transition::new(T + 7_200, 2),
            Transition::new(T + 18_000, 3),
            Transition::new(T + DAY, 0),
        ];
        static TYPES: [LocalTimeType; 4] = [
            LocalTimeType::utc(),
            match LocalTimeType::with_ut_offset(3_600) {
                Ok(t) => t,
                Err(_) => panic!(),
            },
            match LocalTimeType::with_ut_offset(3 * 3_600) {
                Ok(t) => t,
                Err(_) => panic!(),
            },
            match LocalTimeType::with_ut_offset(2 * 3_600) {
                Ok(t) => t,
                Err(_) => panic!(),
            },
        ];
        static AFTER: Option<TransitionRule> = Some(TransitionRule::Fixed(LocalTimeType::utc()));
        static DATA: TimeZoneRef<'static> =
            match TimeZoneRef::new(&TRANSITIONS, &TYPES, &[], &AFTER) {
                Ok(t) => t,
                Err(_) => panic!(),
            };
        let zone = Zone {
            name: "Test/Close",
            data: &DATA,
            slot: NO_SLOT,
        };
        let mut cursor = ZoneCursor::new(zone);
        let mut wall = T - 3 * 3_600;
        while wall < T + 2 * DAY {
            let date = chrono::DateTime::from_timestamp(wall, 0)
                .unwrap()
                .naive_utc();
            use chrono::{Datelike, Timelike};
            let mut buf = [None; 4];
            let found = tz::DateTime::find_n(
                &mut buf,
                date.year(),
                date.month() as u8,
                date.day() as u8,
                date.hour() as u8,
                date.minute() as u8,
                date.second() as u8,
                0,
                DATA,
            )
            .unwrap();
            let expected = match found.data().iter().flatten().next().copied().unwrap() {
                tz::datetime::FoundDateTimeKind::Normal(dt) => dt.unix_time(),
                tz::datetime::FoundDateTimeKind::Skipped {
                    before_transition, ..
                } => wall - i64::from(before_transition.local_time_type().ut_offset()),
            };
            assert_eq!(zone.resolve_wall(wall), expected, "{wall}");
            assert_eq!(cursor.resolve_wall(wall), expected, "{wall}");
            let t = wall - 3_600;
            assert_eq!(
                zone.offset_at(t),
                i64::from(DATA.find_local_time_type(t).unwrap().ut_offset())
            );
            wall += 300;
        }
    }

    #[test]
    fn unknown_zone_is_an_error() {
        assert_eq!(
            Zone::parse("Mars/Olympus").unwrap_err().code(),
            ErrorCode::UnknownTimezone
        );
    }

    #[test]
    fn cursor_agrees_with_exact_resolution_everywhere() {
        let zones = [
            "America/New_York",
            "Europe/Lisbon",
            "Australia/Sydney",
            "Australia/Lord_Howe",
            "America/Sao_Paulo",
            "Pacific/Apia",
            "Africa/Casablanca",
            "Asia/Kolkata",
            "America/St_Johns",
            "Antarctica/Troll",
            "Europe/Dublin",
            "America/Havana",
            "Asia/Gaza",
            "America/Santiago",
        ];
        for name in zones {
            let zone = Zone::parse(name).unwrap();
            let mut cursor = ZoneCursor::new(zone);
            let start = wall_seconds(local(2010, 1, 1, 0, 0));
            let end = wall_seconds(local(2020, 1, 1, 0, 0));
            let mut wall = start;
            while wall < end {
                let exact = zone.resolve_through_spans(wall);
                assert_eq!(cursor.resolve_wall(wall), exact, "{name} {wall}");
                assert_eq!(zone.resolve_wall(wall), exact, "{name} {wall}");
                wall += 15 * 60 + 7;
            }
            // Sparse conversions over four centuries go through the table's own
            // resolution of gaps and overlaps: the process-wide cache's from 1900
            // to about 2172, the cursor's own spans before and after; both by
            // `resolve_wall` and by runs.
            let mut cursor = ZoneCursor::new(zone);
            let mut runs = ZoneCursor::new(zone);
            let mut wall = wall_seconds(local(1850, 1, 1, 0, 30));
            let end = wall_seconds(local(2250, 1, 1, 0, 0));
            while wall < end {
                let exact = zone.resolve_through_spans(wall);
                assert_eq!(cursor.resolve_wall(wall), exact, "{name} {wall}");
                assert_eq!(zone.resolve_wall(wall), exact, "{name} {wall}");
                if let Some((offset, end)) = runs.run_at(wall) {
                    assert!(wall < end, "{name} {wall}");
                    assert_eq!(wall - offset, exact, "{name} {wall}");
                }
                assert_eq!(runs.resolve_wall(wall), exact, "{name} {wall}");
                wall += 3 * DAY + 3_600 + 7 * 60;
            }
        }
    }

    /// A cursor that jumps back and forth converts as one that starts afresh.
    #[test]
    fn cursor_jumping_around_agrees() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let lo = wall_seconds(local(1700, 1, 1, 0, 0));
        let span = wall_seconds(local(2400, 1, 1, 0, 0)) - lo;
        let zones = [
            "America/New_York",
            "Europe/Berlin",
            "Australia/Lord_Howe",
            "Asia/Kolkata",
            "Pacific/Kiritimati",
            "America/Sao_Paulo",
        ];
        for name in zones {
            let zone = Zone::parse(name).unwrap();
            let mut cursor = ZoneCursor::new(zone);
            for _ in 0..3_000 {
                let wall = lo + (next() % span as u64) as i64;
                // A few steps forward from there, across transitions now and then.
                for k in 0..4 {
                    let wall = wall + k * 97 * DAY;
                    let exact = zone.resolve_through_spans(wall);
                    assert_eq!(cursor.resolve_wall(wall), exact, "{name} {wall}");
                }
            }
        }
    }
}
