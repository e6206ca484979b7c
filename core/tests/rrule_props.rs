//! Property tests of the recurrence engine (proptest), over random valid rules in
//! several zones:
//! - `between(a, b)` equals the expansion over a wide window filtered to `[a, b)`;
//! - the output is sorted, unique and inside the window;
//! - splitting a window in two gives the same instants;
//! - `limit` gives a prefix;
//! - parse -> to_ical -> parse gives the same expansion and the same to_ical text;
//! - seeking four centuries ahead gives what a near DTSTART gives;
//! - no input panics or hangs (random tokens, and valid rules one edit away);
//! - an extreme part added to a valid rule gives the documented error code or none.
//!
//! The generators' seeds are fixed so that a run is reproducible (CI never flakes);
//! `SLOTWISE_PROPTEST_SEED` and `SLOTWISE_PROPTEST_CASES` explore further
//! (prop_config/mod.rs).

mod common;
mod prop_config;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use common::*;
use proptest::prelude::*;
use slotwise::{Limits, RecurrenceSet, Zone};

const ZONES: [&str; 7] = [
    "UTC",
    "America/New_York",
    "Europe/Lisbon",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "Asia/Kolkata",
];
const FREQS: [&str; 7] = [
    "YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY",
];
const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// Raw random choices; [`Raw::spec`] turns them into a valid recurrence set (parts
/// that a FREQ does not allow are dropped), so shrinking stays meaningful.
#[derive(Debug, Clone)]
struct Raw {
    zone: usize,
    /// 0: `DTSTART:...Z` (UTC zone only, otherwise TZID), 1: TZID, 2: floating (read
    /// with `parse_in` in the zone).
    form: usize,
    start: (i32, u32, u32, u32),
    freq: usize,
    interval: Option<u32>,
    wkst: Option<usize>,
    bymonth: Vec<u32>,
    byweekno: Vec<i32>,
    byyearday: Vec<i32>,
    bymonthday: Vec<i32>,
    byday: Vec<(i32, usize)>,
    byhour: Vec<u32>,
    byminute: Vec<u32>,
    bysecond: Vec<u32>,
    bysetpos: Vec<i32>,
    /// 0: no end, 1: COUNT, 2: UNTIL.
    end: (usize, u32),
    second_rule: Option<(usize, u32)>,
    rdates: Vec<u32>,
    exdates: Vec<u32>,
}

/// A valid recurrence set: its text, the zone to read floating times in, and the
/// wide window that holds all the instances we look at.
#[derive(Debug, Clone)]
struct Spec {
    ical: String,
    zone: &'static str,
    wide: (i64, i64),
}

/// How far (seconds) after DTSTART the properties look.
fn freq_span(freq: &str) -> i64 {
    match freq {
        "YEARLY" => 366 * 30 * 86_400,
        "MONTHLY" => 366 * 10 * 86_400,
        "WEEKLY" => 366 * 4 * 86_400,
        "DAILY" => 366 * 2 * 86_400,
        "HOURLY" => 60 * 86_400,
        "MINUTELY" => 2 * 86_400,
        _ => 3 * 3600,
    }
}

fn join<T: ToString>(xs: &[T]) -> String {
    xs.iter().map(T::to_string).collect::<Vec<_>>().join(",")
}

fn dedup<T: PartialEq + Clone>(xs: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for x in xs {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

impl Raw {
    fn spec(&self) -> Spec {
        let zone = ZONES[self.zone % ZONES.len()];
        let freq = FREQS[self.freq % FREQS.len()];
        let (year, yday, hour, minute) = self.start;
        let date =
            NaiveDate::from_yo_opt(year, 1).expect("year") + Duration::days(i64::from(yday % 365));
        let dtstart: NaiveDateTime = date.and_hms_opt(hour % 24, minute % 60, 0).expect("time");
        let stamp = dtstart.format("%Y%m%dT%H%M%S").to_string();

        let mut parts: Vec<String> = vec![format!("FREQ={freq}")];
        if let Some(i) = self.interval {
            parts.push(format!("INTERVAL={i}"));
        }
        if let Some(w) = self.wkst {
            parts.push(format!("WKST={}", DAYS[w % 7]));
        }
        let weekno = freq == "YEARLY" && !self.byweekno.is_empty();
        if weekno {
            parts.push(format!("BYWEEKNO={}", join(&dedup(&self.byweekno))));
        }
        if !self.bymonth.is_empty() {
            parts.push(format!("BYMONTH={}", join(&dedup(&self.bymonth))));
        }
        if !self.byyearday.is_empty() && matches!(freq, "YEARLY" | "HOURLY" | "MINUTELY") {
            parts.push(format!("BYYEARDAY={}", join(&dedup(&self.byyearday))));
        }
        if !self.bymonthday.is_empty() && freq != "WEEKLY" {
            parts.push(format!("BYMONTHDAY={}", join(&dedup(&self.bymonthday))));
        }
        if !self.byday.is_empty() {
            let ordinals_ok = matches!(freq, "MONTHLY" | "YEARLY") && !weekno;
            let mut seen = Vec::new();
            for (n, d) in &self.byday {
                let day = DAYS[d % 7];
                let item = if ordinals_ok && *n != 0 {
                    let top = if freq == "MONTHLY" || !self.bymonth.is_empty() {
                        5
                    } else {
                        53
                    };
                    let n = n.signum() * (n.abs() - 1).rem_euclid(top) + n.signum();
                    format!("{n}{day}")
                } else {
                    day.to_owned()
                };
                if !seen.contains(&item) {
                    seen.push(item);
                }
            }
            parts.push(format!("BYDAY={}", seen.join(",")));
        }
        if !self.byhour.is_empty() && !matches!(freq, "HOURLY" | "MINUTELY") {
            parts.push(format!("BYHOUR={}", join(&dedup(&self.byhour))));
        }
        if !self.byminute.is_empty() && !matches!(freq, "MINUTELY" | "SECONDLY") {
            parts.push(format!("BYMINUTE={}", join(&dedup(&self.byminute))));
        }
        if !self.bysecond.is_empty() {
            parts.push(format!("BYSECOND={}", join(&dedup(&self.bysecond))));
        }
        if !self.bysetpos.is_empty() && parts.iter().any(|p| p.starts_with("BY")) {
            parts.push(format!("BYSETPOS={}", join(&dedup(&self.bysetpos))));
        }
        let span = freq_span(freq);
        // RDATEs within the span of a SECONDLY rule (5 s apart), else hours apart.
        let rdate_unit = if freq == "SECONDLY" { 5 } else { 3600 };
        match self.end {
            (1, n) => parts.push(format!("COUNT={}", n % 30 + 1)),
            (2, d) => {
                let until = resolve(zone, dtstart) + i64::from(d) * span / 20_000 + 60;
                let until = chrono::DateTime::from_timestamp(until, 0).expect("until");
                let text = until.format("%Y%m%dT%H%M%SZ").to_string();
                if self.form == 2 {
                    // A floating DTSTART wants a floating UNTIL (RFC 5545 3.3.10); it
                    // is read in the same zone.
                    let local = chrono::DateTime::from_timestamp(
                        until.timestamp() + offset_at(zone, until.timestamp()),
                        0,
                    )
                    .expect("until");
                    parts.push(format!("UNTIL={}", local.format("%Y%m%dT%H%M%S")));
                } else {
                    parts.push(format!("UNTIL={text}"));
                }
            }
            _ => {}
        }

        let dt_line = match (self.form, zone) {
            (0, "UTC") => format!("DTSTART:{stamp}Z"),
            (2, _) => format!("DTSTART:{stamp}"),
            _ => format!("DTSTART;TZID={zone}:{stamp}"),
        };
        let mut lines = vec![dt_line, format!("RRULE:{}", parts.join(";"))];
        if let Some((f, c)) = self.second_rule {
            let f2 = ["WEEKLY", "DAILY", "MONTHLY"][f % 3];
            lines.push(format!("RRULE:FREQ={f2};COUNT={}", c % 10 + 1));
        }
        let rdates: Vec<String> = self
            .rdates
            .iter()
            .map(|k| {
                let t = resolve(zone, dtstart) + i64::from(*k) * rdate_unit;
                chrono::DateTime::from_timestamp(t, 0)
                    .expect("rdate")
                    .format("%Y%m%dT%H%M%SZ")
                    .to_string()
            })
            .collect();
        if !rdates.is_empty() {
            lines.push(format!("RDATE:{}", rdates.join(",")));
        }
        let exdates: Vec<String> = self
            .exdates
            .iter()
            .map(|k| {
                (dtstart + Duration::days(i64::from(*k)))
                    .format("%Y%m%dT%H%M%S")
                    .to_string()
            })
            .collect();
        if !exdates.is_empty() {
            match (self.form, zone) {
                (2, _) => lines.push(format!("EXDATE:{}", exdates.join(","))),
                (0, "UTC") => lines.push(format!(
                    "EXDATE:{}",
                    exdates
                        .iter()
                        .map(|e| format!("{e}Z"))
                        .collect::<Vec<_>>()
                        .join(",")
                )),
                _ => lines.push(format!("EXDATE;TZID={zone}:{}", exdates.join(","))),
            }
        }
        let start = resolve(zone, dtstart);
        let rdate_max = self.rdates.iter().copied().max().unwrap_or(0);
        let wide = (
            start - 3 * 86_400,
            start + span + i64::from(rdate_max) * rdate_unit + 86_400,
        );
        Spec {
            ical: lines.join("\n"),
            zone,
            wide,
        }
    }
}

/// A vector of 1..=max items, or (`empty_pct` percent of the time) an empty one.
fn small_vec<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
    max: usize,
    empty_pct: u32,
) -> BoxedStrategy<Vec<T>> {
    prop_oneof![
        (100 - empty_pct) => prop::collection::vec(s, 1..=max),
        empty_pct => Just(Vec::new()),
    ]
    .boxed()
}

fn raw() -> impl Strategy<Value = Raw> {
    let head = (
        0..ZONES.len(),
        0usize..3,
        (
            2000i32..2040,
            0u32..365,
            prop_oneof![Just(0u32), Just(1), Just(2), Just(9), 0u32..24],
            prop_oneof![Just(0u32), Just(30), 0u32..60],
        ),
        0..FREQS.len(),
        prop::option::weighted(0.4, 2u32..6),
        prop::option::weighted(0.4, 0usize..7),
    );
    let by1 = (
        small_vec(1u32..=12, 3, 75),
        small_vec(prop_oneof![1i32..=53, Just(-1), Just(53), Just(1)], 3, 70),
        small_vec(prop_oneof![1i32..=366, -366i32..=-1], 3, 85),
        small_vec(prop_oneof![1i32..=31, -31i32..=-1], 3, 65),
    );
    let by2 = (
        small_vec(
            (
                prop_oneof![4 => Just(0i32), 2 => -5i32..=5, 2 => -53i32..=53],
                0usize..7,
            ),
            4,
            45,
        ),
        small_vec(
            prop_oneof![Just(0u32), Just(1), Just(2), Just(3), 0u32..24],
            3,
            70,
        ),
        small_vec(prop_oneof![Just(0u32), Just(30), 0u32..60], 3, 75),
        small_vec(prop_oneof![Just(0u32), Just(59), 0u32..60], 3, 70),
        small_vec(prop_oneof![1i32..=4, -4i32..=-1], 2, 80),
    );
    let tail = (
        (0usize..3, 0u32..10_000),
        prop::option::weighted(0.1, (0usize..3, 0u32..10)),
        small_vec(0u32..2000, 3, 85),
        small_vec(0u32..400, 3, 85),
    );
    (head, by1, by2, tail).prop_map(
        |(
            (zone, form, start, freq, interval, wkst),
            (bymonth, byweekno, byyearday, bymonthday),
            (byday, byhour, byminute, bysecond, bysetpos),
            (end, second_rule, rdates, exdates),
        )| {
            Raw {
                zone,
                form,
                start,
                freq,
                interval,
                wkst,
                bymonth,
                byweekno,
                byyearday,
                bymonthday,
                byday,
                byhour,
                byminute,
                bysecond,
                bysetpos,
                end,
                second_rule,
                rdates,
                exdates,
            }
        },
    )
}

fn parse_spec(spec: &Spec) -> RecurrenceSet {
    let zone = Zone::parse(spec.zone).expect("zone");
    RecurrenceSet::parse_in(&spec.ical, zone).unwrap_or_else(|e| {
        panic!(
            "a valid rule is rejected: {} ({e})\n{}",
            e.code().as_str(),
            spec.ical
        )
    })
}

/// `between` with default limits; an empty window (an `invalid_window` error in the
/// API) holds nothing.
fn expand(set: &RecurrenceSet, spec: &Spec, from: i64, to: i64, limit: Option<usize>) -> Vec<i64> {
    if from >= to {
        return Vec::new();
    }
    set.between(from, to, limit, &Limits::default())
        .unwrap_or_else(|e| {
            panic!(
                "between [{}, {}) failed: {} ({e})\n{}",
                fmt(from),
                fmt(to),
                e.code().as_str(),
                spec.ical
            )
        })
}

fn point(wide: (i64, i64), permille: u32) -> i64 {
    wide.0 + (wide.1 - wide.0) / 1000 * i64::from(permille)
}

proptest! {
    #![proptest_config(prop_config::config(512, 5545))]

    #[test]
    fn between_is_the_full_expansion_filtered(raw in raw(), a in 0u32..=1000, b in 0u32..=1000, c in 0u32..=1000) {
        let spec = raw.spec();
        let set = parse_spec(&spec);
        let full = expand(&set, &spec, spec.wide.0, spec.wide.1, None);
        prop_assert!(full.windows(2).all(|w| w[0] < w[1]), "not sorted/unique: {}\n{:?}", spec.ical, full.iter().map(|t| fmt(*t)).collect::<Vec<_>>());
        let (mut a, mut b) = (point(spec.wide, a), point(spec.wide, b));
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        let part = expand(&set, &spec, a, b, None);
        let filtered: Vec<i64> = full.iter().copied().filter(|t| (a..b).contains(t)).collect();
        if part != filtered {
            assert_instants_in(spec.zone, &format!("{}\nbetween [{}, {}) vs the full expansion filtered", spec.ical, fmt(a), fmt(b)), &part, &filtered);
        }
        // Splitting the window anywhere gives the same instants.
        let m = a + (b - a) / 1000 * i64::from(c);
        let mut joined = expand(&set, &spec, a, m, None);
        joined.extend(expand(&set, &spec, m, b, None));
        if joined != filtered {
            assert_instants_in(spec.zone, &format!("{}\n[{}, {}) split at {}", spec.ical, fmt(a), fmt(b), fmt(m)), &joined, &filtered);
        }
    }

    #[test]
    fn limit_gives_a_prefix(raw in raw(), a in 0u32..=1000, n in 0usize..40) {
        let spec = raw.spec();
        let set = parse_spec(&spec);
        let a = point(spec.wide, a);
        let all = expand(&set, &spec, a, spec.wide.1, None);
        let limited = expand(&set, &spec, a, spec.wide.1, Some(n));
        let prefix = &all[..n.min(all.len())];
        if limited != prefix {
            assert_instants_in(spec.zone, &format!("{}\nlimit {n} from {}", spec.ical, fmt(a)), &limited, prefix);
        }
    }

    #[test]
    fn to_ical_round_trips(raw in raw()) {
        let spec = raw.spec();
        let set = parse_spec(&spec);
        let zone = Zone::parse(spec.zone).expect("zone");
        let text = set.to_ical();
        let again = RecurrenceSet::parse_in(&text, zone).unwrap_or_else(|e| {
            panic!("to_ical output does not parse: {} ({e})\noriginal:\n{}\nto_ical:\n{text}", e.code().as_str(), spec.ical)
        });
        prop_assert_eq!(&again.to_ical(), &text, "to_ical is not stable for\n{}", spec.ical);
        let before = expand(&set, &spec, spec.wide.0, spec.wide.1, None);
        let after = expand(&again, &spec, spec.wide.0, spec.wide.1, None);
        if before != after {
            assert_instants_in(spec.zone, &format!("round trip changes the expansion\noriginal:\n{}\nto_ical:\n{text}", spec.ical), &after, &before);
        }
        // The serialized text also reads the same as UTC-default text when nothing
        // in it is floating.
        if !spec.ical.lines().any(|l| l.starts_with("DTSTART:") && !l.ends_with('Z')) {
            let utc_default = RecurrenceSet::parse(&text).expect("parse");
            prop_assert_eq!(expand(&utc_default, &spec, spec.wide.0, spec.wide.1, None), before);
        }
    }
}

/// The Gregorian calendar repeats every 400 years (146,097 days, a whole number of
/// weeks). A rule without COUNT/UNTIL whose DTSTART is moved back by a multiple of
/// 400 years that keeps its INTERVAL's periods aligned must give, in a window right
/// after the original DTSTART, the same instants: the engine has to seek centuries
/// ahead instead of walking. The pair stays in the zone drawn, DST zones included:
/// from 2040 on every zone repeats the same yearly rule, so local times resolve the
/// same way four centuries apart.
fn far_pair(raw: &Raw) -> (Spec, Spec, u32) {
    let mut far = raw.clone();
    far.end = (0, 0);
    far.second_rule = None;
    far.rdates.clear();
    far.exdates.clear();
    far.start.0 += 40;
    // Periods in 400 years, per FREQ (in FREQS order).
    const PER_400_YEARS: [u64; 7] = [
        400,
        4_800,
        20_871,
        146_097,
        146_097 * 24,
        146_097 * 1_440,
        146_097 * 86_400,
    ];
    let interval = u64::from(far.interval.unwrap_or(1));
    let periods = PER_400_YEARS[far.freq % FREQS.len()];
    let factor = (1..=interval)
        .find(|k| k * periods % interval == 0)
        .unwrap();
    let mut near = far.clone();
    near.start.0 += 400 * i32::try_from(factor).unwrap();
    (near.spec(), far.spec(), factor as u32)
}
proptest! {
    #![proptest_config(prop_config::config(256, 5546))]

    #[test]
    fn seeking_four_centuries_matches_a_near_dtstart(raw in raw(), a in 0u32..=1000) {
        let (near, far, factor) = far_pair(&raw);
        let near_set = parse_spec(&near);
        let far_set = parse_spec(&far);
        // The window starts after near's first instance (chrono-tz, which computes the
        // wide window, knows no DST rule after 2037, so its DTSTART instant may be off
        // by the DST shift).
        let dtstart = expand(&near_set, &near, near.wide.0, near.wide.1, Some(1))
            .first()
            .copied()
            .unwrap_or(near.wide.0 + 3 * 86_400);
        let from = dtstart + (near.wide.1 - dtstart) / 1000 * i64::from(a) / 2;
        let to = near.wide.1;
        let want = expand(&near_set, &near, from, to, None);
        let got = within(60, "far seek", {
            let far_set = far_set.clone();
            let far = far.clone();
            move || expand(&far_set, &far, from, to, None)
        });
        if got != want {
            assert_instants_in(near.zone, &format!("DTSTART moved back {} years:\n{}\nvs\n{}\nover [{}, {})", 400 * factor, far.ical, near.ical, fmt(from), fmt(to)), &got, &want);
        }
    }
}

/// Sanity check of the generator: the rules it builds are varied (many produce
/// instances, some within DST transitions).
#[test]
fn generator_builds_valid_varied_rules() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut nonempty = 0;
    let mut far_nonempty = 0;
    let mut interval_five = 0;
    let mut far_in_dst_zone = 0;
    let mut forms = std::collections::BTreeMap::new();
    for _ in 0..200 {
        let raw = raw().new_tree(&mut runner).expect("tree").current();
        let spec = raw.spec();
        let ok = RecurrenceSet::parse_in(&spec.ical, Zone::parse(spec.zone).expect("zone"));
        let set = ok.unwrap_or_else(|e| panic!("generated rule rejected: {e}\n{}", spec.ical));
        let rule = spec.ical.lines().nth(1).unwrap_or("");
        for form in ["SECONDLY", "BYSECOND"] {
            if rule.contains(form) {
                *forms.entry(form).or_insert(0) += 1;
            }
        }
        let far_ordinal = rule.split(';').any(|p| {
            p.strip_prefix("BYDAY=").is_some_and(|days| {
                days.split(',').any(|d| {
                    let n: String = d.chars().filter(|c| c.is_ascii_digit()).collect();
                    n.parse::<u32>().is_ok_and(|n| n > 5)
                })
            })
        });
        if far_ordinal {
            *forms.entry("BYDAY ordinal > 5").or_insert(0) += 1;
        }
        if !expand(&set, &spec, spec.wide.0, spec.wide.1, None).is_empty() {
            nonempty += 1;
        }
        let (near, _, factor) = far_pair(&raw);
        if !expand(&parse_spec(&near), &near, near.wide.0, near.wide.1, None).is_empty() {
            far_nonempty += 1;
            if factor == 5 {
                interval_five += 1;
            }
            if !["UTC", "Asia/Kolkata", "America/Sao_Paulo"].contains(&near.zone) {
                far_in_dst_zone += 1;
            }
        }
    }
    assert!(
        nonempty > 100,
        "only {nonempty} of 200 generated rules produce instances"
    );
    assert!(
        far_nonempty > 80,
        "only {far_nonempty} of 200 far-seek pairs produce instances"
    );
    eprintln!("far seeks: {far_nonempty} with instances, {far_in_dst_zone} in DST zones, {interval_five} with INTERVAL=5; forms: {forms:?}");
    assert!(far_in_dst_zone > 20 && interval_five > 3);
    for (form, least) in [("SECONDLY", 10), ("BYSECOND", 10), ("BYDAY ordinal > 5", 2)] {
        assert!(
            forms.get(form).copied().unwrap_or(0) >= least,
            "{form}: {forms:?}"
        );
    }
}

const TOKENS: [&str; 64] = [
    "DTSTART",
    "DTSTART;TZID=America/New_York",
    "DTSTART;TZID=Pacific/Apia",
    "DTSTART;VALUE=DATE",
    "RRULE",
    "RDATE",
    "EXDATE",
    "EXDATE;TZID=Australia/Lord_Howe",
    "RDATE;VALUE=DATE",
    ":",
    ";",
    ",",
    "=",
    "\n",
    "\r\n",
    "\n ",
    "FREQ",
    "YEARLY",
    "MONTHLY",
    "WEEKLY",
    "DAILY",
    "HOURLY",
    "MINUTELY",
    "SECONDLY",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
    "WKST",
    "MO",
    "-1SU",
    "+53FR",
    "0",
    "1",
    "-1",
    "60",
    "366",
    "-366",
    "53",
    "99999999999999999999",
    "4294967296",
    "19970902T090000",
    "19970902T090000Z",
    "99991231T235959Z",
    "00010101T000000",
    "99991231",
    "20181104",
    "20111230T120000",
    "T",
    "Z",
    "",
    "é",
    "TZID=",
    "VALUE=DATE",
    "FREQ=SECONDLY",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
];

/// A valid rule with one small edit (three times in eight none, else a token put in, a few characters taken
/// out, a part of the rule repeated, a digit changed), and a window inside its wide
/// window: text near enough to valid that most of it parses and expands.
fn near_valid() -> impl Strategy<Value = (String, i64, i64)> {
    (
        raw(),
        0usize..8,
        0u32..=1000,
        0..TOKENS.len(),
        0u32..=1000,
        0u32..=1000,
    )
        .prop_map(|(raw, edit, at, token, a, b)| {
            let spec = raw.spec();
            let mut text = spec.ical.clone();
            // The generated text is ASCII, so every byte is a character boundary.
            let at = text.len() * at as usize / 1000;
            match edit {
                1 => text.insert_str(at, TOKENS[token]),
                2 => text.replace_range(at..(at + 1 + token % 4).min(text.len()), ""),
                3 => {
                    let rule = text.lines().nth(1).unwrap_or("").to_owned();
                    let parts: Vec<&str> = rule.trim_start_matches("RRULE:").split(';').collect();
                    let part = parts[token % parts.len()];
                    text = text.replacen(&rule, &format!("{rule};{part}"), 1);
                }
                4 => {
                    if let Some(i) = text[at..].find(|c: char| c.is_ascii_digit()) {
                        let digit = char::from(b'0' + (token % 10) as u8);
                        text.replace_range(at + i..at + i + 1, &digit.to_string());
                    }
                }
                _ => {}
            }
            // From somewhere in the first half to somewhere in the second.
            (
                text,
                point(spec.wide, a / 2),
                point(spec.wide, 500 + b / 2) + 1,
            )
        })
}

/// Text of random tokens, and any window of the years 0001..9999.
fn token_soup() -> impl Strategy<Value = (String, i64, i64)> {
    (
        prop::collection::vec(0..TOKENS.len(), 0..40),
        -62_135_596_800i64..253_402_300_800,
        prop_oneof![0i64..100_000, 0i64..100_000_000_000],
    )
        .prop_map(|(tokens, from, len)| {
            let text: String = tokens.iter().map(|i| TOKENS[*i]).collect();
            (text, from, (from + len).min(253_402_300_800))
        })
}

proptest! {
    #![proptest_config(prop_config::config(1024, 5547))]

    /// Any text (half random tokens, half rules one edit away from valid) and any
    /// window: an answer or an error, never a panic, and an answer is sorted, unique
    /// and inside the window.
    #[test]
    fn garbage_never_panics((text, from, to) in prop_oneof![token_soup(), near_valid()]) {
        let outcome = std::panic::catch_unwind(|| {
            if let Ok(set) = RecurrenceSet::parse(&text) {
                if let Ok(v) = set.between(from, to, Some(1000), &Limits::default()) {
                    assert!(v.windows(2).all(|w| w[0] < w[1]));
                    assert!(v.iter().all(|t| (from..to).contains(t)));
                }
                let _ = set.to_ical();
            }
        });
        prop_assert!(outcome.is_ok(), "panicked on {text:?} over [{from}, {to})");
    }
}

/// The near-valid half of `garbage_never_panics` reaches the expansion checks: most
/// of it parses, and much of that has instances in its window.
#[test]
fn near_valid_text_mostly_parses_and_expands() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut parsed, mut expanded) = (0, 0);
    for _ in 0..200 {
        let (text, from, to) = near_valid().new_tree(&mut runner).unwrap().current();
        if let Ok(set) = RecurrenceSet::parse(&text) {
            parsed += 1;
            if set
                .between(from, to, Some(1000), &Limits::default())
                .is_ok_and(|v| !v.is_empty())
            {
                expanded += 1;
            }
        }
    }
    eprintln!("near-valid text: {parsed} of 200 parse, {expanded} have instances");
    assert!(
        parsed >= 100 && expanded >= 40,
        "{parsed} parse, {expanded} expand"
    );
}

#[test]
fn edges_of_the_supported_years_do_not_panic() {
    let lo = utc("0001-01-01T00:00:00Z");
    let hi = utc("9999-12-31T23:59:59Z") + 1;
    for ical in [
        "DTSTART:99991231T235959Z\nRRULE:FREQ=SECONDLY",
        "DTSTART:99991231T235959Z\nRRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31",
        "DTSTART:99991215T000000Z\nRRULE:FREQ=MONTHLY;INTERVAL=1000",
        "DTSTART;TZID=Pacific/Kiritimati:99991231T235959\nRRULE:FREQ=HOURLY",
        "DTSTART;TZID=America/Los_Angeles:99991231T235959\nRRULE:FREQ=DAILY",
        "DTSTART:00010101T000000Z\nRRULE:FREQ=YEARLY;BYWEEKNO=1,53,-53;BYDAY=MO",
        "DTSTART;TZID=Pacific/Kiritimati:00010101T000000\nRRULE:FREQ=DAILY;COUNT=3",
        "DTSTART:00010101T000000Z\nRRULE:FREQ=WEEKLY;BYSETPOS=-1;BYDAY=MO,SU",
        "DTSTART:00010101T000000Z\nRRULE:FREQ=SECONDLY;INTERVAL=4294967295",
    ] {
        let ical_owned = ical.to_owned();
        let got = within(30, ical, move || {
            std::panic::catch_unwind(|| {
                let set = RecurrenceSet::parse(&ical_owned).expect("valid");
                set.between(lo, hi, Some(10), &Limits::default())
                    .map(|v| v.len())
            })
        });
        match got {
            Ok(Ok(n)) => assert!(n <= 10),
            Ok(Err(e)) => assert!(
                matches!(
                    e.code(),
                    slotwise::ErrorCode::LimitExceeded | slotwise::ErrorCode::InvalidWindow
                ),
                "{ical}: {e}"
            ),
            Err(_) => panic!("{ical}: panicked"),
        }
    }
}

const EXTREME_PARTS: [&str; 16] = [
    "BYSETPOS=366",
    "BYSETPOS=-366",
    "BYYEARDAY=-366",
    "BYWEEKNO=-53",
    "INTERVAL=99999",
    "COUNT=1000000",
    "BYMONTHDAY=-31",
    "BYSECOND=60",
    "BYDAY=-53MO",
    "BYDAY=5SU",
    "UNTIL=99991231T235959Z",
    "UNTIL=00010101T000000Z",
    "BYHOUR=23;BYMINUTE=59;BYSECOND=59",
    "BYMONTH=2;BYMONTHDAY=29",
    "WKST=SA",
    "BYSETPOS=1,-1",
];

/// The error code the documented rules give for `rule` (a valid RRULE line's parts)
/// with `extra` put first, or `None` when it is valid: a part given twice, COUNT with
/// UNTIL, and the forbidden combinations of docs/semantics.md are `invalid_rule`.
fn extreme_code(rule: &str, extra: &str) -> Option<&'static str> {
    let parts: Vec<(&str, &str)> = rule.split(';').filter_map(|p| p.split_once('=')).collect();
    let added: Vec<(&str, &str)> = extra.split(';').filter_map(|p| p.split_once('=')).collect();
    let has = |k: &str| parts.iter().chain(&added).any(|p| p.0 == k);
    let freq = parts
        .iter()
        .find(|p| p.0 == "FREQ")
        .map(|p| p.1)
        .unwrap_or("");
    let ordinal = |v: &str| v.split(',').any(|d| d.len() > 2);
    let invalid = added.iter().any(|(k, _)| parts.iter().any(|p| p.0 == *k))
        || (has("COUNT") && has("UNTIL"))
        || (has("BYYEARDAY") && matches!(freq, "DAILY" | "WEEKLY" | "MONTHLY"))
        || (has("BYWEEKNO") && freq != "YEARLY")
        || (has("BYMONTHDAY") && freq == "WEEKLY")
        || parts.iter().chain(&added).any(|&(k, v)| {
            k == "BYDAY" && ordinal(v) && (!matches!(freq, "MONTHLY" | "YEARLY") || has("BYWEEKNO"))
        });
    invalid.then_some("invalid_rule")
}

proptest! {
    // Few shrink steps: a case that hangs costs its 30 s at every step.
    #![proptest_config(ProptestConfig { max_shrink_iters: 8, ..prop_config::config(256, 5548) })]

    /// A valid rule with an extreme part added: an answer or an error (never a panic
    /// or a hang), and an answer is sorted, unique and inside the window.
    #[test]
    fn extreme_parts_are_answered(raw in raw(), extra in 0..EXTREME_PARTS.len(), a in 0u32..=1000) {
        let spec = raw.spec();
        let ical = spec.ical.replacen("\nRRULE:", &format!("\nRRULE:{};", EXTREME_PARTS[extra]), 1);
        let zone = Zone::parse(spec.zone).expect("zone");
        let from = point(spec.wide, a) - 50 * 366 * 86_400;
        let to = spec.wide.1 + 500 * 366 * 86_400;
        let what = ical.clone();
        let rule = spec.ical.lines().nth(1).unwrap().trim_start_matches("RRULE:").to_owned();
        let want = extreme_code(&rule, EXTREME_PARTS[extra]);
        let outcome = within(10, &what, move || {
            std::panic::catch_unwind(|| {
                let set = match RecurrenceSet::parse_in(&ical, zone) {
                    Ok(set) => set,
                    Err(e) => return Err(e.code()),
                };
                match set.between(from, to, Some(500), &Limits::default()) {
                    Ok(v) => {
                        assert!(v.windows(2).all(|w| w[0] < w[1]), "not sorted/unique");
                        assert!(v.iter().all(|t| (from..to).contains(t)), "outside the window");
                        Ok(v.len())
                    }
                    Err(e) => Err(e.code()),
                }
            })
        });
        let Ok(outcome) = outcome else {
            panic!("panicked on\n{what}");
        };
        prop_assert_eq!(outcome.err().map(|c| c.as_str()), want, "{}", what);
    }
}
