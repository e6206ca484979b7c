//! Calendar arithmetic of instants (seconds since the Unix epoch) in the
//! proleptic Gregorian calendar of the years 1 to 9999, as Python's `datetime`
//! has it: day numbers to dates and back, and a cursor that steps from one
//! instant's date to the next one's without the full arithmetic.

use std::os::raw::c_int;

use slotwise::calendar;
use slotwise::time::Instant;

/// Calendar fields of instants, with the last day's date kept: consecutive
/// instants of one day (slots, hours of a rule) skip the date arithmetic, and a
/// later day of the same month or the next day steps from it.
pub struct Civil {
    day: i64,
    /// The first second of `day` (wrapping: out of reach before the first day).
    start: i64,
    ymd: (c_int, c_int, c_int),
    /// `ymd` packed: year (big-endian), month, day.
    date: [u8; 4],
}

impl Civil {
    pub fn new() -> Civil {
        Civil {
            day: i64::MIN,
            start: i64::MIN,
            ymd: (0, 0, 0),
            date: [0; 4],
        }
    }

    /// The second of the day of `t` (0 to 86,399), after moving to its day if
    /// needed; None outside the years 1 to 9999.
    #[inline(always)]
    pub fn second_of_day(&mut self, t: Instant) -> Option<u32> {
        let mut secs = t.wrapping_sub(self.start);
        if !(0..86_400).contains(&secs) {
            self.move_to(t.div_euclid(86_400))?;
            secs = t - self.start;
        }
        // Below 86,400.
        Some(secs as u32)
    }

    /// Moves to day number `day`, or None outside the years 1 to 9999.
    #[inline(never)]
    fn move_to(&mut self, day: i64) -> Option<()> {
        let (y, m, d) = self.ymd;
        // A few days on: the same month while it lasts, else the next month's
        // first day; anything else from scratch.
        let ahead = day.wrapping_sub(self.day);
        self.ymd = if (1..=31).contains(&ahead) && i64::from(d) + ahead <= days_in_month(y, m) {
            (y, m, d + ahead as c_int)
        } else if ahead == 1 && m < 12 {
            (y, m + 1, 1)
        } else if ahead == 1 && y < 9999 {
            (y + 1, 1, 1)
        } else {
            civil_from_days(day)?
        };
        self.day = day;
        // Within the years 1 to 9999: no overflow.
        self.start = day * 86_400;
        let (y, m, d) = self.ymd;
        self.date = [(y >> 8) as u8, y as u8, m as u8, d as u8];
        Some(())
    }

    /// `(year, month, day)` of the current day.
    #[inline(always)]
    pub fn ymd(&self) -> (c_int, c_int, c_int) {
        self.ymd
    }

    /// The current day as four bytes: year (big-endian), month, day.
    #[inline(always)]
    pub fn packed_date(&self) -> [u8; 4] {
        self.date
    }
}

/// The day number (0 is 1970-01-01) of a proleptic Gregorian date.
#[inline]
pub fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    calendar::days_from_civil(y, m.into(), d.into())
}

/// The number of days of month `m` (1 to 12) of year `y`.
#[inline]
pub fn days_in_month(y: c_int, m: c_int) -> i64 {
    i64::from(calendar::month_len(y.into(), m as u32))
}

/// The `(year, month, day)` of a day number (0 is 1970-01-01), or None outside the
/// years 1 to 9999.
fn civil_from_days(day: i64) -> Option<(c_int, c_int, c_int)> {
    // 0001-01-01 is day -719,162 and 9999-12-31 day 2,932,896.
    if !(-719_162..=2_932_896).contains(&day) {
        return None;
    }
    let (y, m, d) = calendar::civil_from_days(day);
    // Within the range checked above each part fits a C int.
    Some((y as c_int, m as c_int, d as c_int))
}
