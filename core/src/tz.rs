//! Time zones: local wall-clock time to instants and back, with one set of DST
//! rules, from the bundled IANA database (chrono-tz; the host's is never read).
//!
//! - A local time in a gap (spring forward) is read with the offset in force before
//!   the gap, so it moves forward by the length of the gap (RFC 5545 3.3.5).
//! - An ambiguous local time (fall back) is its first instant.
//!
//! [`ZoneCursor`] converts a forward-moving run of local times with a cached span of
//! constant offset, so dense expansions pay one addition per instance instead of a
//! database lookup.

use chrono::{NaiveDateTime, Offset, TimeZone};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use chrono_tz::{GapInfo, Tz};

use crate::error::{Error, ErrorCode, Result};
use crate::time::{from_wall_seconds, wall_seconds, Instant};

/// The version of the bundled IANA time zone database (`2025b`).
pub fn tzdata_version() -> &'static str {
    chrono_tz::IANA_TZDB_VERSION
}

/// An IANA time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone(Tz);

const DAY: i64 = 86_400;

impl Zone {
    /// Coordinated Universal Time.
    pub const UTC: Zone = Zone(Tz::UTC);

    /// Look a zone up by its IANA name (`America/Sao_Paulo`).
    pub fn parse(name: &str) -> Result<Zone> {
        name.parse::<Tz>().map(Zone).map_err(|_| {
            Error::new(
                ErrorCode::UnknownTimezone,
                format!("`{name}` is not an IANA time zone of the bundled database"),
            )
        })
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// Whether this is UTC (or an alias with a constant zero offset).
    pub fn is_utc(&self) -> bool {
        matches!(
            self.0,
            Tz::UTC | Tz::Etc__UTC | Tz::Etc__UCT | Tz::UCT | Tz::Zulu | Tz::Etc__Zulu
        )
    }

    /// The UTC offset in seconds east of Greenwich at an instant.
    pub fn offset_at(&self, t: Instant) -> i64 {
        match chrono::DateTime::from_timestamp(t, 0) {
            Some(dt) => i64::from(
                self.0
                    .offset_from_utc_datetime(&dt.naive_utc())
                    .fix()
                    .local_minus_utc(),
            ),
            None => 0,
        }
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
        let wall = wall_seconds(local);
        match self.0.offset_from_local_datetime(&local) {
            chrono::LocalResult::Single(o) => wall - i64::from(o.fix().local_minus_utc()),
            chrono::LocalResult::Ambiguous(a, b) => {
                let ua = wall - i64::from(a.fix().local_minus_utc());
                let ub = wall - i64::from(b.fix().local_minus_utc());
                ua.min(ub)
            }
            chrono::LocalResult::None => {
                let before = GapInfo::new(&local, &self.0)
                    .and_then(|gap| gap.begin)
                    .map(|(_, offset)| i64::from(offset.fix().local_minus_utc()));
                match before {
                    Some(offset) => wall - offset,
                    // A gap with no known start cannot happen in the database; read the
                    // time with the offset a day earlier, which precedes any gap.
                    None => wall - self.offset_at(wall - DAY),
                }
            }
        }
    }

    /// The instant of local wall-clock seconds (see [`Zone::resolve`]).
    pub fn resolve_wall(&self, wall: i64) -> Instant {
        match from_wall_seconds(wall) {
            Some(local) => self.resolve(local),
            None => wall,
        }
    }

    /// The first instant in `(lo, hi]` whose offset is not `offset`, given that `lo`
    /// has it and `hi` does not.
    fn bisect(&self, mut lo: Instant, mut hi: Instant, offset: i64) -> Instant {
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.offset_at(mid) == offset {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        hi
    }
}

/// Seconds of UTC time one [`Chunk`] of transitions covers (about ten years).
const CHUNK_SECONDS: i64 = 3_653 * DAY;
/// Chunks kept in memory before the cache starts over.
const MAX_CACHED_CHUNKS: usize = 4_096;

/// The offset changes of one zone within `[start, end)`, found once by probing the
/// database a day apart and bisecting each change to the second. (chrono-tz keeps
/// its transition table private; no two transitions of the database that undo each
/// other lie within a day, so daily probes see them all.)
#[derive(Debug)]
struct Chunk {
    start: Instant,
    end: Instant,
    first_offset: i64,
    /// `(instant, offset from then on)`, ascending.
    changes: Vec<(Instant, i64)>,
}

impl Chunk {
    fn build(zone: Zone, index: i64) -> Chunk {
        let start = index.saturating_mul(CHUNK_SECONDS);
        let end = start.saturating_add(CHUNK_SECONDS);
        let first_offset = zone.offset_at(start);
        let mut changes = Vec::new();
        let (mut t, mut offset) = (start, first_offset);
        while t < end {
            let next = (t + DAY).min(end);
            let next_offset = zone.offset_at(next);
            if next_offset == offset {
                t = next;
                continue;
            }
            let at = zone.bisect(t, next, offset);
            offset = zone.offset_at(at);
            if at < end {
                changes.push((at, offset));
            }
            t = at;
        }
        Chunk {
            start,
            end,
            first_offset,
            changes,
        }
    }

    /// The instant of local wall-clock seconds by this table alone (gap: shifted
    /// forward; overlap: first instant), or `None` when the answer could depend on
    /// transitions outside the chunk.
    fn resolve_wall(&self, wall: i64) -> Option<Instant> {
        // Spans: (start, offset), the first from the chunk's start.
        let span = |i: usize| -> Option<(Instant, i64)> {
            match i.checked_sub(1) {
                None => Some((self.start, self.first_offset)),
                Some(j) => self.changes.get(j).copied(),
            }
        };
        let span_end = |i: usize| self.changes.get(i).map_or(self.end, |c| c.0);
        let guess = wall - self.first_offset;
        let center = self.changes.partition_point(|&(at, _)| at <= guess);
        let first = center.saturating_sub(2);
        let last = (center + 2).min(self.changes.len());
        let mut best: Option<Instant> = None;
        for i in first..=last {
            let (start, offset) = span(i)?;
            let u = wall - offset;
            if u >= start && u < span_end(i) {
                best = Some(best.map_or(u, |b: Instant| b.min(u)));
            }
        }
        if let Some(u) = best {
            // Near the chunk's start an earlier instant may live in the chunk before.
            return (u >= self.start + 2 * DAY).then_some(u);
        }
        // A gap: the transition whose local times skip over `wall`.
        for i in first.max(1)..=last {
            let ((at, after), (_, before)) = (span(i)?, span(i - 1)?);
            if at + before <= wall && wall < at + after {
                return Some(wall - before);
            }
        }
        None
    }

    /// The chunk of `zone` that holds `t`, built on first use and shared.
    fn of(zone: Zone, t: Instant) -> Option<Arc<Chunk>> {
        type Cache = Mutex<HashMap<(Tz, i64), Arc<Chunk>>>;
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let index = t.div_euclid(CHUNK_SECONDS);
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        let mut map = cache.lock().ok()?;
        if let Some(chunk) = map.get(&(zone.0, index)) {
            return Some(Arc::clone(chunk));
        }
        if map.len() >= MAX_CACHED_CHUNKS {
            map.clear();
        }
        let chunk = Arc::new(Chunk::build(zone, index));
        map.insert((zone.0, index), Arc::clone(&chunk));
        Some(chunk)
    }
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
/// else (a gap, an overlap, the edge of a span) goes through [`Zone::resolve_wall`]
/// and then moves the span.
#[derive(Debug, Clone)]
pub struct ZoneCursor {
    zone: Zone,
    utc: bool,
    offset: i64,
    safe_lo: Instant,
    hi: Instant,
    /// The transition table the span came from, kept to resolve nearby gaps and
    /// overlaps without the shared cache.
    chunk: Option<Arc<Chunk>>,
}

impl ZoneCursor {
    /// A cursor with an empty span.
    pub fn new(zone: Zone) -> Self {
        ZoneCursor {
            zone,
            utc: zone.is_utc(),
            offset: 0,
            safe_lo: 0,
            hi: 0,
            chunk: None,
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
        let u = self
            .chunk
            .as_ref()
            .and_then(|chunk| chunk.resolve_wall(wall))
            .unwrap_or_else(|| self.zone.resolve_wall(wall));
        self.move_span(u);
        u
    }

    /// Move the span to the one that holds `u`.
    fn move_span(&mut self, u: Instant) {
        let cached = self.chunk.take().filter(|c| c.start <= u && u < c.end);
        let Some(chunk) = cached.or_else(|| Chunk::of(self.zone, u)) else {
            self.hi = self.safe_lo;
            return;
        };
        let index = chunk.changes.partition_point(|&(at, _)| at <= u);
        let (lo, offset, previous) = match index.checked_sub(1) {
            // Before the chunk's first change: what precedes the chunk is unknown
            // here, so its first day is left to the exact path.
            None => (chunk.start + DAY, chunk.first_offset, chunk.first_offset),
            Some(i) => {
                let (at, offset) = chunk.changes.get(i).copied().unwrap_or((u, 0));
                let previous = match i.checked_sub(1) {
                    Some(j) => chunk.changes.get(j).map_or(offset, |c| c.1),
                    None => chunk.first_offset,
                };
                (at, offset, previous)
            }
        };
        let hi = chunk.changes.get(index).map_or(chunk.end, |c| c.0);
        self.offset = offset;
        // After a fall-back, local times of the overlap belong to the earlier span.
        self.safe_lo = lo + (previous - offset).max(0);
        self.hi = hi;
        self.chunk = Some(chunk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

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
    fn apia_skipped_a_whole_day() {
        let apia = Zone::parse("Pacific/Apia").unwrap();
        // 2011-12-30 did not exist: 10:00 that day is read at -10 -> 20:00Z.
        assert_eq!(
            crate::time::format_instant(apia.resolve(local(2011, 12, 30, 10, 0))),
            "2011-12-30T20:00:00Z"
        );
    }

    #[test]
    fn unknown_zone_is_an_error() {
        assert_eq!(
            Zone::parse("Mars/Olympus").unwrap_err().code(),
            ErrorCode::UnknownTimezone
        );
    }

    #[test]
    fn table_resolves_every_transition_like_the_database() {
        for name in [
            "America/New_York",
            "Australia/Lord_Howe",
            "Pacific/Apia",
            "Europe/Dublin",
            "America/Sao_Paulo",
        ] {
            let zone = Zone::parse(name).unwrap();
            for index in 0..7 {
                let chunk = Chunk::of(zone, index * CHUNK_SECONDS).unwrap();
                for &(at, _) in &chunk.changes {
                    let mut wall = at - 5 * 3_600 + zone.offset_at(at - 1);
                    while wall < at + 5 * 3_600 + zone.offset_at(at) {
                        if let Some(u) = chunk.resolve_wall(wall) {
                            assert_eq!(u, zone.resolve_wall(wall), "{name} {wall}");
                        }
                        wall += 600;
                    }
                }
            }
        }
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
                assert_eq!(
                    cursor.resolve_wall(wall),
                    zone.resolve_wall(wall),
                    "{name} {wall}"
                );
                wall += 15 * 60 + 7;
            }
            // Sparse conversions over two centuries go through the table's own
            // resolution of gaps and overlaps.
            let mut cursor = ZoneCursor::new(zone);
            let mut wall = wall_seconds(local(1900, 1, 1, 0, 30));
            let end = wall_seconds(local(2100, 1, 1, 0, 0));
            while wall < end {
                assert_eq!(
                    cursor.resolve_wall(wall),
                    zone.resolve_wall(wall),
                    "{name} {wall}"
                );
                wall += 3 * DAY + 3_600 + 7 * 60;
            }
        }
    }
}
