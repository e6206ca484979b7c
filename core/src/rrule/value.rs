//! iCalendar date and date-time values: the forms a value is written in (UTC, zoned,
//! floating, date) and the text of dates and date-times.

use chrono::{NaiveDate, NaiveDateTime};

use crate::tz::Zone;

/// A date or date-time as written in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateValue {
    /// `...Z`: an instant in UTC.
    Utc(NaiveDateTime),
    /// `;TZID=Zone:...`: local time in that zone.
    Zoned(NaiveDateTime, Zone),
    /// No zone: local time in the set's zone.
    Floating(NaiveDateTime),
    /// `;VALUE=DATE:YYYYMMDD`: midnight of a local date in the set's zone.
    Date(NaiveDate),
}

impl DateValue {
    /// The local date-time, without its zone.
    pub fn naive(&self) -> NaiveDateTime {
        match *self {
            DateValue::Utc(dt) | DateValue::Zoned(dt, _) | DateValue::Floating(dt) => dt,
            DateValue::Date(d) => d.and_time(chrono::NaiveTime::MIN),
        }
    }

    /// Write the value as a property line `NAME[;params]:value`.
    pub fn to_line(&self, name: &str) -> String {
        match self {
            DateValue::Utc(dt) => format!("{name}:{}Z", dt.format("%Y%m%dT%H%M%S")),
            DateValue::Zoned(dt, zone) => {
                format!("{name};TZID={}:{}", zone.name(), dt.format("%Y%m%dT%H%M%S"))
            }
            DateValue::Floating(dt) => format!("{name}:{}", dt.format("%Y%m%dT%H%M%S")),
            DateValue::Date(d) => format!("{name};VALUE=DATE:{}", d.format("%Y%m%d")),
        }
    }
}

/// `YYYYMMDDTHHMMSS` (no zone suffix).
pub fn date_time(text: &str) -> Option<NaiveDateTime> {
    if text.len() != 15 || !text.is_ascii() {
        return None;
    }
    let date = date(text.get(..8)?)?;
    if text.get(8..9)? != "T" {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let s = text.get(range)?;
        if s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    date.and_hms_opt(num(9..11)?, num(11..13)?, num(13..15)?)
}

/// `YYYYMMDD`, years 0001 to 9999.
pub fn date(text: &str) -> Option<NaiveDate> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = text.get(..4)?.parse().ok()?;
    let m: u32 = text.get(4..6)?.parse().ok()?;
    let d: u32 = text.get(6..8)?.parse().ok()?;
    if y < 1 {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}
