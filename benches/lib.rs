//! The recurrence shapes the benches compare slotwise with rust-rrule on, and one
//! call of each library as a caller makes it (parse the text, expand a window, every
//! instance as UTC seconds). Used by benches/expand.rs (criterion, warm) and
//! src/bin/cold.rs (one cold call in a fresh process, for callgrind).

use chrono::TimeZone;
use slotwise::time::parse_instant;
use slotwise::{Limits, RecurrenceSet};

/// A list of dates: the first (local, iCalendar form), a step in days and a count.
#[derive(Debug, Clone, Copy)]
pub struct Dates {
    pub first: &'static str,
    pub step_days: i64,
    pub count: usize,
}

/// A recurrence set and a window.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub name: &'static str,
    /// The DST zone the shape also runs in (besides UTC).
    pub zone: &'static str,
    pub dtstart: &'static str,
    pub rule: &'static str,
    pub rdates: Option<Dates>,
    pub exdates: Option<Dates>,
    /// The window, RFC 3339.
    pub from: &'static str,
    pub to: &'static str,
}

const fn shape(
    name: &'static str,
    zone: &'static str,
    dtstart: &'static str,
    rule: &'static str,
    from: &'static str,
    to: &'static str,
) -> Shape {
    Shape {
        name,
        zone,
        dtstart,
        rule,
        rdates: None,
        exdates: None,
        from,
        to,
    }
}

pub mod shapes {
    use super::{shape, Dates, Shape};

    const NY: &str = "America/New_York";

    /// Every frequency, the BY parts that need year-level work (BYWEEKNO, BYYEARDAY),
    /// BYSETPOS, negative BYMONTHDAY, COUNT, and a set heavy with RDATEs and EXDATEs.
    pub const EXPAND: [Shape; 15] = [
        shape(
            "weekday-hours-1y",
            NY,
            "20260105T090000",
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,30",
            "2026-01-01T00:00:00Z",
            "2027-01-01T00:00:00Z",
        ),
        shape(
            "daily-30y",
            "America/Sao_Paulo",
            "20000101T083000",
            "FREQ=DAILY",
            "2000-01-01T00:00:00Z",
            "2030-01-01T00:00:00Z",
        ),
        shape(
            "monthly-last-weekday-50y",
            NY,
            "20000131T170000",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            "2000-01-01T00:00:00Z",
            "2050-01-01T00:00:00Z",
        ),
        shape(
            "monthly-negative-monthday-50y",
            NY,
            "20000101T100000",
            "FREQ=MONTHLY;BYMONTHDAY=1,-1,-7",
            "2000-01-01T00:00:00Z",
            "2050-01-01T00:00:00Z",
        ),
        shape(
            "yearly-2nd-sunday-100y",
            NY,
            "20000312T020000",
            "FREQ=YEARLY;BYMONTH=3,11;BYDAY=2SU",
            "2000-01-01T00:00:00Z",
            "2099-12-31T00:00:00Z",
        ),
        shape(
            "yearly-byweekno-100y",
            "Europe/Berlin",
            "20000103T090000",
            "FREQ=YEARLY;BYWEEKNO=1,20,-1;BYDAY=MO,FR",
            "2000-01-01T00:00:00Z",
            "2100-01-01T00:00:00Z",
        ),
        shape(
            "yearly-byyearday-100y",
            NY,
            "20000101T120000",
            "FREQ=YEARLY;BYYEARDAY=1,100,200,-1",
            "2000-01-01T00:00:00Z",
            "2100-01-01T00:00:00Z",
        ),
        shape(
            "yearly-bysetpos-50y",
            NY,
            "20000101T090000",
            "FREQ=YEARLY;BYMONTH=1,4,7,10;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1",
            "2000-01-01T00:00:00Z",
            "2050-01-01T00:00:00Z",
        ),
        shape(
            "hourly-1y",
            NY,
            "20260101T000000",
            "FREQ=HOURLY;INTERVAL=3",
            "2026-01-01T00:00:00Z",
            "2027-01-01T00:00:00Z",
        ),
        shape(
            "minutely-week",
            NY,
            "20261029T000000",
            "FREQ=MINUTELY",
            "2026-10-29T00:00:00Z",
            "2026-11-05T00:00:00Z",
        ),
        shape(
            "secondly-hour",
            NY,
            "20261101T000000",
            "FREQ=SECONDLY;BYSECOND=0,15,30,45",
            "2026-11-01T05:00:00Z",
            "2026-11-01T06:00:00Z",
        ),
        shape(
            "daily-count-window-late",
            NY,
            "20000101T083000",
            "FREQ=DAILY;COUNT=20000",
            "2030-03-01T00:00:00Z",
            "2030-04-01T00:00:00Z",
        ),
        shape(
            "monthly-bysetpos-count",
            NY,
            "20000103T090000",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,17;BYSETPOS=2,-2;COUNT=600",
            "2000-01-01T00:00:00Z",
            "2030-01-01T00:00:00Z",
        ),
        Shape {
            rdates: Some(Dates {
                first: "20260110T110000",
                step_days: 3,
                count: 200,
            }),
            exdates: Some(Dates {
                first: "20260105T100000",
                step_days: 14,
                count: 50,
            }),
            ..shape(
                "rdate-exdate-heavy-2y",
                NY,
                "20260105T100000",
                "FREQ=WEEKLY;BYDAY=MO,WE,FR",
                "2026-01-01T00:00:00Z",
                "2028-01-01T00:00:00Z",
            )
        },
        shape(
            "yearly-plain-400y",
            NY,
            "16000229T120000",
            "FREQ=YEARLY",
            "1600-01-01T00:00:00Z",
            "2000-01-01T00:00:00Z",
        ),
    ];

    /// A month asked of rules that started decades earlier (no COUNT).
    pub const SEEK: [Shape; 3] = [
        shape(
            "weekdays-from-1990",
            NY,
            "19900101T090000",
            "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
            "2030-03-01T00:00:00Z",
            "2030-04-01T00:00:00Z",
        ),
        shape(
            "hours-from-1970",
            NY,
            "19700105T090000",
            "FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9,14",
            "2030-03-01T00:00:00Z",
            "2030-04-01T00:00:00Z",
        ),
        shape(
            "hourly-from-2000",
            NY,
            "20000101T000000",
            "FREQ=HOURLY;INTERVAL=5",
            "2030-03-01T00:00:00Z",
            "2030-03-08T00:00:00Z",
        ),
    ];

    /// Every shape by name.
    pub fn by_name(name: &str) -> Option<Shape> {
        EXPAND
            .iter()
            .chain(SEEK.iter())
            .find(|s| s.name == name)
            .copied()
    }
}

/// A local iCalendar date-time moved by whole days.
fn add_days(local: &str, days: i64) -> String {
    let t =
        chrono::NaiveDateTime::parse_from_str(local, "%Y%m%dT%H%M%S").expect("a local date-time");
    (t + chrono::Duration::days(days))
        .format("%Y%m%dT%H%M%S")
        .to_string()
}

impl Shape {
    /// The set as iCalendar text, in `zone` (`UTC`: every time in UTC).
    pub fn ical(&self, zone: &str) -> String {
        let prop = |name: &str, value: &str| {
            if zone == "UTC" {
                format!("{name}:{value}Z")
            } else {
                format!("{name};TZID={zone}:{value}")
            }
        };
        let mut lines = vec![
            prop("DTSTART", self.dtstart),
            format!("RRULE:{}", self.rule),
        ];
        for (name, dates) in [("RDATE", self.rdates), ("EXDATE", self.exdates)] {
            if let Some(d) = dates {
                let list: Vec<String> = (0..d.count)
                    .map(|i| add_days(d.first, i as i64 * d.step_days))
                    .collect();
                lines.push(prop(name, &list.join(",")));
            }
        }
        lines.join("\n")
    }

    /// The window as UTC seconds, `[from, to)`.
    pub fn window(&self) -> (i64, i64) {
        (
            parse_instant(self.from).expect("window start"),
            parse_instant(self.to).expect("window end"),
        )
    }
}

/// slotwise: parse, expand `[from, to)`, every instance as UTC seconds.
pub fn slotwise_between(text: &str, from: i64, to: i64) -> Vec<i64> {
    let set = RecurrenceSet::parse(text).expect("slotwise parses the shape");
    set.between(from, to, None, &Limits::default())
        .expect("slotwise expands the shape")
}

/// rust-rrule: parse, expand `[from, to)`, every instance as UTC seconds.
pub fn rust_rrule_between(text: &str, from: i64, to: i64) -> Vec<i64> {
    let set: rrule::RRuleSet = text.parse().expect("rust-rrule parses the shape");
    let utc = rrule::Tz::UTC;
    let window = set
        .after(utc.timestamp_opt(from, 0).unwrap())
        .before(utc.timestamp_opt(to - 1, 0).unwrap());
    window
        .all(u16::MAX)
        .dates
        .iter()
        .map(|d| d.timestamp())
        .collect()
}
