//! Differential test: the engine against the minute-by-minute reference in
//! tests/reference on a few hundred random schedules around DST transitions, with
//! overnight and 24/7 windows, DAILY, WEEKLY and MONTHLY rules with INTERVAL,
//! overrides, exclusions, buffers and appointments. Each case is a request document
//! that the engine parses and the reference reads on its own.

mod reference;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone};
use serde_json::{json, Value};
use slotwise::capacity::{Appointment, Status};
use slotwise::{AvailabilityRequest, BookingRules, Engine, Limits};

/// xorshift64*: small, seeded, good enough to pick test cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> i64 {
        (self.next() % n) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }
}

/// Zones and dates of their real changes (checked with chrono-tz in
/// `every_listed_date_is_a_change`): northern and southern DST, Lord Howe's
/// half-hour shift, Dublin's negative winter DST, and whole skipped days.
const ZONES: &[(&str, &[&str])] = &[
    ("America/New_York", &["2026-03-08", "2026-11-01"]),
    ("Europe/Lisbon", &["2026-03-29", "2026-10-25"]),
    ("Europe/Dublin", &["2026-03-29", "2026-10-25"]),
    ("America/Havana", &["2026-03-08", "2026-11-01"]),
    ("Australia/Sydney", &["2026-04-05", "2026-10-04"]),
    ("Australia/Lord_Howe", &["2026-04-05", "2026-10-04"]),
    ("America/Santiago", &["2026-04-05", "2026-09-06"]),
    // Whole days skipped: 2011-12-30 and 1994-12-31 never happened there.
    ("Pacific/Apia", &["2011-12-30"]),
    ("Pacific/Kiritimati", &["1994-12-31"]),
];

#[test]
fn every_listed_date_is_a_change() {
    for &(zone, dates) in ZONES {
        let tz: chrono_tz::Tz = zone.parse().unwrap();
        for date in dates {
            let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
            let offset = |d: NaiveDate| {
                let t = d.and_time(chrono::NaiveTime::MIN).and_utc();
                chrono::Offset::fix(&tz.offset_from_utc_datetime(&t.naive_utc())).local_minus_utc()
            };
            assert_ne!(
                offset(day - Duration::days(1)),
                offset(day + Duration::days(2)),
                "{zone} does not change around {date}"
            );
        }
    }
}

fn time(rng: &mut Rng) -> String {
    format!("{:02}:{:02}", rng.below(24), rng.below(4) * 15)
}

fn day_off(base: NaiveDate, rng: &mut Rng, span: i64) -> NaiveDate {
    base + Duration::days(rng.below(span as u64))
}

fn instant(zone_base: NaiveDateTime, minutes: i64) -> i64 {
    (zone_base + Duration::minutes(minutes))
        .and_utc()
        .timestamp()
}

fn rfc3339(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn minutes(n: i64) -> String {
    format!("PT{n}M")
}

/// A random rule: DAILY (INTERVAL up to 3), WEEKLY (BYDAY, INTERVAL up to 2) or
/// MONTHLY (DTSTART's day, BYMONTHDAY near the base date, or BYDAY), at times
/// sometimes doubled with BYHOUR.
fn random_freq(rng: &mut Rng, base: NaiveDate) -> String {
    let days = |rng: &mut Rng| -> Vec<&str> {
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
            .into_iter()
            .filter(|_| rng.chance(60))
            .collect()
    };
    let interval = |rng: &mut Rng, most: u64| match 1 + rng.below(most) {
        1 => String::new(),
        n => format!(";INTERVAL={n}"),
    };
    let freq = match rng.below(10) {
        0..=2 => format!("FREQ=DAILY{}", interval(rng, 3)),
        3..=6 => {
            let d = days(rng);
            let by = if d.is_empty() {
                String::new()
            } else {
                format!(";BYDAY={}", d.join(","))
            };
            format!("FREQ=WEEKLY{}{by}", interval(rng, 2))
        }
        _ => {
            let by = match rng.below(3) {
                0 => String::new(),
                1 => {
                    let mut d: Vec<String> = (0..1 + rng.below(4))
                        .map(|_| (base + Duration::days(rng.below(8))).day().to_string())
                        .collect();
                    d.dedup();
                    format!(";BYMONTHDAY={}", d.join(","))
                }
                _ => match days(rng) {
                    d if d.is_empty() => ";BYDAY=SU".to_owned(),
                    d => format!(";BYDAY={}", d.join(",")),
                },
            };
            format!("FREQ=MONTHLY{}{by}", interval(rng, 2))
        }
    };
    // Two hours a day sometimes: in a DST gap one can be shifted onto the other.
    if rng.chance(20) {
        let (a, b) = (rng.below(24), rng.below(24));
        format!("{freq};BYHOUR={a},{b}")
    } else {
        freq
    }
}

/// A random schedule document (the JSON the engine and the reference both read).
fn random_schedule(rng: &mut Rng, id: String, zone: &str, base: NaiveDate) -> Value {
    let mut availability = Vec::new();
    for _ in 0..1 + rng.below(2) {
        let first = base - Duration::days(rng.below(4));
        let written = time(rng);
        let tzid = if rng.chance(50) {
            format!(";TZID={zone}")
        } else {
            String::new()
        };
        let freq = random_freq(rng, base);
        let rule = format!(
            "DTSTART{tzid}:{}T{}00\nRRULE:{freq}",
            first.format("%Y%m%d"),
            written.replace(':', "")
        );
        let mut window = json!({ "rule": rule });
        match rng.below(4) {
            0 => window["end"] = json!(written), // 24 hours: windows touch
            1 => window["end"] = json!(time(rng)),
            _ => window["duration"] = json!(minutes((1 + rng.below(40)) * 15)),
        }
        availability.push(window);
    }
    let mut overrides: Vec<Value> = Vec::new();
    let mut dates = Vec::new();
    for _ in 0..rng.below(3) {
        let date = day_off(base, rng, 10);
        if dates.contains(&date) {
            continue;
        }
        dates.push(date);
        let windows: Vec<Value> = (0..rng.below(3))
            .map(|_| json!([time(rng), time(rng)]))
            .collect();
        overrides.push(json!({"date": date.to_string(), "windows": windows}));
    }
    let exclusions: Vec<Value> = (0..rng.below(3))
        .map(|_| {
            if rng.chance(50) {
                json!({"kind": "day", "date": day_off(base, rng, 10).to_string()})
            } else {
                let from = instant(base.into(), rng.below(10 * 24 * 4) * 15);
                let to = from + (1 + rng.below(48 * 4)) * 15 * 60;
                json!({"kind": "range", "from": rfc3339(from), "to": rfc3339(to), "reason": "random"})
            }
        })
        .collect();
    let mut slot = json!({
        "duration": minutes(*rng.pick(&[15, 30, 45, 50, 60, 90])),
        "capacity": 1 + rng.below(3),
        "buffer_before": minutes(*rng.pick(&[0, 0, 5, 15])),
        "buffer_after": minutes(*rng.pick(&[0, 0, 10, 30])),
    });
    if rng.chance(50) {
        slot["step"] = json!(minutes(*rng.pick(&[10, 15, 20, 25, 30, 60, 75])));
    }
    let mut schedule = json!({
        "id": id, "timezone": zone, "availability": availability,
        "overrides": overrides, "exclusions": exclusions, "slot": slot,
    });
    // No booking limit most of the time; else one or two over a random period.
    let limits: Vec<Value> = (0..*rng.pick(&[0, 0, 1, 2]))
        .map(|_| {
            let mut limit = json!({"period": *rng.pick(&["day", "week", "month"])});
            let by_count = rng.below(100) < 60;
            if by_count {
                limit["max_appointments"] = json!(rng.below(4));
            }
            if !by_count || rng.below(100) < 40 {
                limit["max_minutes"] = json!(*rng.pick(&[0, 60, 90, 240]));
            }
            limit
        })
        .collect();
    if !limits.is_empty() {
        schedule["limits"] = json!(limits);
    }
    schedule
}

/// A request document `{schedules, appointments, query}`.
fn random_case(rng: &mut Rng) -> Value {
    let &(zone, transitions) = rng.pick(ZONES);
    let transition: &&str = rng.pick(transitions);
    let transition = NaiveDate::parse_from_str(transition, "%Y-%m-%d").unwrap();
    let base = transition - Duration::days(rng.below(6));
    let count = 1 + rng.below(3);
    let schedules: Vec<Value> = (0..count)
        // Ids out of order, so the answer's order by id is tested too.
        .map(|i| random_schedule(rng, format!("s{}", (i * 7 + 3) % 5), zone, base))
        .collect();
    let midnight: NaiveDateTime = base.into();
    let appointments: Vec<Value> = (0..rng.below(14))
        .map(|i| {
            let start = instant(midnight, rng.below(10 * 24 * 12) * 5);
            json!({
                "id": format!("a{i}"),
                "schedule": rng.pick(&schedules)["id"],
                "start": rfc3339(start),
                "end": rfc3339(start + (1 + rng.below(24)) * 5 * 60),
                "seats": 1 + rng.below(2),
                "status": rng.pick(&["booked", "attended", "no_show", "cancelled"]),
            })
        })
        .collect();
    let from = instant(midnight, rng.below(5 * 24 * 4) * 15);
    let to = from + (1 + rng.below(5 * 24)) * 3600;
    let mut query = json!({"from": rfc3339(from), "to": rfc3339(to), "seats": rng.below(3)});
    if rng.chance(40) {
        query["now"] = json!(rfc3339(from + (rng.below(3 * 24 * 60) - 24 * 60) * 60));
        query["min_notice"] = json!(minutes(rng.below(4 * 60)));
        if rng.chance(50) {
            query["max_advance"] = json!(minutes(rng.below(4 * 24 * 60)));
        }
    }
    json!({"schedules": schedules, "appointments": appointments, "query": query})
}

fn read(request: &Value) -> AvailabilityRequest {
    AvailabilityRequest::from_json(&request.to_string(), &Limits::default())
        .unwrap_or_else(|e| panic!("{e}\n{request:#}"))
}

#[test]
fn the_engine_agrees_with_the_brute_force_reference() {
    let mut rng = Rng(0x5107_5157_u64);
    let mut schedules = 0;
    let mut slots = 0;
    let mut forms = std::collections::BTreeMap::new();
    for case_no in 0..200 {
        let case = random_case(&mut rng);
        for s in case["schedules"].as_array().unwrap() {
            for w in s["availability"].as_array().unwrap() {
                let rule = w["rule"].as_str().unwrap();
                for form in [
                    "DAILY",
                    "WEEKLY",
                    "MONTHLY",
                    "INTERVAL",
                    "BYMONTHDAY",
                    "BYHOUR",
                ] {
                    if rule.contains(form) {
                        *forms.entry(form).or_insert(0) += 1;
                    }
                }
            }
        }
        let request = read(&case);
        schedules += request.schedules.len();
        let engine = Engine::from_parts(
            request.schedules.clone(),
            request.appointments.clone(),
            Limits::default(),
        )
        .unwrap_or_else(|e| panic!("case {case_no}: {e}\n{case:#}"));
        let got = serde_json::to_value(engine.availability(&request.query).unwrap()).unwrap();
        // The streamed answer is the same, in the same order.
        let streamed: Vec<_> = engine
            .availability_stream(&request.query)
            .unwrap()
            .collect();
        assert_eq!(
            serde_json::to_value(streamed).unwrap(),
            got,
            "case {case_no}: stream"
        );
        let expected = Value::Array(
            reference::availability(&case)
                .unwrap_or_else(|| panic!("case {case_no}: the reference cannot read\n{case:#}")),
        );
        slots += expected.as_array().unwrap().len();
        assert_eq!(got, expected, "case {case_no}\n{case:#}");
    }
    eprintln!("{schedules} schedules, {slots} slots, rules by form: {forms:?}");
    assert!(schedules >= 300, "{schedules} schedules");
    assert!(slots > 7_000, "{slots} slots compared");
    for form in ["INTERVAL", "MONTHLY", "BYMONTHDAY"] {
        assert!(
            forms.get(form).copied().unwrap_or(0) >= 20,
            "{form}: {forms:?}"
        );
    }
}

/// Listing and validating cannot disagree: every slot fits a booking of its own span
/// exactly when it has a seat left.
#[test]
fn check_booking_agrees_with_availability() {
    let mut rng = Rng(0xB00C_1A6E);
    for case_no in 0..40 {
        let request = read(&random_case(&mut rng));
        let engine =
            Engine::from_parts(request.schedules, request.appointments, Limits::default()).unwrap();
        let mut all = request.query.clone();
        all.seats = 0;
        all.now = None;
        for slot in engine.availability(&all).unwrap().iter() {
            let booking = Appointment {
                version: None,
                id: "probe".into(),
                schedule: slot.schedule.to_string(),
                start: slot.start,
                end: slot.end,
                seats: 1,
                status: Status::Booked,
            };
            let check = engine
                .check_booking(&booking, &BookingRules::default())
                .unwrap();
            assert_eq!(check.fits, slot.remaining >= 1, "case {case_no}: {check:?}");
            assert_eq!(check.slot.as_ref(), Some(&slot), "case {case_no}");
        }
    }
}
