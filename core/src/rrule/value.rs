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
    let bytes = text.as_bytes();
    if bytes.len() != 15 || bytes.get(8) != Some(&b'T') {
        return None;
    }
    let date = date(text.get(..8)?)?;
    date.and_hms_opt(
        digits(bytes.get(9..11)?)?,
        digits(bytes.get(11..13)?)?,
        digits(bytes.get(13..15)?)?,
    )
}

/// `YYYYMMDD`, years 0001 to 9999.
pub fn date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 8 {
        return None;
    }
    let y = digits(bytes.get(..4)?)? as i32;
    let m = digits(bytes.get(4..6)?)?;
    let d = digits(bytes.get(6..8)?)?;
    if y < 1 {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The value of a run of ASCII digits (at most 9 of them).
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}
