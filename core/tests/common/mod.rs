//! Helpers shared by the recurrence test suites.
//!
//! Expected instants are written as local wall-clock times and converted here with
//! chrono-tz directly, independently of the engine's own zone code, applying the
//! documented DST rules (docs/semantics.md): a time in a gap is read with the offset in force before the
//! gap (so it moves forward by the gap), an ambiguous time takes its first instant.
#![allow(dead_code)]

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

/// Parse `YYYY-MM-DDTHH:MM[:SS]` (or `YYYYMMDDTHHMMSS`) as a naive date-time.
pub fn naive(text: &str) -> NaiveDateTime {
    for fmt in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y%m%dT%H%M%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, fmt) {
            return t;
        }
    }
    panic!("bad local date-time in a test: {text}")
}

fn tz(zone: &str) -> Tz {
    zone.parse()
        .unwrap_or_else(|_| panic!("unknown zone in a test: {zone}"))
}

/// The UTC offset (seconds) of `zone` at the instant `t`.
pub fn offset_at(zone: &str, t: i64) -> i64 {
    let z = tz(zone);
    let utc = DateTime::from_timestamp(t, 0).expect("instant in range");
    i64::from(
        z.offset_from_utc_datetime(&utc.naive_utc())
            .fix()
            .local_minus_utc(),
    )
}

/// The instant of a naive local time in `zone`, with the documented DST rules.
pub fn resolve(zone: &str, local: NaiveDateTime) -> i64 {
    let z = tz(zone);
    match z.from_local_datetime(&local) {
        LocalResult::Single(dt) => dt.timestamp(),
        LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
        LocalResult::None => {
            // In a gap [T + before, T + after) the transition instant T is later
            // than wall - after >= wall - 14h, so wall - 15h is before it and
            // carries the offset in force before the gap.
            let wall = local.and_utc().timestamp();
            wall - offset_at(zone, wall - 15 * 3600)
        }
    }
}

/// The instant of a local time text in `zone`.
pub fn local(zone: &str, text: &str) -> i64 {
    resolve(zone, naive(text))
}

/// The instant of a local New York time.
pub fn ny(text: &str) -> i64 {
    local("America/New_York", text)
}

/// The instants of one local time of day on each of `dates` (`YYYY-MM-DD`) in `zone`.
pub fn at_time(zone: &str, time: &str, dates: &[&str]) -> Vec<i64> {
    dates
        .iter()
        .map(|d| local(zone, &format!("{d}T{time}")))
        .collect()
}

/// New York instants at `time` on each of `dates`.
pub fn ny_days(time: &str, dates: &[&str]) -> Vec<i64> {
    at_time("America/New_York", time, dates)
}

/// Every `step`-th date from `first` through `last` (inclusive), as `YYYY-MM-DD`.
pub fn date_range(first: &str, last: &str, step: i64) -> Vec<String> {
    let mut d = NaiveDate::parse_from_str(first, "%Y-%m-%d").expect("date");
    let end = NaiveDate::parse_from_str(last, "%Y-%m-%d").expect("date");
    let mut out = Vec::new();
    while d <= end {
        out.push(d.format("%Y-%m-%d").to_string());
        d += Duration::days(step);
    }
    out
}

/// New York instants at `time` on every `step`-th date from `first` through `last`.
pub fn ny_range(first: &str, last: &str, step: i64, time: &str) -> Vec<i64> {
    date_range(first, last, step)
        .iter()
        .map(|d| ny(&format!("{d}T{time}")))
        .collect()
}

/// An RFC 3339 instant (`2026-03-02T12:00:00Z`, any offset) as epoch seconds.
pub fn utc(text: &str) -> i64 {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("bad instant in a test: {text}: {e}"))
        .timestamp()
}

/// Epoch seconds as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn fmt(t: i64) -> String {
    match DateTime::from_timestamp(t, 0) {
        Some(d) => d.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        None => format!("@{t}"),
    }
}

/// Epoch seconds as UTC and as local time in `zone`, for messages.
pub fn fmt_in(zone: &str, t: i64) -> String {
    let z = tz(zone);
    match DateTime::from_timestamp(t, 0) {
        Some(d) => format!(
            "{} ({})",
            d.format("%Y-%m-%dT%H:%M:%SZ"),
            d.with_timezone(&z).format("%Y-%m-%d %H:%M:%S %:z")
        ),
        None => format!("@{t}"),
    }
}

/// Assert two instant lists are equal; on failure show both lists readably (UTC and
/// local in `zone`) and the first position where they differ.
#[track_caller]
pub fn assert_instants_in(zone: &str, what: &str, actual: &[i64], expected: &[i64]) {
    if actual == expected {
        return;
    }
    let first_diff = actual
        .iter()
        .zip(expected)
        .position(|(a, e)| a != e)
        .unwrap_or(actual.len().min(expected.len()));
    let show = |list: &[i64]| -> String {
        let mut s = String::new();
        for (i, t) in list.iter().enumerate() {
            let mark = if i == first_diff { " <==" } else { "" };
            s.push_str(&format!("    [{i}] {}{mark}\n", fmt_in(zone, *t)));
        }
        s
    };
    panic!(
        "{what}: instants differ (first difference at index {first_diff}; {} actual, {} expected)\n  actual:\n{}  expected:\n{}",
        actual.len(),
        expected.len(),
        show(actual),
        show(expected)
    );
}

/// [`assert_instants_in`] with New York local times in the message.
#[track_caller]
pub fn assert_instants(what: &str, actual: &[i64], expected: &[i64]) {
    assert_instants_in("America/New_York", what, actual, expected)
}

/// Expand `ical` (floating = UTC) over `[from, to)` with default limits, panicking
/// with the error's code and message when it fails.
#[track_caller]
pub fn expand_ok(ical: &str, from: i64, to: i64, limit: Option<usize>) -> Vec<i64> {
    match slotwise::expand(ical, from, to, limit) {
        Ok(v) => v,
        Err(e) => panic!(
            "expand failed: {} ({}) for\n{ical}\nover [{}, {})",
            e.code().as_str(),
            e,
            fmt(from),
            fmt(to)
        ),
    }
}

/// Parse `ical` (floating = UTC), panicking with the error when it fails.
#[track_caller]
pub fn parse_ok(ical: &str) -> slotwise::RecurrenceSet {
    match slotwise::RecurrenceSet::parse(ical) {
        Ok(s) => s,
        Err(e) => panic!("parse failed: {} ({e}) for\n{ical}", e.code().as_str()),
    }
}

/// Parse `ical` with floating times in `zone`, panicking with the error when it fails.
#[track_caller]
pub fn parse_in_ok(ical: &str, zone: &str) -> slotwise::RecurrenceSet {
    let z = slotwise::Zone::parse(zone).expect("zone");
    match slotwise::RecurrenceSet::parse_in(ical, z) {
        Ok(s) => s,
        Err(e) => panic!("parse_in failed: {} ({e}) for\n{ical}", e.code().as_str()),
    }
}

/// `between` with default limits, panicking with the error when it fails.
#[track_caller]
pub fn between_ok(
    set: &slotwise::RecurrenceSet,
    from: i64,
    to: i64,
    limit: Option<usize>,
) -> Vec<i64> {
    match set.between(from, to, limit, &slotwise::Limits::default()) {
        Ok(v) => v,
        Err(e) => panic!(
            "between failed: {} ({e}) over [{}, {})",
            e.code().as_str(),
            fmt(from),
            fmt(to)
        ),
    }
}

/// Run `f` on a thread and fail if it does not answer within `secs` seconds (the
/// engine must never hang: a test that would otherwise wait forever fails instead).
#[track_caller]
pub fn within<T: Send + 'static>(
    secs: u64,
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(secs)) {
        Ok(v) => v,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: no answer within {secs} s")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: the call panicked"),
    }
}

/// Parse a list of RFC 3339 instants.
pub fn utcs(texts: &[&str]) -> Vec<i64> {
    texts.iter().map(|t| utc(t)).collect()
}

/// One cross-binding expansion vector (tests/vectors/expand/*.json).
#[derive(Debug, Clone)]
pub struct Vector {
    pub file: String,
    pub index: usize,
    pub description: String,
    pub ical: String,
    pub from: String,
    pub to: String,
    pub limit: Option<usize>,
    /// Expected UTC instants, or the expected error code.
    pub expected: Result<Vec<String>, String>,
}

/// The folder of the expansion vectors (repository root tests/vectors/expand).
pub fn vectors_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("vectors")
        .join("expand")
}

/// Load one expansion vector file: a JSON array of cases `{"kind": "expand",
/// "description", "input": {"ical", "from", "to", "limit"?}, "expected": [...]}` or
/// `{..., "error": {"code"}}` (tests/vectors/README.md).
pub fn load_vectors(path: &std::path::Path) -> Vec<Vector> {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: not JSON: {e}"));
    let serde_json::Value::Array(items) = json else {
        panic!("{file}: expected an array of cases")
    };
    items
        .into_iter()
        .enumerate()
        .map(|(index, v)| {
            assert_eq!(v["kind"], "expand", "{file}[{index}]: kind");
            let input = &v["input"];
            let s = |k: &str| -> String {
                input
                    .get(k)
                    .and_then(|x| x.as_str())
                    .unwrap_or_else(|| {
                        panic!("{file}[{index}]: `input.{k}` missing or not a string")
                    })
                    .to_owned()
            };
            let expected = match (v.get("expected"), v.get("error")) {
                (Some(list), None) => Ok(list
                    .as_array()
                    .unwrap_or_else(|| panic!("{file}[{index}]: `expected` is not an array"))
                    .iter()
                    .map(|x| x.as_str().expect("instant string").to_owned())
                    .collect()),
                (None, Some(err)) => Err(err
                    .get("code")
                    .and_then(|c| c.as_str())
                    .unwrap_or_else(|| panic!("{file}[{index}]: error.code missing"))
                    .to_owned()),
                _ => panic!("{file}[{index}]: exactly one of `expected` and `error`"),
            };
            Vector {
                file: file.clone(),
                index,
                description: v
                    .get("description")
                    .and_then(|x| x.as_str())
                    .unwrap_or("")
                    .to_owned(),
                ical: s("ical"),
                from: s("from"),
                to: s("to"),
                limit: input
                    .get("limit")
                    .and_then(|x| x.as_u64())
                    .map(|n| usize::try_from(n).expect("limit")),
                expected,
            }
        })
        .collect()
}

/// Run one vector through `slotwise::expand`; `Err` holds a readable report.
pub fn run_vector(v: &Vector) -> Result<(), String> {
    let from = utc(&v.from);
    let to = utc(&v.to);
    let got = slotwise::expand(&v.ical, from, to, v.limit);
    let head = format!(
        "{}[{}] {}\n  ical: {:?}\n  window: [{}, {}){}",
        v.file,
        v.index,
        v.description,
        v.ical,
        v.from,
        v.to,
        v.limit.map(|l| format!(" limit {l}")).unwrap_or_default()
    );
    match (&v.expected, got) {
        (Ok(expected), Ok(actual)) => {
            let actual: Vec<String> = actual.into_iter().map(fmt).collect();
            if &actual == expected {
                return Ok(());
            }
            let first = actual
                .iter()
                .zip(expected)
                .position(|(a, e)| a != e)
                .unwrap_or(actual.len().min(expected.len()));
            let missing: Vec<&String> = expected.iter().filter(|e| !actual.contains(e)).collect();
            let extra: Vec<&String> = actual.iter().filter(|a| !expected.contains(a)).collect();
            let show = |xs: &[String]| -> String {
                let lo = first.saturating_sub(2);
                let hi = (first + 4).min(xs.len());
                xs.get(lo..hi).map(|s| s.join(", ")).unwrap_or_default()
            };
            Err(format!(
                "{head}\n  {} instants, {} expected; first difference at index {first}\n  \
                 actual   [{}..]: {}\n  expected [{}..]: {}\n  missing: {:?}\n  extra: {:?}",
                actual.len(),
                expected.len(),
                first.saturating_sub(2),
                show(&actual),
                first.saturating_sub(2),
                show(expected),
                missing.iter().take(10).collect::<Vec<_>>(),
                extra.iter().take(10).collect::<Vec<_>>(),
            ))
        }
        (Ok(_), Err(e)) => Err(format!(
            "{head}\n  expected instants, got error {} ({e})",
            e.code().as_str()
        )),
        (Err(code), Ok(actual)) => Err(format!(
            "{head}\n  expected error {code}, got {} instants {:?}",
            actual.len(),
            actual.iter().take(5).map(|t| fmt(*t)).collect::<Vec<_>>()
        )),
        (Err(code), Err(e)) => {
            if e.code().as_str() == code {
                Ok(())
            } else {
                Err(format!(
                    "{head}\n  expected error {code}, got {} ({e})",
                    e.code().as_str()
                ))
            }
        }
    }
}
