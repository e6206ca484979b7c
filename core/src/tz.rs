//! Time zones: local wall-clock time to instants and back, with the contract's DST
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

    /// The first instant at or after `t` where the offset differs from the one at `t`,
    /// searched up to `t + horizon` (offsets probed a day apart, then bisected).
    fn next_transition(&self, t: Instant, horizon: i64) -> Option<Instant> {
        let offset = self.offset_at(t);
        let mut lo = t;
        while lo < t + horizon {
            let hi = (lo + DAY).min(t + horizon);
            if self.offset_at(hi) != offset {
                return Some(self.bisect(lo, hi, offset));
            }
            lo = hi;
        }
        None
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

impl std::fmt::Display for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Converts local wall-clock seconds to instants, fast for runs that move forward.
///
/// It keeps a span of instants `[safe_lo, hi)` where the offset is constant and no
/// local time is ambiguous with an earlier instant; a local time whose instant falls
/// in it costs one subtraction. Anything else goes through [`Zone::resolve_wall`].
/// The span is built only when conversions come close together (a dense run), so
/// a sparse rule does not pay for probing it never uses.
#[derive(Debug, Clone)]
pub struct ZoneCursor {
    zone: Zone,
    utc: bool,
    offset: i64,
    safe_lo: Instant,
    hi: Instant,
    last_slow_wall: Option<i64>,
}

/// How far ahead a span is probed for the next transition.
const SPAN_HORIZON: i64 = 8 * DAY;
/// Conversions closer together than this (in wall time) count as a dense run.
const DENSE_RUN: i64 = 4 * DAY;

impl ZoneCursor {
    /// A cursor with an empty span.
    pub fn new(zone: Zone) -> Self {
        ZoneCursor {
            zone,
            utc: zone.is_utc(),
            offset: 0,
            safe_lo: 0,
            hi: 0,
            last_slow_wall: None,
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

    fn resolve_slow(&mut self, wall: i64) -> Instant {
        let u = self.zone.resolve_wall(wall);
        let dense = self
            .last_slow_wall
            .is_some_and(|last| (wall - last).abs() < DENSE_RUN);
        self.last_slow_wall = Some(wall);
        if dense {
            self.build_span(u);
        }
        u
    }

    /// Build the span of constant offset that holds `u`.
    fn build_span(&mut self, u: Instant) {
        let zone = self.zone;
        let offset = zone.offset_at(u);
        // Start: the transition within a day before `u`, if any. An ambiguous local
        // time right after a fall-back belongs to the earlier instant, so the span
        // starts trusting itself only after the overlap.
        let day_before = u - DAY;
        let safe_lo = if zone.offset_at(day_before) == offset {
            u
        } else {
            let before = zone.offset_at(day_before);
            let transition = zone.bisect(day_before, u, before);
            // `transition` may still belong to another short span: the offset at it
            // is the one of the span only if nothing else changed in between.
            let previous = zone.offset_at(transition - 1);
            transition + (previous - offset).max(0)
        };
        let hi = zone
            .next_transition(u, SPAN_HORIZON)
            .unwrap_or(u + SPAN_HORIZON);
        self.offset = offset;
        self.safe_lo = safe_lo;
        self.hi = hi;
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
        }
    }
}
