//! Differential test: the engine against the minute-by-minute reference in
//! tests/reference on a few hundred random schedules around DST transitions, with
//! overnight and 24/7 windows, overrides, exclusions, buffers and appointments.

mod reference;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde_json::Value;
use slotwise::capacity::{Appointment, Status};
use slotwise::schedule::{
    AvailabilityRule, Exclusion, ExclusionKind, LocalDate, LocalTime, Override, Schedule, SlotSpec,
};
use slotwise::{BookingRules, Engine, Limits, Query};

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

const ZONES: &[(&str, &[&str])] = &[
    ("America/New_York", &["2026-03-08", "2026-11-01"]),
    ("Europe/Lisbon", &["2026-03-29", "2026-10-25"]),
    ("Australia/Lord_Howe", &["2026-04-05", "2026-10-04"]),
    ("America/Havana", &["2026-03-08", "2026-11-01"]),
    ("America/Santiago", &["2026-04-05", "2026-09-06"]),
    ("America/Sao_Paulo", &["2026-02-16"]),
    ("Asia/Kolkata", &["2026-06-01"]),
    ("UTC", &["2026-01-01"]),
    // Whole days skipped: 2011-12-30 and 1994-12-31 never happened there.
    ("Pacific/Apia", &["2011-12-30"]),
    ("Pacific/Kiritimati", &["1994-12-31"]),
];

fn time(rng: &mut Rng) -> LocalTime {
    let minutes = rng.below(24) * 60 + rng.below(4) * 15;
    LocalTime(
        chrono::NaiveTime::from_num_seconds_from_midnight_opt(minutes as u32 * 60, 0).unwrap(),
    )
}

fn day_off(base: NaiveDate, rng: &mut Rng, span: i64) -> NaiveDate {
    base + Duration::days(rng.below(span as u64))
}

fn instant(zone_base: NaiveDateTime, minutes: i64) -> i64 {
    (zone_base + Duration::minutes(minutes))
        .and_utc()
        .timestamp()
}

fn random_schedule(rng: &mut Rng, id: String, zone: &str, base: NaiveDate) -> Schedule {
    let mut availability = Vec::new();
    for _ in 0..1 + rng.below(2) {
        let start = (base - Duration::days(rng.below(4))).and_time(time(rng).0);
        let tzid = if rng.chance(50) {
            format!(";TZID={zone}")
        } else {
            String::new()
        };
        let freq = if rng.chance(40) {
            "FREQ=DAILY".to_owned()
        } else {
            let days: Vec<&str> = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
                .into_iter()
                .filter(|_| rng.chance(60))
                .collect();
            if days.is_empty() {
                "FREQ=WEEKLY".to_owned()
            } else {
                format!("FREQ=WEEKLY;BYDAY={}", days.join(","))
            }
        };
        // Two hours a day sometimes: in a DST gap one can be shifted onto the other.
        let freq = if rng.chance(20) {
            let (a, b) = (rng.below(24), rng.below(24));
            format!("{freq};BYHOUR={a},{b}")
        } else {
            freq
        };
        let (end, duration) = match rng.below(4) {
            0 => (Some(LocalTime(start.time())), None), // 24 hours: windows touch
            1 => (Some(time(rng)), None),
            _ => (None, Some((1 + rng.below(40)) * 15 * 60)),
        };
        availability.push(AvailabilityRule {
            rule: format!(
                "DTSTART{tzid}:{}\nRRULE:{freq}",
                start.format("%Y%m%dT%H%M%S")
            ),
            end,
            duration,
        });
    }
    let mut overrides: Vec<Override> = Vec::new();
    for _ in 0..rng.below(3) {
        let date = day_off(base, rng, 10);
        if overrides.iter().any(|o| o.date.0 == date) {
            continue;
        }
        overrides.push(Override {
            date: LocalDate(date),
            windows: (0..rng.below(3)).map(|_| (time(rng), time(rng))).collect(),
        });
    }
    let exclusions = (0..rng.below(3))
        .map(|_| {
            if rng.chance(50) {
                Exclusion {
                    kind: ExclusionKind::Day,
                    date: Some(LocalDate(day_off(base, rng, 10))),
                    from: None,
                    to: None,
                    reason: None,
                }
            } else {
                let from = instant(base.into(), rng.below(10 * 24 * 4) * 15);
                Exclusion {
                    kind: ExclusionKind::Range,
                    date: None,
                    from: Some(from),
                    to: Some(from + (1 + rng.below(48 * 4)) * 15 * 60),
                    reason: Some("random".into()),
                }
            }
        })
        .collect();
    let duration = *rng.pick(&[15, 30, 45, 50, 60, 90]) * 60;
    Schedule {
        version: None,
        id,
        timezone: zone.into(),
        availability,
        overrides,
        slot: SlotSpec {
            duration,
            step: if rng.chance(50) {
                None
            } else {
                Some(*rng.pick(&[10, 15, 20, 25, 30, 60, 75]) * 60)
            },
            capacity: 1 + rng.below(3) as u32,
            buffer_before: *rng.pick(&[0, 0, 5, 15]) * 60,
            buffer_after: *rng.pick(&[0, 0, 10, 30]) * 60,
        },
        exclusions,
    }
}

struct Case {
    schedules: Vec<Schedule>,
    appointments: Vec<Appointment>,
    query: Query,
}

fn random_case(rng: &mut Rng) -> Case {
    let &(zone, transitions) = rng.pick(ZONES);
    let transition: &&str = rng.pick(transitions);
    let transition = NaiveDate::parse_from_str(transition, "%Y-%m-%d").unwrap();
    let base = transition - Duration::days(rng.below(6));
    let count = 1 + rng.below(3);
    let schedules: Vec<Schedule> = (0..count)
        // Ids out of order, so the answer's order by id is tested too.
        .map(|i| random_schedule(rng, format!("s{}", (i * 7 + 3) % 5), zone, base))
        .collect();
    let midnight: NaiveDateTime = base.into();
    let appointments = (0..rng.below(14))
        .map(|i| {
            let start = instant(midnight, rng.below(10 * 24 * 12) * 5);
            Appointment {
                version: None,
                id: format!("a{i}"),
                schedule: rng.pick(&schedules).id.clone(),
                start,
                end: start + (1 + rng.below(24)) * 5 * 60,
                seats: 1 + rng.below(2) as u32,
                status: *rng.pick(&[
                    Status::Booked,
                    Status::Attended,
                    Status::NoShow,
                    Status::Cancelled,
                ]),
            }
        })
        .collect();
    let from = instant(midnight, rng.below(5 * 24 * 4) * 15);
    let to = from + (1 + rng.below(5 * 24)) * 3600;
    let mut query = Query::new(from, to);
    query.seats = rng.below(3) as u32;
    if rng.chance(40) {
        query.now = Some(from + (rng.below(3 * 24 * 60) - 24 * 60) * 60);
        query.min_notice = rng.below(4 * 60) * 60;
        if rng.chance(50) {
            query.max_advance = Some(rng.below(4 * 24 * 60) * 60);
        }
    }
    Case {
        schedules,
        appointments,
        query,
    }
}

#[test]
fn the_engine_agrees_with_the_brute_force_reference() {
    let mut rng = Rng(0x5107_5157_u64);
    let mut schedules = 0;
    let mut slots = 0;
    for case_no in 0..150 {
        let case = random_case(&mut rng);
        let list = case.schedules;
        schedules += list.len();
        let engine = Engine::from_parts(list.clone(), case.appointments.clone(), Limits::default())
            .unwrap_or_else(|e| panic!("case {case_no}: {e}\n{list:#?}"));
        let got = serde_json::to_value(engine.availability(&case.query).unwrap()).unwrap();
        // The streamed answer is the same, in the same order.
        let streamed: Vec<_> = engine.availability_stream(&case.query).unwrap().collect();
        assert_eq!(
            serde_json::to_value(streamed).unwrap(),
            got,
            "case {case_no}: stream"
        );
        let expected =
            Value::Array(reference::availability(&list, &case.appointments, &case.query).unwrap());
        slots += expected.as_array().unwrap().len();
        assert_eq!(
            got,
            expected,
            "case {case_no}\n{}\n{}",
            serde_json::to_string_pretty(&list).unwrap(),
            serde_json::to_string(&case.query).unwrap()
        );
    }
    assert!(schedules >= 200, "{schedules} schedules");
    assert!(slots > 10_000, "{slots} slots compared");
}

/// Listing and validating cannot disagree: every slot fits a booking of its own span
/// exactly when it has a seat left.
#[test]
fn check_booking_agrees_with_availability() {
    let mut rng = Rng(0xB00C_1A6E);
    for case_no in 0..40 {
        let case = random_case(&mut rng);
        let engine =
            Engine::from_parts(case.schedules, case.appointments, Limits::default()).unwrap();
        let mut all = case.query.clone();
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
