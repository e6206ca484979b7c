//! iCalendar date and date-time values: the forms a value is written in (UTC, zoned,
//! floating, date) and the text of dates and date-times.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::time::{push_date, push_date_time};
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
        let mut out = String::with_capacity(name.len() + 40);
        out.push_str(name);
        match self {
            DateValue::Utc(dt) => {
                out.push(':');
                push_date_time(&mut out, *dt, false);
                out.push('Z');
            }
            DateValue::Zoned(dt, zone) => {
                out.push_str(";TZID=");
                out.push_str(zone.name());
                out.push(':');
                push_date_time(&mut out, *dt, false);
            }
            DateValue::Floating(dt) => {
                out.push(':');
                push_date_time(&mut out, *dt, false);
            }
            DateValue::Date(d) => {
                out.push_str(";VALUE=DATE:");
                push_date(&mut out, *d, false);
            }
        }
        out
    }
}

/// `YYYYMMDDTHHMMSS` (no zone suffix). Read by hand, eight digits at a time: a list
/// of hundreds of RDATEs spends most of its parsing here.
pub fn date_time(text: &str) -> Option<NaiveDateTime> {
    let b: &[u8; 15] = text.as_bytes().try_into().ok()?;
    let (date, rest) = b.split_at(8);
    let [b'T', h1, h2, m1, m2, s1, s2] = *rest else {
        return None;
    };
    let date = ymd(date.try_into().ok()?)?;
    let [h1, h2, m1, m2, s1, s2, _, _] = digits([h1, h2, m1, m2, s1, s2, b'0', b'0'])?;
    let (h, m, s) = (h1 * 10 + h2, m1 * 10 + m2, s1 * 10 + s2);
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    let time = NaiveTime::from_num_seconds_from_midnight_opt(h * 3600 + m * 60 + s, 0)?;
    Some(NaiveDateTime::new(date, time))
}

/// `YYYYMMDD`, years 0001 to 9999.
pub fn date(text: &str) -> Option<NaiveDate> {
    ymd(text.as_bytes().try_into().ok()?)
}

/// `YYYYMMDD` as bytes, years 0001 to 9999 (chrono checks the month and day).
#[inline]
fn ymd(b: &[u8; 8]) -> Option<NaiveDate> {
    let [y1, y2, y3, y4, m1, m2, d1, d2] = digits(*b)?;
    let y = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
    if y < 1 {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m1 * 10 + m2, d1 * 10 + d2)
}

/// The values of eight ASCII digits, checked in one 64-bit word; `None` when a byte
/// is not `0`..=`9`.
#[inline]
fn digits(b: [u8; 8]) -> Option<[u32; 8]> {
    let word = u64::from_le_bytes(b);
    // Every byte is 0x30..=0x3F, and adding 6 keeps each below 0x40 (so 0x30..=0x39).
    let ascii_3x = word & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030;
    let below_ten =
        word.wrapping_add(0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030;
    (ascii_3x && below_ten).then(|| {
        word.wrapping_sub(0x3030_3030_3030_3030)
            .to_le_bytes()
            .map(u32::from)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_read_by_hand_match_chrono() {
        for text in [
            "20260110T110000",
            "00010101T000000",
            "99991231T235959",
            "20240229T120000",
            "19000229T120000",
            "20230230T000000",
            "20231301T000000",
            "20230001T000000",
            "20230100T000000",
            "00000101T000000",
            "20230101T240000",
            "20230101T236000",
            "20230101T235960",
            "2023010:T000000",
            "2023010/T000000",
            "20230101T00000:",
            "20230101T0000/0",
            "20230101X000000",
            "2023O101T000000",
            "20230101T000000Z",
            "2023010T000000",
        ] {
            // chrono's own reading of the fields (no leap second, years from 1).
            let field = |r: std::ops::Range<usize>| {
                let f = text.get(r)?;
                f.bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| f.parse::<u32>().ok())?
            };
            let chrono = (|| {
                if text.len() != 15 || text.get(8..9) != Some("T") || field(0..4)? < 1 {
                    return None;
                }
                NaiveDate::from_ymd_opt(field(0..4)? as i32, field(4..6)?, field(6..8)?)?
                    .and_hms_opt(field(9..11)?, field(11..13)?, field(13..15)?)
            })();
            assert_eq!(date_time(text), chrono, "{text}");
        }
        assert_eq!(date("20240229"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(date("20230229"), None);
        assert_eq!(date("2023022:"), None);
        assert_eq!(date("00001231"), None);
    }
}
