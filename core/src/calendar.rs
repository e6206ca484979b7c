//! Proleptic Gregorian arithmetic on day numbers (days since 1970-01-01), without
//! date objects: the expansion's inner loops, the zones' rules and the bindings'
//! date fields work on integers only.

/// Days since 1970-01-01 of a civil date (month 1..=12, day 1..=31).
#[inline]
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of a day number.
#[inline]
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Whether a year is a leap year.
#[inline]
pub fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month.
#[inline]
pub fn month_len(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from January 1 to the first of `month` (1..=12) in `year`.
pub fn month_offset(year: i64, month: u32) -> i64 {
    const BEFORE: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let before = BEFORE
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or(0);
    before + i64::from(month > 2 && is_leap(year))
}

/// Days in a year.
pub fn year_len(year: i64) -> u32 {
    if is_leap(year) {
        366
    } else {
        365
    }
}

/// Weekday of a day number, Monday = 0 .. Sunday = 6.
pub fn weekday(days: i64) -> u32 {
    (days + 3).rem_euclid(7) as u32
}

/// The first day of the week (starting on `wkst`, Monday = 0) that holds `days`.
pub fn week_start(days: i64, wkst: u32) -> i64 {
    days - i64::from((weekday(days) + 7 - wkst) % 7)
}

/// Day number of the first day of week 1 of `year` for weeks starting on `wkst`:
/// week 1 is the first week with at least four days in the year (RFC 5545, ISO 8601).
pub fn week_one_start(year: i64, wkst: u32) -> i64 {
    let jan1 = days_from_civil(year, 1, 1);
    let start = week_start(jan1, wkst);
    if jan1 - start <= 3 {
        start
    } else {
        start + 7
    }
}

/// Number of weeks (52 or 53) in `year` for weeks starting on `wkst`.
#[cfg(test)]
pub fn weeks_in_year(year: i64, wkst: u32) -> i64 {
    (week_one_start(year + 1, wkst) - week_one_start(year, wkst)) / 7
}

/// The week numbering of one year, worked out once so that numbering each of its
/// days costs a subtraction and a division.
#[derive(Debug, Clone, Copy)]
pub struct YearWeeks {
    week_one: i64,
    weeks: i64,
    weeks_before: i64,
    weeks_after: i64,
    next_week_one: i64,
}

impl YearWeeks {
    /// The numbering of `year` for weeks starting on `wkst` (Monday = 0).
    pub fn new(year: i64, wkst: u32) -> YearWeeks {
        let previous = week_one_start(year - 1, wkst);
        let week_one = week_one_start(year, wkst);
        let next_week_one = week_one_start(year + 1, wkst);
        let weeks_after = (week_one_start(year + 2, wkst) - next_week_one) / 7;
        YearWeeks {
            week_one,
            weeks: (next_week_one - week_one) / 7,
            weeks_before: (week_one - previous) / 7,
            weeks_after,
            next_week_one,
        }
    }

    /// The week number of a day of the year (or of the days around it) and the number
    /// of weeks of the week-year it belongs to.
    #[inline]
    pub fn number(&self, days: i64) -> (i64, i64) {
        if days < self.week_one {
            (self.weeks_before, self.weeks_before)
        } else if days >= self.next_week_one {
            (1, self.weeks_after)
        } else {
            ((days - self.week_one) / 7 + 1, self.weeks)
        }
    }
}

/// The week number of a day and the number of weeks of the week-year it belongs to.
#[cfg(test)]
pub fn week_number(days: i64, year: i64, wkst: u32) -> (i64, i64) {
    YearWeeks::new(year, wkst).number(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for d in -800_000..800_000i64 {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(weekday(days_from_civil(2026, 11, 29)), 6);
        for year in [1900, 2000, 2023, 2024] {
            for month in 1..=12 {
                let offset = days_from_civil(year, month, 1) - days_from_civil(year, 1, 1);
                assert_eq!(month_offset(year, month), offset);
            }
        }
    }

    #[test]
    fn iso_weeks() {
        // 2026-01-01 is a Thursday: week 1 starts Monday 2025-12-29.
        assert_eq!(week_one_start(2026, 0), days_from_civil(2025, 12, 29));
        // 2020 has 53 ISO weeks; 2021-01-03 is in week 53 of 2020.
        assert_eq!(weeks_in_year(2020, 0), 53);
        assert_eq!(week_number(days_from_civil(2021, 1, 3), 2021, 0), (53, 53));
        assert_eq!(week_number(days_from_civil(2024, 12, 30), 2024, 0), (1, 52));
    }

    /// The year-level numbering gives, for every day of the 400-year cycle and every WKST, the
    /// week counted from that week-year's first week.
    #[test]
    fn year_weeks_number_every_day_like_counting_from_week_one() {
        for wkst in 0..7 {
            for year in 2000..2400 {
                let weeks = YearWeeks::new(year, wkst);
                let first = days_from_civil(year, 1, 1);
                for day in first..first + i64::from(year_len(year)) {
                    // The week-year: the one whose week 1 starts last on or before the day.
                    let owner = (year - 1..=year + 1)
                        .filter(|&y| week_one_start(y, wkst) <= day)
                        .max()
                        .unwrap();
                    let expected = (day - week_one_start(owner, wkst)) / 7 + 1;
                    assert_eq!(weeks.number(day), (expected, weeks_in_year(owner, wkst)));
                }
            }
        }
    }
}
