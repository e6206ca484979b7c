//! Instants, durations and local dates/times at the JSON boundary.
//!
//! Inside the engine an instant is `i64` seconds since the Unix epoch (UTC) and a
//! duration is `i64` exact seconds. Text forms: RFC 3339 instants (any offset in,
//! always `Z` out), ISO 8601 durations (`PT30M`, `P1D` = 24 hours), local dates
//! `YYYY-MM-DD` and local times `HH:MM[:SS]`.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::error::{Error, Result};

/// Seconds since 1970-01-01T00:00:00Z.
pub type Instant = i64;

/// The earliest instant the engine accepts: 0001-01-01T00:00:00Z.
pub const MIN_INSTANT: Instant = -62_135_596_800;
/// The first instant after the latest one the engine accepts: 10000-01-01T00:00:00Z.
pub const MAX_INSTANT: Instant = 253_402_300_800;

/// Parse an RFC 3339 instant with any offset (`2026-03-02T09:00:00-03:00`).
pub fn parse_instant(text: &str) -> Result<Instant> {
    let t = parse_window_edge(text)?;
    if !(MIN_INSTANT..MAX_INSTANT).contains(&t) {
        return Err(Error::invalid_input(format!(
            "`{text}` is outside the years 0001 to 9999"
        )));
    }
    Ok(t)
}

/// Parse an RFC 3339 instant with any offset, without checking that it lies in the
/// years 0001 to 9999: for the edges of a window, which the window's own check
/// refuses as `invalid_window` (`9999-12-31T23:00:00-05:00` is in the year 10000 UTC).
pub fn parse_window_edge(text: &str) -> Result<Instant> {
    let parsed = DateTime::parse_from_rfc3339(text.trim())
        .map_err(|e| Error::invalid_input(format!("`{text}` is not an RFC 3339 instant ({e})")))?;
    Ok(parsed.timestamp())
}

/// Check that an instant lies in the years 0001 to 9999 (`invalid_input` otherwise).
pub fn check_instant(t: Instant) -> Result<Instant> {
    if (MIN_INSTANT..MAX_INSTANT).contains(&t) {
        Ok(t)
    } else {
        Err(Error::invalid_input(format!(
            "{t} is outside the years 0001 to 9999"
        )))
    }
}

/// Format an instant as RFC 3339 UTC with a `Z` (`2026-03-02T12:00:00Z`).
pub fn format_instant(t: Instant) -> String {
    match DateTime::from_timestamp(t, 0) {
        Some(dt) => {
            let mut out = String::with_capacity(20);
            push_date_time(&mut out, dt.naive_utc(), true);
            out.push('Z');
            out
        }
        None => format!("@{t}"),
    }
}

// Fixed-format writers: what chrono's `%Y`, `%m`, `%d`, `%H`, `%M`, `%S` write, without
// its format-string machinery (which would double the text code of the WebAssembly
// module).

/// The year as `%Y` writes it: four digits for 0000-9999, else with its sign.
fn push_year(out: &mut String, year: i32) {
    if (0..=9999).contains(&year) {
        let _ = write!(out, "{year:04}");
    } else {
        let _ = write!(out, "{year:+05}");
    }
}

/// A local date as `YYYY-MM-DD` (`dashes`) or `YYYYMMDD`.
pub fn push_date(out: &mut String, d: NaiveDate, dashes: bool) {
    push_year(out, d.year());
    let sep = if dashes { "-" } else { "" };
    let _ = write!(out, "{sep}{:02}{sep}{:02}", d.month(), d.day());
}

/// A local time as `HH:MM:SS` (`colons`) or `HHMMSS`; a leap second reads `60`.
pub fn push_time(out: &mut String, t: NaiveTime, colons: bool) {
    let sep = if colons { ":" } else { "" };
    let _ = write!(
        out,
        "{:02}{sep}{:02}{sep}{:02}",
        t.hour(),
        t.minute(),
        leap_second(t)
    );
}

/// A local date-time as `YYYY-MM-DDTHH:MM:SS` (`separators`) or `YYYYMMDDTHHMMSS`.
pub fn push_date_time(out: &mut String, dt: NaiveDateTime, separators: bool) {
    push_date(out, dt.date(), separators);
    out.push('T');
    push_time(out, dt.time(), separators);
}

/// A local date as `YYYY-MM-DD`.
pub fn format_date(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_date(&mut out, d, true);
    out
}

fn leap_second(t: NaiveTime) -> u32 {
    t.second() + u32::from(t.nanosecond() >= 1_000_000_000)
}

/// Wall-clock seconds of a naive local date-time, counted like Unix time (no zone).
pub fn wall_seconds(local: NaiveDateTime) -> i64 {
    local.and_utc().timestamp()
}

/// The naive local date-time of wall-clock seconds.
pub fn from_wall_seconds(secs: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc())
}

/// Parse an ISO 8601 duration of exact time: `PnW`, `PnDTnHnMnS` (a day is 24 hours).
/// Years and months are rejected: they are calendar lengths, not durations.
pub fn parse_duration(text: &str) -> Result<i64> {
    let bad =
        |why: &str| Error::invalid_input(format!("`{text}` is not an ISO 8601 duration: {why}"));
    let s = text.trim();
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let body = s
        .strip_prefix('P')
        .ok_or_else(|| bad("it must start with P"))?;
    if body.is_empty() {
        return Err(bad("nothing follows P"));
    }
    let mut total: i64 = 0;
    let mut in_time = false;
    let mut number = String::new();
    let mut any_part = false;
    for c in body.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' if !in_time && number.is_empty() => in_time = true,
            _ => {
                if number.is_empty() {
                    return Err(bad("a unit has no number"));
                }
                let n: i64 = number.parse().map_err(|_| bad("a number is too large"))?;
                number.clear();
                let unit = match (in_time, c) {
                    (false, 'W') => 7 * 86_400,
                    (false, 'D') => 86_400,
                    (true, 'H') => 3_600,
                    (true, 'M') => 60,
                    (true, 'S') => 1,
                    (false, 'Y') | (false, 'M') => {
                        return Err(bad("years and months are calendar lengths; use days"))
                    }
                    _ => return Err(bad(&format!("unexpected `{c}`"))),
                };
                total = n
                    .checked_mul(unit)
                    .and_then(|v| total.checked_add(v))
                    .ok_or_else(|| bad("it is too long"))?;
                any_part = true;
            }
        }
    }
    if !number.is_empty() {
        return Err(bad("a number has no unit"));
    }
    if !any_part {
        return Err(bad("it has no parts"));
    }
    Ok(if negative { -total } else { total })
}

/// Format exact seconds as an ISO 8601 duration (`PT30M`, `PT1H30M`, `P1DT2H`, `PT0S`).
pub fn format_duration(seconds: i64) -> String {
    let mut out = String::new();
    if seconds < 0 {
        out.push('-');
    }
    let mut s = seconds.unsigned_abs();
    out.push('P');
    let days = s / 86_400;
    s %= 86_400;
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    if s > 0 || days == 0 {
        out.push('T');
        let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
        if h > 0 {
            out.push_str(&format!("{h}H"));
        }
        if m > 0 {
            out.push_str(&format!("{m}M"));
        }
        if sec > 0 || (h == 0 && m == 0) {
            out.push_str(&format!("{sec}S"));
        }
    }
    out
}

/// Parse a local date `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    read_date(text.trim())
        .ok_or_else(|| Error::invalid_input(format!("`{text}` is not a date YYYY-MM-DD")))
}

/// Parse a local time `HH:MM` or `HH:MM:SS`.
pub fn parse_time(text: &str) -> Result<NaiveTime> {
    read_time(text.trim())
        .ok_or_else(|| Error::invalid_input(format!("`{text}` is not a local time HH:MM[:SS]")))
}

// Fixed-format readers accepting exactly what chrono's `parse_from_str` accepts for
// `%Y-%m-%d`, `%H:%M:%S` and `%H:%M` (whitespace before a number, 1 to 2 digits per
// field, a year of 1 to 4 digits or signed with any number), without its
// format-string machinery. A test compares them with chrono on generated text.

/// 1 to `max` ASCII digits at the start of `s`, and what follows them.
fn digits(s: &str, max: usize) -> Option<(i64, &str)> {
    let n = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

fn read_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim_start();
    let (year, s) = if let Some(rest) = s.strip_prefix('-') {
        let (y, rest) = digits(rest, usize::MAX)?;
        (-y, rest)
    } else if let Some(rest) = s.strip_prefix('+') {
        digits(rest, usize::MAX)?
    } else {
        digits(s, 4)?
    };
    let (month, s) = digits(s.strip_prefix('-')?.trim_start(), 2)?;
    let (day, s) = digits(s.strip_prefix('-')?.trim_start(), 2)?;
    if !s.is_empty() {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

fn read_time(s: &str) -> Option<NaiveTime> {
    let (hour, s) = digits(s.trim_start(), 2)?;
    let (minute, s) = digits(s.strip_prefix(':')?.trim_start(), 2)?;
    let (second, s) = match s.strip_prefix(':') {
        Some(rest) => digits(rest.trim_start(), 2)?,
        None => (0, s),
    };
    if !s.is_empty() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let (second, nano) = if second == 60 {
        (59, 1_000_000_000)
    } else {
        (second, 0)
    };
    NaiveTime::from_hms_nano_opt(hour as u32, minute as u32, second as u32, nano)
}

/// Format a local time as `HH:MM`, or `HH:MM:SS` when it has seconds.
pub fn format_time(t: NaiveTime) -> String {
    if t.second() == 0 {
        format!("{:02}:{:02}", t.hour(), t.minute())
    } else {
        let mut out = String::with_capacity(8);
        push_time(&mut out, t, true);
        out
    }
}

/// Serde adapters for the JSON forms.
pub mod serde_forms {
    use serde::{Deserialize, Deserializer, Serializer};

    /// An [`Instant`](super::Instant) as an RFC 3339 string.
    pub mod instant {
        use super::*;
        pub fn serialize<S: Serializer>(t: &i64, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&super::super::format_instant(*t))
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
            let text = String::deserialize(d)?;
            super::super::parse_instant(&text).map_err(serde::de::Error::custom)
        }
    }

    /// A window's edge as an RFC 3339 string, range-checked by the window's own
    /// check (`invalid_window`) rather than here.
    pub mod window_edge {
        pub use super::instant::serialize;
        use super::*;
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
            let text = String::deserialize(d)?;
            super::super::parse_window_edge(&text).map_err(serde::de::Error::custom)
        }
    }

    /// An optional [`Instant`](super::Instant) as an RFC 3339 string.
    pub mod opt_instant {
        use super::*;
        pub fn serialize<S: Serializer>(t: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => s.serialize_str(&super::super::format_instant(*t)),
                None => s.serialize_none(),
            }
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
            let text = Option::<String>::deserialize(d)?;
            text.map(|t| super::super::parse_instant(&t).map_err(serde::de::Error::custom))
                .transpose()
        }
    }

    /// A duration in seconds as an ISO 8601 string.
    pub mod duration {
        use super::*;
        pub fn serialize<S: Serializer>(secs: &i64, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&super::super::format_duration(*secs))
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
            let text = String::deserialize(d)?;
            super::super::parse_duration(&text).map_err(serde::de::Error::custom)
        }
    }

    /// An optional duration in seconds as an ISO 8601 string.
    pub mod opt_duration {
        use super::*;
        pub fn serialize<S: Serializer>(secs: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
            match secs {
                Some(v) => s.serialize_str(&super::super::format_duration(*v)),
                None => s.serialize_none(),
            }
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
            let text = Option::<String>::deserialize(d)?;
            text.map(|t| super::super::parse_duration(&t).map_err(serde::de::Error::custom))
                .transpose()
        }
    }
}

/// JSON Schemas of the text forms, for fields whose Rust type is a number of
/// seconds (feature `schema`).
#[cfg(feature = "schema")]
pub mod schema {
    use std::borrow::Cow;

    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

    /// An RFC 3339 instant.
    pub struct Instant;
    /// An ISO 8601 duration of exact time.
    pub struct Duration;
    /// A local date `YYYY-MM-DD`.
    pub struct LocalDate;
    /// A local time `HH:MM[:SS]`.
    pub struct LocalTime;

    impl JsonSchema for Instant {
        fn schema_name() -> Cow<'static, str> {
            "Instant".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "format": "date-time",
                "description": "An RFC 3339 instant with any offset, in the years 0001 to 9999 UTC (2026-03-02T09:00:00-03:00, 2026-03-02T12:00:00Z)."
            })
        }
    }

    impl JsonSchema for Duration {
        fn schema_name() -> Cow<'static, str> {
            "Duration".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "pattern": "^P(?:\\d+W)?(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+S)?)?$",
                "description": "An ISO 8601 duration of exact time: weeks, days (24 hours), hours, minutes, seconds (PT30M, PT8H, P1D); no years or months."
            })
        }
    }

    impl JsonSchema for LocalDate {
        fn schema_name() -> Cow<'static, str> {
            "LocalDate".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
                "description": "A local calendar date YYYY-MM-DD, in the schedule's time zone."
            })
        }
    }

    impl JsonSchema for LocalTime {
        fn schema_name() -> Cow<'static, str> {
            "LocalTime".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "pattern": "^\\d{2}:\\d{2}(?::\\d{2})?$",
                "description": "A local wall-clock time HH:MM or HH:MM:SS, in the schedule's time zone."
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator of text from an alphabet (xorshift).
    fn texts(alphabet: &[u8], count: usize, max_len: usize) -> Vec<String> {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..count)
            .map(|_| {
                let len = (next() % (max_len as u64 + 1)) as usize;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn dates_read_as_chrono_reads_them() {
        let mut cases = texts(b"0123456789-+ ", 200_000, 14);
        // Near-valid shapes, where the differences would hide.
        let shaped = texts(b"0123456789", 50_000, 8);
        for (i, d) in shaped.iter().enumerate() {
            let (y, rest) = d.split_at(d.len().min(1 + i % 5));
            let (m, day) = rest.split_at(rest.len().min(1 + i % 2));
            cases.push(format!("{y}-{m}-{day}"));
            cases.push(format!(" {y}- {m}-{day}"));
            cases.push(format!("+{y}-{m}-{day}"));
            cases.push(format!("-{y}-{m}-{day}"));
        }
        cases.extend(
            [
                "2024-02-29",
                "2023-02-29",
                "0000-01-01",
                "9999-12-31",
                "+10000-01-01",
                "2026-3-2",
            ]
            .map(String::from),
        );
        for c in &cases {
            assert_eq!(
                read_date(c),
                NaiveDate::parse_from_str(c, "%Y-%m-%d").ok(),
                "{c:?}"
            );
        }
    }

    #[test]
    fn times_read_as_chrono_reads_them() {
        let mut cases = texts(b"0123456789: ", 200_000, 10);
        let shaped = texts(b"0123456789", 50_000, 6);
        for (i, d) in shaped.iter().enumerate() {
            let (h, rest) = d.split_at(d.len().min(1 + i % 2));
            let (m, sec) = rest.split_at(rest.len().min(1 + i % 3 % 2));
            cases.push(format!("{h}:{m}"));
            cases.push(format!("{h}:{m}:{sec}"));
            cases.push(format!(" {h}: {m}: {sec}"));
        }
        cases.extend(["23:59:60", "24:00", "9:5", "12:30:", "12:30 "].map(String::from));
        for c in &cases {
            let chrono = NaiveTime::parse_from_str(c, "%H:%M:%S")
                .or_else(|_| NaiveTime::parse_from_str(c, "%H:%M"))
                .ok();
            assert_eq!(read_time(c), chrono, "{c:?}");
        }
    }

    #[test]
    fn dates_and_times_written_as_chrono_writes_them() {
        let mut day = NaiveDate::from_ymd_opt(-20, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(10_020, 12, 31).unwrap();
        let mut i = 0u32;
        while day <= last {
            let t = NaiveTime::from_hms_opt(i % 24, i * 7 % 60, i * 13 % 60).unwrap();
            let dt = day.and_time(t);
            let mut compact = String::new();
            push_date_time(&mut compact, dt, false);
            assert_eq!(compact, dt.format("%Y%m%dT%H%M%S").to_string());
            let mut short = String::new();
            push_date(&mut short, day, false);
            assert_eq!(short, day.format("%Y%m%d").to_string());
            assert_eq!(format_date(day), day.format("%Y-%m-%d").to_string());
            assert_eq!(
                format_time(t),
                if t.second() == 0 {
                    t.format("%H:%M")
                } else {
                    t.format("%H:%M:%S")
                }
                .to_string()
            );
            day = day + chrono::Days::new(5);
            i += 1;
        }
        let leap = NaiveTime::from_hms_nano_opt(23, 59, 59, 1_000_000_000).unwrap();
        assert_eq!(format_time(leap), leap.format("%H:%M:%S").to_string());
        for t in [MIN_INSTANT, 0, 1_772_452_800, MAX_INSTANT - 1] {
            let chrono = DateTime::from_timestamp(t, 0)
                .unwrap()
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
            assert_eq!(format_instant(t), chrono);
        }
    }

    #[test]
    fn instants_round_trip_to_utc() {
        let t = parse_instant("2026-03-02T09:00:00-03:00").unwrap();
        assert_eq!(format_instant(t), "2026-03-02T12:00:00Z");
        assert!(parse_instant("2026-03-02 12:00").is_err());
        assert_eq!(
            format_instant(parse_instant("9999-12-31T23:59:59Z").unwrap()),
            "9999-12-31T23:59:59Z"
        );
    }

    #[test]
    fn durations_are_exact_seconds() {
        assert_eq!(parse_duration("PT30M").unwrap(), 1800);
        assert_eq!(parse_duration("P1D").unwrap(), 86_400);
        assert_eq!(parse_duration("P1DT2H3M4S").unwrap(), 93_784);
        assert_eq!(parse_duration("P2W").unwrap(), 14 * 86_400);
        assert_eq!(parse_duration("PT0M").unwrap(), 0);
        for bad in ["", "P", "PT", "30M", "P1M", "P1Y", "PT5", "PTM", "P1H"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        for secs in [0, 1, 59, 1800, 5400, 86_400, 93_784] {
            assert_eq!(parse_duration(&format_duration(secs)).unwrap(), secs);
        }
        assert_eq!(format_duration(1800), "PT30M");
        assert_eq!(format_duration(0), "PT0S");
    }

    #[test]
    fn local_dates_and_times() {
        assert_eq!(
            parse_time("09:30").unwrap(),
            NaiveTime::from_hms_opt(9, 30, 0).unwrap()
        );
        assert_eq!(
            parse_time("23:59:59").unwrap(),
            NaiveTime::from_hms_opt(23, 59, 59).unwrap()
        );
        assert!(parse_time("24:00").is_err());
        assert!(parse_date("2026-02-30").is_err());
        assert_eq!(format_time(parse_time("07:05").unwrap()), "07:05");
    }
}
