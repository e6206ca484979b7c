//! iCalendar date and date-time values: the forms a value is written in (UTC, zoned,
//! floating, date), the compact form listed RDATEs and EXDATEs are kept in, and the
//! text of dates and date-times.

use chrono::{NaiveDate, NaiveDateTime};

use crate::calendar::is_leap;
use crate::time::{from_wall_seconds, push_date, push_date_time};
use crate::tz::Zone;

const DAY: i64 = 86_400;

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

/// Which of [`DateValue`]'s forms a value was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Utc,
    Zoned(Zone),
    Floating,
    Date,
}

/// A date or date-time as written, kept compact: its local wall-clock seconds (a
/// date: its midnight), counted like Unix time, and its form. RDATE and EXDATE lists
/// of hundreds of values are read and kept in this form, without chrono's types;
/// [`Written::value`] gives the [`DateValue`]. Two are equal exactly when their
/// [`DateValue`]s are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub wall: i64,
    pub form: Form,
}

impl Written {
    /// The value with chrono's types.
    pub fn value(&self) -> DateValue {
        // Read values lie in the years 0001 to 9999, which chrono holds.
        let dt = from_wall_seconds(self.wall).unwrap_or_default();
        match self.form {
            Form::Utc => DateValue::Utc(dt),
            Form::Zoned(zone) => DateValue::Zoned(dt, zone),
            Form::Floating => DateValue::Floating(dt),
            Form::Date => DateValue::Date(dt.date()),
        }
    }
}

/// `YYYYMMDDTHHMMSS` (no zone suffix).
pub fn date_time(text: &str) -> Option<NaiveDateTime> {
    from_wall_seconds(date_time_wall(text.as_bytes())?)
}

/// `YYYYMMDD`, years 0001 to 9999.
pub fn date(text: &str) -> Option<NaiveDate> {
    Some(from_wall_seconds(date_wall(text.as_bytes())?)?.date())
}

/// `YYYYMMDDTHHMMSS` (no zone suffix) as wall-clock seconds.
#[inline]
pub fn date_time_wall(text: &[u8]) -> Option<i64> {
    read_date_time(text.try_into().ok()?)
}

/// `YYYYMMDDTHHMMSS` as wall-clock seconds. Read by hand, eight digits to a 64-bit
/// word, the fields checked together and the month's length from a table: a list
/// of hundreds of RDATEs spends most of its parsing here.
#[inline(always)]
pub fn read_date_time(b: &[u8; 15]) -> Option<i64> {
    let (date, time) = (b.first_chunk::<8>()?, b.last_chunk::<8>()?);
    let (Some((days, _, _)), Some(secs)) = (
        ymd(u64::from_le_bytes(*date)),
        time_of_day(u64::from_le_bytes(*time)),
    ) else {
        return None;
    };
    Some(days * DAY + secs)
}

/// The seconds of `?THHMMSS` (a little-endian word; its first byte, the date's last
/// digit, is checked with the date).
#[inline(always)]
fn time_of_day(word: u64) -> Option<i64> {
    if (word >> 8) as u8 != b'T' {
        return None;
    }
    // The date's digit and the `T` read as zeros, then three two-digit fields.
    let t = digit_pairs((word & !0xFFFF) | 0x3030)?;
    // Hours up to 23, minutes and seconds up to 59: each field plus 127 minus its
    // limit stays below 128 (fields are at most 99: no carry between them).
    if (t + 0x0044_0044_0068_0000) & 0x0080_0080_0080_0000 != 0 {
        return None;
    }
    let (h, m, s) = ((t >> 16) & 0xFF, (t >> 32) & 0xFF, t >> 48);
    Some((h * 3600 + m * 60 + s) as i64)
}

/// Reads `YYYYMMDDTHHMMSS` values one after another (see [`read_date_time`]),
/// remembering the last month and time of day it read: the dates of a list mostly
/// share their month with the one before and all their time of day, which then
/// need no checking or arithmetic again (only the day's digits and its range).
#[derive(Debug, Default)]
pub struct DateTimeReader {
    /// The last month read, as its `YYYYMM` bytes (0: none), the days since
    /// 1970-01-01 of the day before its first and its length.
    month: u64,
    month_base: i64,
    month_len: u64,
    /// The last `THHMMSS` read, as bytes (0: none), and its seconds.
    time: u64,
    secs: i64,
}

impl DateTimeReader {
    /// The wall-clock seconds of `YYYYMMDDTHHMMSS`, as [`read_date_time`] gives them.
    #[inline(always)]
    pub fn read(&mut self, b: &[u8; 15]) -> Option<i64> {
        let (date, time) = (b.first_chunk::<8>()?, b.last_chunk::<8>()?);
        let (date, time) = (u64::from_le_bytes(*date), u64::from_le_bytes(*time));
        let days = if date & 0xFFFF_FFFF_FFFF == self.month {
            let day = digit_pairs(date)? >> 48;
            if day == 0 || day > self.month_len {
                return None;
            }
            self.month_base + day as i64
        } else {
            let (days, day, len) = ymd(date)?;
            self.month = date & 0xFFFF_FFFF_FFFF;
            self.month_base = days - day as i64;
            self.month_len = len;
            days
        };
        // `THHMMSS`: the word without the date's last digit.
        if time >> 8 != self.time {
            self.secs = time_of_day(time)?;
            self.time = time >> 8;
        }
        Some(days * DAY + self.secs)
    }
}

/// `YYYYMMDD` as the wall-clock seconds of its midnight, years 0001 to 9999.
#[inline]
pub fn date_wall(text: &[u8]) -> Option<i64> {
    let b: &[u8; 8] = text.try_into().ok()?;
    Some(ymd(u64::from_le_bytes(*b))?.0 * DAY)
}

/// `YYYYMMDD` (as a little-endian word) as days since 1970-01-01, with the day of
/// the month and the month's length; `None` unless a date of the years 0001 to 9999.
#[inline(always)]
fn ymd(word: u64) -> Option<(i64, u64, u64)> {
    // Days in each month of a common year; February 29 is checked apart.
    const LEN: [u64; 13] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    // Days from 0000-03-01 (the leap day ends a year) to each month's first.
    const FROM_MARCH: [u64; 13] = [0, 306, 337, 0, 31, 61, 92, 122, 153, 184, 214, 245, 275];
    let pairs = digit_pairs(word)?;
    let year = (pairs & 0xFF) * 100 + ((pairs >> 16) & 0xFF);
    let (month, day) = ((pairs >> 32) & 0xFF, pairs >> 48);
    let (mut len, from_march) = (*LEN.get(month as usize)?, *FROM_MARCH.get(month as usize)?);
    if month == 2 && is_leap(year as i64) {
        len = 29;
    }
    if year == 0 || day == 0 || day > len {
        return None;
    }
    // In unsigned arithmetic the divisions by constants become multiplications.
    let y = year - u64::from(month <= 2);
    let days = y * 365 + y / 4 - y / 100 + y / 400 + from_march + day - 1;
    Some((days as i64 - 719_468, day, len))
}

/// Eight ASCII digits, checked in one 64-bit word, as four two-digit values in the
/// word's bytes 0, 2, 4 and 6 (first digits first); `None` when a byte is not
/// `0`..=`9`.
#[inline]
fn digit_pairs(word: u64) -> Option<u64> {
    // Every byte is 0x30..=0x3F, and adding 6 keeps each below 0x40 (so 0x30..=0x39).
    let ascii_3x = word & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030;
    let below_ten =
        word.wrapping_add(0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030;
    if !(ascii_3x && below_ten) {
        return None;
    }
    // Each byte 0..=9; a byte times ten plus the next one stays below 100: no carry.
    let digits = word - 0x3030_3030_3030_3030;
    Some((digits * 10 + (digits >> 8)) & 0x00FF_00FF_00FF_00FF)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::wall_seconds;
    use chrono::Datelike;

    /// chrono's own reading of `YYYYMMDDTHHMMSS` (no leap second, years from 1).
    fn chrono_date_time(text: &str) -> Option<NaiveDateTime> {
        let field = |r: std::ops::Range<usize>| {
            let f = text.get(r)?;
            f.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| f.parse::<u32>().ok())?
        };
        if text.len() != 15 || text.get(8..9) != Some("T") || field(0..4)? < 1 {
            return None;
        }
        NaiveDate::from_ymd_opt(field(0..4)? as i32, field(4..6)?, field(6..8)?)?.and_hms_opt(
            field(9..11)?,
            field(11..13)?,
            field(13..15)?,
        )
    }

    #[test]
    fn date_times_read_by_hand_match_chrono() {
        for text in [
            "20260110T110000",
            "00010101T000000",
            "99991231T235959",
            "20240229T120000",
            "19000229T120000",
            "20000229T120000",
            "21000229T120000",
            "20230230T000000",
            "20230431T000000",
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
            "20230101TT00000",
            "2023-1-1T000000",
        ] {
            let chrono = chrono_date_time(text);
            assert_eq!(date_time(text), chrono, "{text}");
            assert_eq!(
                date_time_wall(text.as_bytes()),
                chrono.map(wall_seconds),
                "{text}"
            );
        }
        assert_eq!(date("20240229"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(date("20230229"), None);
        assert_eq!(date("2023022:"), None);
        assert_eq!(date("00001231"), None);
    }

    #[test]
    fn every_date_and_day_number_read_by_hand_match_chrono() {
        // Every day 1..=31 of every month of the years 0001-0003, 1599-1601,
        // 1896-1904, 1999-2101 and 9997-9999 (valid or not), and every 37th day
        // of the rest.
        let years = (1..=3)
            .chain(1599..=1601)
            .chain(1896..=1904)
            .chain(1999..=2101)
            .chain(9997..=9999);
        for year in years {
            for month in 0..=13u32 {
                for day in 0..=32u32 {
                    let text = format!("{year:04}{month:02}{day:02}");
                    let chrono = NaiveDate::from_ymd_opt(year, month, day);
                    assert_eq!(date(&text), chrono, "{text}");
                    let with_time = format!("{text}T123456");
                    assert_eq!(date_time(&with_time), chrono_date_time(&with_time));
                }
            }
        }
        let mut d = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        while d.year() <= 9999 {
            let next = d + chrono::Days::new(37);
            let text = d.format("%Y%m%d").to_string();
            assert_eq!(date(&text), Some(d), "{text}");
            d = next;
        }
    }

    #[test]
    fn a_reader_reads_as_each_value_alone() {
        // Runs of one month and one time of day, broken by bad days, bad times and
        // other months (a leap February after a common one and back).
        let mut texts = Vec::new();
        for year in [1900, 2000, 2023, 2024, 1, 9999] {
            for month in 0..=13u32 {
                for day in (0..=32u32).chain([28, 1, 29, 30]) {
                    for time in [
                        "T110000", "T110000", "T235959", "T240000", "T1100:0", "X110000",
                    ] {
                        texts.push(format!("{year:04}{month:02}{day:02}{time}"));
                    }
                }
            }
        }
        texts.extend(
            [
                "2023022:T110000",
                "20230228T110000",
                "2023O228T110000",
                "20230228T110000",
            ]
            .map(String::from),
        );
        let mut reader = DateTimeReader::default();
        for text in &texts {
            let b: &[u8; 15] = text.as_bytes().try_into().unwrap();
            assert_eq!(reader.read(b), read_date_time(b), "{text}");
            assert_eq!(
                read_date_time(b),
                chrono_date_time(text).map(wall_seconds),
                "{text}"
            );
        }
    }

    #[test]
    fn written_values_give_back_the_value_read() {
        let zone = Zone::parse("America/New_York").unwrap();
        let dt = NaiveDate::from_ymd_opt(2026, 3, 8)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        let wall = wall_seconds(dt);
        for (form, value) in [
            (Form::Utc, DateValue::Utc(dt)),
            (Form::Zoned(zone), DateValue::Zoned(dt, zone)),
            (Form::Floating, DateValue::Floating(dt)),
        ] {
            assert_eq!(Written { wall, form }.value(), value);
        }
        let midnight = wall_seconds(dt.date().and_time(chrono::NaiveTime::MIN));
        assert_eq!(
            Written {
                wall: midnight,
                form: Form::Date
            }
            .value(),
            DateValue::Date(dt.date())
        );
    }
}
