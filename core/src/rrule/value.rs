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
    let b: &[u8; 15] = text.as_bytes().try_into().ok()?;
    if b[8] != b'T' {
        return None;
    }
    let date = ymd(b[0..8].try_into().ok()?)?;
    date.and_hms_opt(two(b[9], b[10])?, two(b[11], b[12])?, two(b[13], b[14])?)
}

/// `YYYYMMDD`, years 0001 to 9999.
pub fn date(text: &str) -> Option<NaiveDate> {
    ymd(text.as_bytes().try_into().ok()?)
}

/// `YYYYMMDD` as bytes, years 0001 to 9999.
#[inline]
fn ymd(b: &[u8; 8]) -> Option<NaiveDate> {
    let y = two(b[0], b[1])? * 100 + two(b[2], b[3])?;
    if y < 1 {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, two(b[4], b[5])?, two(b[6], b[7])?)
}

/// The value of two ASCII digits.
#[inline]
fn two(tens: u8, ones: u8) -> Option<u32> {
    let (t, o) = (tens.wrapping_sub(b'0'), ones.wrapping_sub(b'0'));
    (t <= 9 && o <= 9).then(|| u32::from(t) * 10 + u32::from(o))
}
