//! A zone's rule for the years after its last listed transition: the POSIX TZ string
//! at the end of a compiled TZif file (`EST5EDT,M3.2.0,M11.1.0`), as tz-rs parsed it.
//! The same rule then repeats every year without end, as in Python's zoneinfo.

use tz::timezone::{AlternateTime, RuleDay};

use crate::calendar::{civil_from_days, days_from_civil, is_leap};
use crate::time::Instant;

const DAY: i64 = 86_400;
/// Days before each month in a year of 365 days.
const DAYS_BEFORE_MONTH: [i64; 13] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

/// The span of constant offset that holds `t` under an alternating (DST) rule:
/// `(start, end, offset)`, `start <= t < end`.
pub(super) fn span(rule: &AlternateTime, t: Instant) -> (Instant, Instant, i64) {
    let year = year_of(t);
    // Usually `t` lies between two changes of its year or next to one of them.
    let (a, b) = year_changes(rule, year);
    if t < a.0 {
        let (_, previous) = year_changes(rule, year - 1);
        if previous.0 <= t {
            return (previous.0, a.0, previous.1);
        }
    } else if t >= b.0 {
        let (next, _) = year_changes(rule, year + 1);
        if t < next.0 && a.0 < b.0 {
            return (b.0, next.0, b.1);
        }
    } else {
        return (a.0, b.0, a.1);
    }
    // A rule's transitions lie within about a week of their own year, so the years
    // around `t` hold the changes on both sides of it; two more years on each side
    // cover rules whose transitions both sit at a year's very edge.
    let mut all = [(0i64, 0i64); 10];
    for radius in [1i64, 2] {
        let Some(changes) = all.get_mut(..(4 * radius + 2) as usize) else {
            break;
        };
        for (k, pair) in changes.chunks_exact_mut(2).enumerate() {
            let (first, second) = year_changes(rule, year - radius + k as i64);
            if let [a, b] = pair {
                *a = first;
                *b = second;
            }
        }
        // The last change at or before `t` wins (two at one instant: the later one).
        let index = changes.partition_point(|&(at, _)| at <= t);
        if let (Some(&(start, offset)), Some(&(end, _))) = (
            index.checked_sub(1).and_then(|i| changes.get(i)),
            changes.get(index),
        ) {
            return (start, end, offset);
        }
    }
    (
        Instant::MIN,
        Instant::MAX,
        i64::from(rule.std().ut_offset()),
    )
}

/// The changes after `t`, in order, computing each year's once.
pub(super) struct Changes<'a> {
    rule: &'a AlternateTime,
    year: i64,
    /// The current year's changes not yet passed.
    left: [(Instant, i64); 2],
    next: usize,
    /// The day number of January 1 of `year`.
    jan1: i64,
    kinds: YearKinds,
}

/// A rule's changes in a year, after its January 1, by the weekday of that day and
/// whether the year is a leap year (all a rule's days depend on): `None` until
/// worked out. A cursor keeps them across the runs of changes it reads.
pub(super) type YearKinds = [Option<[(Instant, i64); 2]>; 14];

impl<'a> Changes<'a> {
    /// The changes from the start of the year before `t`'s.
    fn from_year_before(rule: &'a AlternateTime, t: Instant, kinds: YearKinds) -> Changes<'a> {
        let year = year_of(t) - 1;
        let mut changes = Changes {
            rule,
            year,
            left: [(0, 0); 2],
            next: 0,
            jan1: month_start(year, 1),
            kinds,
        };
        changes.left = changes.year_changes();
        changes
    }

    /// The changes after `t` (`kinds`: what is known of the rule's years).
    pub(super) fn after(rule: &'a AlternateTime, t: Instant, kinds: YearKinds) -> Changes<'a> {
        let mut changes = Changes::from_year_before(rule, t, kinds);
        while changes.peek().0 <= t {
            changes.advance();
        }
        changes
    }

    /// The changes after `t` and the last change at or before it (of two at one
    /// instant, the later), or `None` if the rule has none from the year before
    /// `t`'s to `t`.
    pub(super) fn around(
        rule: &'a AlternateTime,
        t: Instant,
        kinds: YearKinds,
    ) -> Option<(Changes<'a>, (Instant, i64))> {
        let mut changes = Changes::from_year_before(rule, t, kinds);
        let mut last = None;
        while changes.peek().0 <= t {
            last = Some(changes.peek());
            changes.advance();
        }
        Some((changes, last?))
    }

    /// The next change, without passing it.
    pub(super) fn peek(&self) -> (Instant, i64) {
        self.left
            .get(self.next)
            .copied()
            .unwrap_or((Instant::MAX, 0))
    }

    fn advance(&mut self) {
        self.next += 1;
        if self.next >= 2 {
            self.jan1 += 365 + i64::from(is_leap(self.year));
            self.year += 1;
            self.left = self.year_changes();
            self.next = 0;
        }
    }

    /// What is known of the rule's years.
    pub(super) fn kinds(&self) -> YearKinds {
        self.kinds
    }

    /// [`year_changes`] of the current year, worked out once per kind of year.
    fn year_changes(&mut self) -> [(Instant, i64); 2] {
        let (year, jan1) = (self.year, self.jan1);
        let kind = 2 * (jan1 + 4).rem_euclid(7) as usize + usize::from(is_leap(year));
        let base = jan1 * DAY;
        let shift = |[a, b]: [(Instant, i64); 2], by: i64| [(a.0 + by, a.1), (b.0 + by, b.1)];
        if let Some(Some(known)) = self.kinds.get(kind) {
            return shift(*known, base);
        }
        let (a, b) = year_changes(self.rule, year);
        if let Some(slot) = self.kinds.get_mut(kind) {
            *slot = Some(shift([a, b], -base));
        }
        [a, b]
    }
}

impl Iterator for Changes<'_> {
    type Item = (Instant, i64);

    fn next(&mut self) -> Option<(Instant, i64)> {
        let change = self.peek();
        self.advance();
        Some(change)
    }
}

/// The two changes of a year, in the order they happen: `(instant, offset from then)`.
/// (tz-rs checks that a rule's order within a year is the same every year.)
fn year_changes(rule: &AlternateTime, year: i64) -> ((Instant, i64), (Instant, i64)) {
    let std = i64::from(rule.std().ut_offset());
    let dst = i64::from(rule.dst().ut_offset());
    let (jan1, leap) = (month_start(year, 1), is_leap(year));
    let start = day_of(rule.dst_start(), jan1, leap) * DAY + i64::from(rule.dst_start_time()) - std;
    let end = day_of(rule.dst_end(), jan1, leap) * DAY + i64::from(rule.dst_end_time()) - dst;
    if start <= end {
        ((start, dst), (end, std))
    } else {
        ((end, std), (start, dst))
    }
}

/// The UTC year of an instant (proleptic Gregorian).
fn year_of(t: Instant) -> i64 {
    civil_from_days(t.div_euclid(DAY)).0
}

/// Days since 1970-01-01 of the first of a month (`month` may be 13: next January).
fn month_start(year: i64, month: u32) -> i64 {
    if month > 12 {
        days_from_civil(year + 1, 1, 1)
    } else {
        days_from_civil(year, month, 1)
    }
}

/// Days since 1970-01-01 of a rule's transition day in the year whose January 1
/// is day `jan1` (`leap`: whether it is a leap year).
fn day_of(day: &RuleDay, jan1: i64, leap: bool) -> i64 {
    // Days before the first of a month (1-12) of this year.
    let before = |month: i64| {
        let index = usize::try_from(month - 1).unwrap_or(0);
        DAYS_BEFORE_MONTH.get(index).copied().unwrap_or(0) + i64::from(leap && month > 2)
    };
    match day {
        // Day 1..=365, February 29 never counted.
        RuleDay::Julian1WithoutLeap(j) => {
            let n = i64::from(j.get());
            // Days after February (59 days before March) move by one in a leap year.
            jan1 + n - 1 + i64::from(leap && n > 59)
        }
        // Day 0..=365 counting February 29 (365 in a common year: next January 1).
        RuleDay::Julian0WithLeap(j) => jan1 + i64::from(j.get()),
        // The `week`-th `week_day` (0 = Sunday) of `month`; week 5 is the last.
        RuleDay::MonthWeekDay(mwd) => {
            let month = i64::from(mwd.month());
            let first = jan1 + before(month);
            let len = before(month + 1) - before(month);
            // 1970-01-01 was a Thursday (4).
            let first_weekday = (first + 4).rem_euclid(7);
            let mut day = (i64::from(mwd.week_day()) - first_weekday).rem_euclid(7)
                + 7 * (i64::from(mwd.week()) - 1);
            while day >= len {
                day -= 7;
            }
            first + day
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each kind of rule day (Jn, n, Mm.w.d with the last week and February) gives
    /// the changes tz-rs finds under the same rule, every year from 1890 to 2210.
    #[test]
    fn rule_days_agree_with_tz_rs() {
        use tz::timezone::{
            AlternateTime, Julian0WithLeap, Julian1WithoutLeap, LocalTimeType, MonthWeekDay,
            TimeZoneRef, TransitionRule,
        };
        let std = LocalTimeType::with_ut_offset(3_600).unwrap();
        let dst = LocalTimeType::with_ut_offset(2 * 3_600).unwrap();
        let j1 = |n| RuleDay::Julian1WithoutLeap(Julian1WithoutLeap::new(n).unwrap());
        let j0 = |n| RuleDay::Julian0WithLeap(Julian0WithLeap::new(n).unwrap());
        let m =
            |month, week, day| RuleDay::MonthWeekDay(MonthWeekDay::new(month, week, day).unwrap());
        let rules = [
            (j1(60), 7_200, j1(300), 10_800),
            (j1(59), 0, j1(365), 3_600),
            (j0(59), 7_200, j0(300), 3_600),
            (j0(1), 7_200, j0(364), 3_600),
            (m(3, 5, 0), 3_600, m(10, 5, 0), 3_600),
            (m(2, 5, 3), 7_200, m(11, 1, 6), 7_200),
            (m(2, 4, 1), -3_600, m(12, 5, 2), 90_000),
        ];
        for (start, start_time, end, end_time) in rules {
            let rule = AlternateTime::new(std, dst, start, start_time, end, end_time).unwrap();
            let extra = Some(TransitionRule::Alternate(rule));
            let types = [std];
            let zone = TimeZoneRef::new(&[], &types, &[], &extra).unwrap();
            let offset = |t: i64| i64::from(zone.find_local_time_type(t).unwrap().ut_offset());
            for year in 1890..2210 {
                let ((a, after_a), (b, after_b)) = year_changes(&rule, year);
                for (at, after) in [(a, after_a), (b, after_b)] {
                    assert_eq!(offset(at), after, "{rule:?} {year} {at}");
                    assert_ne!(offset(at - 1), after, "{rule:?} {year} {at}");
                }
            }
        }
    }

    #[test]
    fn calendar_arithmetic() {
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        for day in -200_000..200_000i64 {
            let date = epoch + chrono::Duration::days(day);
            use chrono::Datelike;
            assert_eq!(year_of(day * DAY + 43_210), i64::from(date.year()));
            if date.day() == 1 {
                assert_eq!(month_start(i64::from(date.year()), date.month()), day);
                if date.month() == 1 {
                    assert_eq!(month_start(i64::from(date.year()) - 1, 13), day);
                }
            }
        }
    }
}
