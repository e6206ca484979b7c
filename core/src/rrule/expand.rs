//! Expansion of one compiled RRULE on local wall-clock time.
//!
//! A rule is compiled once into bit masks and sorted lists (days of month, days of
//! year, week numbers, weekdays, times of day). Expansion walks periods (years,
//! months, weeks, days) as integers: per period it lists the candidate days, crosses
//! them with the times of day, applies BYSETPOS, and only then turns local times into
//! instants with a [`ZoneCursor`]. Sub-daily frequencies walk days and pick the hours,
//! minutes or seconds whose phase matches INTERVAL.
//!
//! Without COUNT the walk starts at the period that holds the window (a seek): the
//! cost of a window does not depend on how far DTSTART lies before it. A rule that
//! can never match is recognised by the calendar's 400-year cycle: once every state a
//! period can be in has come up empty, the rule is exhausted.

use super::occurrence::Occurrence;
use super::rule::{Freq, Rule, Until};
use crate::calendar::{
    civil_from_days, days_from_civil, is_leap, month_len, month_offset, week_one_start, week_start,
    weekday, year_len, YearWeeks,
};
use crate::time::{wall_seconds, Instant, MAX_INSTANT};
use crate::tz::{Zone, ZoneCursor};

const DAY: i64 = 86_400;
/// Days in the Gregorian cycle of 400 years; weeks and months in it.
const CYCLE_DAYS: i64 = 146_097;
const CYCLE_WEEKS: i64 = 20_871;
const CYCLE_MONTHS: i64 = 4_800;
const CYCLE_YEARS: i64 = 400;
/// Local times generated before they are turned into instants together.
const BATCH: usize = 256;

/// A set of small integers `0..=383` as bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Bits([u64; 6]);

impl Bits {
    fn insert(&mut self, n: u32) {
        if let Some(word) = self.0.get_mut((n / 64) as usize) {
            *word |= 1 << (n % 64);
        }
    }
    #[inline]
    fn has(&self, n: u32) -> bool {
        self.0
            .get((n / 64) as usize)
            .is_some_and(|word| word & (1 << (n % 64)) != 0)
    }
    fn from_signed(values: &[i32]) -> (Bits, Bits) {
        let (mut pos, mut neg) = (Bits::default(), Bits::default());
        for &v in values {
            if v > 0 {
                pos.insert(v as u32);
            } else {
                neg.insert(v.unsigned_abs());
            }
        }
        (pos, neg)
    }
    fn from_unsigned(values: &[u32]) -> Bits {
        let mut bits = Bits::default();
        for &v in values {
            bits.insert(v);
        }
        bits
    }
    fn and(&self, other: &Bits) -> Bits {
        let mut out = *self;
        for (a, b) in out.0.iter_mut().zip(other.0.iter()) {
            *a &= b;
        }
        out
    }
    /// The `len` bits (at most 64) from bit `start`, as the low bits of a word.
    #[inline]
    fn window(&self, start: u32, len: u32) -> u64 {
        let (word, shift) = ((start / 64) as usize, start % 64);
        let low = self.0.get(word).copied().unwrap_or(0) >> shift;
        let high = match shift {
            0 => 0,
            _ => self.0.get(word + 1).copied().unwrap_or(0) << (64 - shift),
        };
        let bits = low | high;
        if len >= 64 {
            bits
        } else {
            bits & ((1 << len) - 1)
        }
    }
    fn all(n: u32) -> Bits {
        let mut bits = Bits::default();
        for (i, word) in bits.0.iter_mut().enumerate() {
            let below = n.saturating_sub(64 * i as u32);
            *word = match below {
                0 => 0,
                1..=63 => (1u64 << below) - 1,
                _ => u64::MAX,
            };
        }
        bits
    }
    /// Add the members of `word` moved up by `start`.
    #[inline]
    fn or_at(&mut self, start: u32, word: u64) {
        let (index, shift) = ((start / 64) as usize, start % 64);
        if let Some(w) = self.0.get_mut(index) {
            *w |= word << shift;
        }
        if shift != 0 {
            if let Some(w) = self.0.get_mut(index + 1) {
                *w |= word >> (64 - shift);
            }
        }
    }
    /// How many members.
    #[inline]
    fn count(&self) -> usize {
        // Most words of a period are empty (a month's days are all in the first):
        // skip them before counting (no popcount instruction on baseline x86-64).
        self.0
            .iter()
            .filter(|&&w| w != 0)
            .map(|w| w.count_ones() as usize)
            .sum()
    }
    /// The `k`-th member (0-based, ascending), if there is one.
    #[inline]
    fn nth(&self, mut k: usize) -> Option<u32> {
        for (i, &word) in self.0.iter().enumerate() {
            if word == 0 {
                continue;
            }
            let ones = word.count_ones() as usize;
            if k < ones {
                return nth_set_bit(word, k).map(|b| 64 * i as u32 + b);
            }
            k -= ones;
        }
        None
    }
    /// The members, ascending.
    fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    64 * i as u32 + bit
                })
            })
        })
    }
}

/// A signed BY* list as "from the start" and "from the end" bits.
#[derive(Debug, Clone, Copy)]
struct Signed {
    pos: Bits,
    neg: Bits,
}

impl Signed {
    fn new(values: &[i32]) -> Option<Signed> {
        if values.is_empty() {
            return None;
        }
        let (pos, neg) = Bits::from_signed(values);
        Some(Signed { pos, neg })
    }
    /// Whether the 1-based position `n` of `len` matches.
    #[inline]
    fn has(&self, n: u32, len: u32) -> bool {
        self.pos.has(n) || self.neg.has(len + 1 - n)
    }
}

/// A rule compiled for expansion in one zone.
#[derive(Debug, Clone)]
pub(super) struct CompiledRule {
    freq: Freq,
    interval: i64,
    count: Option<u64>,
    until: Option<Instant>,
    dt_wall: i64,
    months: Option<Bits>,
    month_days: Option<Signed>,
    year_days: Option<Signed>,
    week_numbers: Option<Signed>,
    /// BYYEARDAY and BYWEEKNO as written (year masks walk these).
    year_day_list: Vec<i32>,
    week_number_list: Vec<i32>,
    weekdays: Bits,
    ordinals: Vec<(i32, u32)>,
    has_by_day: bool,
    /// Ordinals count within the month (MONTHLY, or YEARLY with BYMONTH).
    ordinals_in_month: bool,
    /// DAILY and coarser: the sorted times of day, in seconds.
    times: Vec<u32>,
    /// Sub-daily: the hours, minutes and seconds that pass (limits) ...
    hour_bits: Bits,
    minute_bits: Bits,
    second_bits: Bits,
    /// ... and the finer parts a period expands into.
    minutes: Vec<u32>,
    seconds: Vec<u32>,
    /// Sub-daily: the seconds after a unit's start (hour, minute, second) that its
    /// finer parts give, ascending.
    unit_offsets: Vec<u32>,
    /// The minutes and seconds of `minute_bits` and `second_bits`, ascending.
    minute_list: Vec<u32>,
    second_list: Vec<u32>,
    set_pos: Vec<i32>,
    wkst: u32,
    /// Bit `d` set when day `d` (0-based) of a month starting on weekday `i` passes
    /// the plain BYDAY weekdays; all ones without BYDAY.
    weekday_patterns: [u64; 7],
    /// BYMONTHDAY as bits of 0-based days, for months of 28, 29, 30 and 31 days.
    month_day_masks: [u64; 4],
    /// Only BYDAY weekdays (or nothing) filter days: no civil date needed per day.
    weekday_filter_only: bool,
    /// The rule can never produce an instance (found by analysis).
    never: bool,
    /// Consecutive empty periods after which the rule is exhausted.
    empty_cycle: i64,
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

impl CompiledRule {
    pub(super) fn new(rule: &Rule, dtstart: chrono::NaiveDateTime, zone: Zone) -> CompiledRule {
        use chrono::{Datelike, Timelike};
        let dt_wall = wall_seconds(dtstart);
        let (dt_month, dt_day, dt_weekday) = (
            dtstart.month(),
            dtstart.day(),
            dtstart.weekday().num_days_from_monday(),
        );
        let (dt_hour, dt_minute, dt_second) = (dtstart.hour(), dtstart.minute(), dtstart.second());

        let mut by_month = rule.by_month.clone();
        let mut by_month_day = rule.by_month_day.clone();
        let mut by_day = rule.by_day.clone();
        let no_day_parts = rule.by_week_no.is_empty()
            && rule.by_year_day.is_empty()
            && rule.by_month_day.is_empty()
            && rule.by_day.is_empty();
        match rule.freq {
            Freq::Yearly if no_day_parts => {
                if by_month.is_empty() {
                    by_month.push(dt_month);
                }
                by_month_day.push(dt_day as i32);
            }
            Freq::Yearly
                if !rule.by_week_no.is_empty()
                    && rule.by_day.is_empty()
                    && rule.by_month_day.is_empty()
                    && rule.by_year_day.is_empty() =>
            {
                by_day.push(super::rule::WeekdayNum {
                    ordinal: None,
                    weekday: dt_weekday,
                });
            }
            Freq::Monthly if rule.by_month_day.is_empty() && rule.by_day.is_empty() => {
                by_month_day.push(dt_day as i32);
            }
            Freq::Weekly if rule.by_day.is_empty() => by_day.push(super::rule::WeekdayNum {
                ordinal: None,
                weekday: dt_weekday,
            }),
            _ => {}
        }

        let mut weekdays = Bits::default();
        let mut ordinals = Vec::new();
        for d in &by_day {
            match d.ordinal {
                Some(n) => ordinals.push((n, d.weekday)),
                None => weekdays.insert(d.weekday),
            }
        }

        let or_default = |list: &[u32], default: u32| -> Vec<u32> {
            if list.is_empty() {
                vec![default]
            } else {
                list.to_vec()
            }
        };
        let hours = or_default(&rule.by_hour, dt_hour);
        let minutes_all = or_default(&rule.by_minute, dt_minute);
        // A leap second (BYSECOND=60) is never a valid time: it produces nothing.
        let seconds_all: Vec<u32> = or_default(&rule.by_second, dt_second)
            .into_iter()
            .filter(|s| *s < 60)
            .collect();

        let mut times = Vec::new();
        if rule.freq >= Freq::Daily {
            for &h in &hours {
                for &m in &minutes_all {
                    for &s in &seconds_all {
                        times.push(h * 3600 + m * 60 + s);
                    }
                }
            }
            times.sort_unstable();
        }

        let until = rule.until.map(|u| match u {
            Until::Utc(dt) => wall_seconds(dt),
            Until::Floating(dt) => zone.resolve(dt),
            Until::Date(d) => zone.resolve(d.and_time(chrono::NaiveTime::MIN)) + DAY - 1,
        });

        let interval = i64::from(rule.interval);
        let mut compiled = CompiledRule {
            freq: rule.freq,
            interval,
            count: rule.count,
            until,
            dt_wall,
            months: (!by_month.is_empty()).then(|| Bits::from_unsigned(&by_month)),
            month_days: Signed::new(&by_month_day),
            year_days: Signed::new(&rule.by_year_day),
            week_numbers: Signed::new(&rule.by_week_no),
            year_day_list: rule.by_year_day.clone(),
            week_number_list: rule.by_week_no.clone(),
            weekdays,
            has_by_day: !by_day.is_empty(),
            ordinals_in_month: rule.freq == Freq::Monthly || !by_month.is_empty(),
            ordinals,
            times,
            hour_bits: if rule.by_hour.is_empty() {
                Bits::all(24)
            } else {
                Bits::from_unsigned(&rule.by_hour)
            },
            minute_bits: if rule.by_minute.is_empty() {
                Bits::all(60)
            } else {
                Bits::from_unsigned(&rule.by_minute)
            },
            second_bits: if rule.by_second.is_empty() {
                Bits::all(60)
            } else {
                Bits::from_unsigned(&rule.by_second)
            },
            unit_offsets: match rule.freq {
                Freq::Hourly => {
                    let mut offsets: Vec<u32> = minutes_all
                        .iter()
                        .flat_map(|&m| seconds_all.iter().map(move |&s| m * 60 + s))
                        .collect();
                    offsets.sort_unstable();
                    offsets
                }
                Freq::Minutely => seconds_all.clone(),
                Freq::Secondly => vec![0],
                _ => Vec::new(),
            },
            minute_list: Vec::new(),
            second_list: Vec::new(),
            minutes: minutes_all,
            seconds: seconds_all,
            set_pos: rule.by_set_pos.clone(),
            wkst: rule.wkst,
            weekday_patterns: [0; 7],
            month_day_masks: [0; 4],
            weekday_filter_only: by_month.is_empty()
                && by_month_day.is_empty()
                && rule.by_year_day.is_empty()
                && rule.by_week_no.is_empty(),
            never: false,
            empty_cycle: 0,
        };
        // BYDAY weekdays as 7 bits (Monday = bit 0), repeated over 38 days from each
        // possible first weekday.
        let week: u64 = if compiled.has_by_day {
            (0..7)
                .filter(|&d| weekdays.has(d))
                .fold(0, |m, d| m | 1 << d)
        } else {
            0x7f
        };
        for (first, pattern) in compiled.weekday_patterns.iter_mut().enumerate() {
            let rotated = ((week >> first) | (week << (7 - first))) & 0x7f;
            *pattern = (0..6).fold(0u64, |p, k| p | rotated << (7 * k)) & ((1u64 << 38) - 1);
        }
        for (i, mask) in compiled.month_day_masks.iter_mut().enumerate() {
            let len = 28 + i as u32;
            *mask = match &compiled.month_days {
                Some(md) => {
                    let in_month = |n: &u32| (1..=len).contains(n);
                    let from_start = md.pos.ones().filter(in_month);
                    let from_end = md.neg.ones().filter(in_month).map(|n| len + 1 - n);
                    from_start
                        .chain(from_end)
                        .fold(0, |m, dom| m | 1 << (dom - 1))
                }
                None => u64::MAX,
            };
        }
        if rule.freq < Freq::Hourly {
            compiled.minute_list = (0..60).filter(|&m| compiled.minute_bits.has(m)).collect();
            compiled.second_list = (0..60).filter(|&s| compiled.second_bits.has(s)).collect();
        }
        compiled.never = !compiled.can_match_time_of_day();
        compiled.empty_cycle = compiled.cycle_length();
        compiled
    }

    /// Seconds per period of a sub-daily rule.
    fn unit(&self) -> i64 {
        match self.freq {
            Freq::Hourly => 3600,
            Freq::Minutely => 60,
            _ => 1,
        }
    }

    /// Whether some time of day can ever carry an instance (times exist and, for
    /// sub-daily rules, one of them is in phase with INTERVAL on some day).
    fn can_match_time_of_day(&self) -> bool {
        if !self.set_pos.is_empty()
            && !self
                .set_pos
                .iter()
                .any(|p| p.unsigned_abs() as usize <= self.max_period_size())
        {
            return false;
        }
        if self.freq >= Freq::Daily {
            return !self.times.is_empty();
        }
        if self.seconds.is_empty() && self.freq != Freq::Secondly {
            return false;
        }
        let unit = self.unit();
        let per_day = DAY / unit;
        let g = gcd(per_day, self.interval);
        let phase = self.dt_wall.div_euclid(unit).rem_euclid(g);
        (0..per_day).any(|j| j.rem_euclid(g) == phase && self.unit_passes(j))
    }

    /// The most instances one period can hold before BYSETPOS: a BYSETPOS beyond it
    /// never selects anything.
    fn max_period_size(&self) -> usize {
        let days = match self.freq {
            Freq::Yearly => 366,
            Freq::Monthly => 31,
            Freq::Weekly => 7,
            Freq::Daily => 1,
            Freq::Hourly => return self.minutes.len() * self.seconds.len(),
            Freq::Minutely => return self.seconds.len(),
            Freq::Secondly => return 1,
        };
        days * self.times.len()
    }

    /// Whether the `j`-th unit of a day (hour, minute or second) passes the limits.
    #[inline]
    fn unit_passes(&self, j: i64) -> bool {
        let j = j as u32;
        match self.freq {
            Freq::Hourly => self.hour_bits.has(j),
            Freq::Minutely => self.hour_bits.has(j / 60) && self.minute_bits.has(j % 60),
            _ => {
                self.hour_bits.has(j / 3600)
                    && self.minute_bits.has((j / 60) % 60)
                    && self.second_bits.has(j % 60)
            }
        }
    }

    /// Periods after which the calendar repeats every state a period can be in.
    fn cycle_length(&self) -> i64 {
        let k = self.interval;
        match self.freq {
            Freq::Yearly => CYCLE_YEARS / gcd(CYCLE_YEARS, k),
            Freq::Monthly => CYCLE_MONTHS / gcd(CYCLE_MONTHS, k),
            Freq::Weekly => CYCLE_WEEKS / gcd(CYCLE_WEEKS, k),
            Freq::Daily => CYCLE_DAYS / gcd(CYCLE_DAYS, k),
            _ => {
                // Days: the calendar's cycle times the cycle of the phase of INTERVAL.
                let per_day = DAY / self.unit();
                let phase_cycle = k / gcd(per_day, k);
                let both = CYCLE_DAYS / gcd(CYCLE_DAYS, phase_cycle) * phase_cycle;
                both.min(4 * CYCLE_DAYS * 25)
            }
        }
    }

    /// The period index that holds a day (days for DAILY and finer).
    fn period_of_day(&self, day: i64) -> i64 {
        match self.freq {
            Freq::Yearly => civil_from_days(day).0,
            Freq::Monthly => {
                let (y, m, _) = civil_from_days(day);
                y * 12 + i64::from(m) - 1
            }
            Freq::Weekly => (week_start(day, self.wkst) - self.week_origin()).div_euclid(7),
            _ => day,
        }
    }

    /// A day whose weekday is WKST: week indices count from it.
    fn week_origin(&self) -> i64 {
        4 + i64::from(self.wkst)
    }

    /// The first day of a period.
    fn period_start_day(&self, period: i64) -> i64 {
        match self.freq {
            Freq::Yearly => days_from_civil(period, 1, 1),
            Freq::Monthly => {
                days_from_civil(period.div_euclid(12), (period.rem_euclid(12) + 1) as u32, 1)
            }
            Freq::Weekly => self.week_origin() + 7 * period,
            _ => period,
        }
    }

    /// The step from one period to the next generated one.
    fn period_step(&self) -> i64 {
        if self.freq >= Freq::Daily {
            self.interval
        } else {
            1
        }
    }

    /// Whether a day passes BYMONTH, BYMONTHDAY, BYYEARDAY, BYWEEKNO and BYDAY.
    /// `ordinal_days` are the days the BYDAY ordinals pick in the day's span.
    #[inline]
    fn day_passes(&self, day: i64, y: i64, m: u32, dom: u32, ordinal_days: &[i64]) -> bool {
        if let Some(months) = &self.months {
            if !months.has(m) {
                return false;
            }
        }
        if let Some(md) = &self.month_days {
            if !md.has(dom, month_len(y, m)) {
                return false;
            }
        }
        if let Some(yd) = &self.year_days {
            let yday = (day - days_from_civil(y, 1, 1) + 1) as u32;
            if !yd.has(yday, year_len(y)) {
                return false;
            }
        }
        if let Some(wn) = &self.week_numbers {
            // Only YEARLY rules have BYWEEKNO, and they go through `year_mask`.
            let (n, weeks) = YearWeeks::new(y, self.wkst).number(day);
            if !wn.has(n as u32, weeks as u32) {
                return false;
            }
        }
        if self.has_by_day && !self.weekdays.has(weekday(day)) && !ordinal_days.contains(&day) {
            return false;
        }
        true
    }

    /// [`CompiledRule::day_passes`] for rules without BYDAY ordinals, computing the
    /// civil date only when a part needs it.
    #[inline]
    fn plain_day_passes(&self, day: i64) -> bool {
        if self.weekday_filter_only {
            return !self.has_by_day || self.weekdays.has(weekday(day));
        }
        let (y, m, dom) = civil_from_days(day);
        self.day_passes(day, y, m, dom, &[])
    }

    /// The days of a month that pass BYMONTHDAY and BYDAY, as bits of 0-based days
    /// (only for rules without BYYEARDAY and BYWEEKNO).
    fn month_bits(&self, first: i64, len: u32, ordinal_days: &[i64]) -> u64 {
        let all = (1u64 << len) - 1;
        let month_days = self
            .month_day_masks
            .get(len.saturating_sub(28) as usize)
            .copied()
            .unwrap_or(0);
        let mut days = self
            .weekday_patterns
            .get(weekday(first) as usize)
            .copied()
            .unwrap_or(0);
        for &d in ordinal_days {
            if d >= first && d < first + i64::from(len) {
                days |= 1 << (d - first);
            }
        }
        all & month_days & days
    }

    /// The days of year `y` (bit 0: January 1) that pass BYYEARDAY and BYWEEKNO,
    /// worked out once per year (by list entry and by week, not by day); `None`
    /// when the rule has neither.
    fn year_mask(&self, y: i64) -> Option<Bits> {
        if self.year_days.is_none() && self.week_numbers.is_none() {
            return None;
        }
        let len = year_len(y);
        let mut mask = Bits::all(len);
        if self.year_days.is_some() {
            let mut days = Bits::default();
            for &v in &self.year_day_list {
                let n = v.unsigned_abs();
                if (1..=len).contains(&n) {
                    days.insert(if v > 0 { n - 1 } else { len - n });
                }
            }
            mask = mask.and(&days);
        }
        if self.week_numbers.is_some() {
            let jan1 = days_from_civil(y, 1, 1);
            let starts = [
                week_one_start(y - 1, self.wkst),
                week_one_start(y, self.wkst),
                week_one_start(y + 1, self.wkst),
                week_one_start(y + 2, self.wkst),
            ];
            let mut days = Bits::default();
            // Weeks of the week-years that overlap year `y`: seven days a week.
            for pair in starts.windows(2) {
                let [first, next] = [pair.first(), pair.get(1)].map(|d| d.copied().unwrap_or(0));
                let weeks = (next - first) / 7;
                for &v in &self.week_number_list {
                    let n = if v > 0 {
                        i64::from(v)
                    } else {
                        weeks + 1 + i64::from(v)
                    };
                    if !(1..=weeks).contains(&n) {
                        continue;
                    }
                    let start = first + 7 * (n - 1) - jan1;
                    if start >= 0 {
                        days.or_at(start as u32, 0x7f);
                    } else if start > -7 {
                        days.or_at(0, 0x7f >> -start);
                    }
                }
            }
            mask = mask.and(&days);
        }
        Some(mask)
    }

    /// Append the days of a month that pass, ascending. `year` is the year's mask
    /// (see [`CompiledRule::year_mask`]) with the day number of its January 1.
    fn month_days_into(
        &self,
        (first, len): (i64, u32),
        ordinal_days: &[i64],
        year: Option<(&Bits, i64)>,
        days: &mut Vec<i64>,
    ) {
        let mut bits = u64::MAX;
        if let Some((mask, jan1)) = year {
            bits = mask.window((first - jan1) as u32, len);
            if bits == 0 {
                return;
            }
        }
        bits &= self.month_bits(first, len, ordinal_days);
        while bits != 0 {
            days.push(first + i64::from(bits.trailing_zeros()));
            bits &= bits - 1;
        }
    }

    /// The days BYDAY ordinals pick in `[start, end)`.
    fn ordinal_days(&self, start: i64, end: i64, out: &mut Vec<i64>) {
        out.clear();
        for &(n, wd) in &self.ordinals {
            let day = if n > 0 {
                let first = start + i64::from((wd + 7 - weekday(start)) % 7);
                first + 7 * i64::from(n - 1)
            } else {
                let last = end - 1 - i64::from((weekday(end - 1) + 7 - wd) % 7);
                last - 7 * i64::from(-n - 1)
            };
            if day >= start && day < end {
                out.push(day);
            }
        }
    }

    /// The candidate days of a DAILY..YEARLY period, ascending.
    fn period_days(
        &self,
        period: i64,
        days: &mut Vec<i64>,
        scratch: &mut Vec<i64>,
        masks: &mut YearMasks,
    ) {
        days.clear();
        scratch.clear();
        match self.freq {
            Freq::Yearly => {
                let y = period;
                let jan1 = days_from_civil(y, 1, 1);
                let year_mask = masks.get(self, y, jan1);
                let year = year_mask.as_ref().map(|mask| (mask, jan1));
                if !self.ordinals_in_month && !self.ordinals.is_empty() {
                    self.ordinal_days(
                        days_from_civil(y, 1, 1),
                        days_from_civil(y + 1, 1, 1),
                        scratch,
                    );
                }
                for m in 1..=12u32 {
                    if self.months.is_some_and(|months| !months.has(m)) {
                        continue;
                    }
                    let first = jan1 + month_offset(y, m);
                    let len = month_len(y, m);
                    if self.ordinals_in_month && !self.ordinals.is_empty() {
                        self.ordinal_days(first, first + i64::from(len), scratch);
                    }
                    self.month_days_into((first, len), scratch, year, days);
                }
            }
            Freq::Monthly => {
                let (y, m) = (period.div_euclid(12), (period.rem_euclid(12) + 1) as u32);
                if self.months.is_some_and(|months| !months.has(m)) {
                    return;
                }
                let first = days_from_civil(y, m, 1);
                let len = month_len(y, m);
                self.ordinal_days(first, first + i64::from(len), scratch);
                let jan1 = days_from_civil(y, 1, 1);
                let year_mask = masks.get(self, y, jan1);
                let year = year_mask.as_ref().map(|mask| (mask, jan1));
                self.month_days_into((first, len), scratch, year, days);
            }
            Freq::Weekly => {
                let first = self.period_start_day(period);
                days.extend((first..first + 7).filter(|&day| self.plain_day_passes(day)));
            }
            _ => {
                if self.plain_day_passes(period) {
                    days.push(period);
                }
            }
        }
    }

    /// BYSETPOS over the grid `days x times` of a DAILY..YEARLY period, computed by
    /// position so the period's instances are never listed in full.
    fn set_pos_walls(
        &self,
        n_days: usize,
        day_at: impl Fn(usize) -> Option<i64>,
        walls: &mut Vec<i64>,
    ) {
        walls.clear();
        let per_day = self.times.len() as i64;
        let total = n_days as i64 * per_day;
        for &p in &self.set_pos {
            let index = if p > 0 {
                i64::from(p) - 1
            } else {
                total + i64::from(p)
            };
            if !(0..total).contains(&index) {
                continue;
            }
            let day = day_at((index / per_day) as usize);
            let time = self.times.get((index % per_day) as usize);
            if let (Some(day), Some(&time)) = (day, time) {
                walls.push(day * DAY + i64::from(time));
            }
        }
        walls.sort_unstable();
        walls.dedup();
    }

    /// The candidate days of year `y` (January 1 is day `jan1`), bit 0 January 1:
    /// what [`CompiledRule::period_days`] lists for a YEARLY period, a month's bits at
    /// a time.
    fn year_bits(&self, y: i64, jan1: i64, scratch: &mut Vec<i64>) -> Bits {
        let year_mask = self.year_mask(y);
        let mut out = Bits::default();
        scratch.clear();
        if !self.ordinals_in_month && !self.ordinals.is_empty() {
            self.ordinal_days(jan1, jan1 + i64::from(year_len(y)), scratch);
        }
        for m in 1..=12u32 {
            if self.months.is_some_and(|months| !months.has(m)) {
                continue;
            }
            let offset = month_offset(y, m);
            let (first, len) = (jan1 + offset, month_len(y, m));
            if self.ordinals_in_month && !self.ordinals.is_empty() {
                self.ordinal_days(first, first + i64::from(len), scratch);
            }
            let mut bits = self.month_bits(first, len, scratch);
            if let Some(mask) = &year_mask {
                bits &= mask.window(offset as u32, len);
            }
            out.or_at(offset as u32, bits);
        }
        out
    }

    /// Whether a period's candidate days come from a [`PeriodCache`]: YEARLY, MONTHLY
    /// without BYYEARDAY and BYWEEKNO, WEEKLY with only BYDAY weekdays.
    fn cached_periods(&self) -> bool {
        match self.freq {
            Freq::Yearly => true,
            Freq::Monthly => self.year_days.is_none() && self.week_numbers.is_none(),
            Freq::Weekly => self.weekday_filter_only,
            _ => false,
        }
    }

    /// The candidate days of a period (see [`CompiledRule::cached_periods`]) that
    /// starts on day `start`, as bits of days after it, the period's length in days
    /// and its slot in the cache (`None`: no candidate days, whatever the year).
    #[inline]
    fn period_bits(
        &self,
        period: i64,
        start: i64,
        cache: &mut PeriodCache,
        scratch: &mut Vec<i64>,
    ) -> (Bits, u32, Option<usize>) {
        if self.freq == Freq::Yearly {
            let (bits, slot) = cache.year(self, period, start, scratch);
            return (bits, year_len(period), Some(slot));
        }
        let (word, len, slot) = self.period_word(period, start, cache, scratch);
        (Bits([word, 0, 0, 0, 0, 0]), len, slot)
    }

    /// [`CompiledRule::period_bits`] of a MONTHLY or WEEKLY period, whose days fit
    /// in one word.
    #[inline(always)]
    fn period_word(
        &self,
        period: i64,
        start: i64,
        cache: &mut PeriodCache,
        scratch: &mut Vec<i64>,
    ) -> (u64, u32, Option<usize>) {
        match self.freq {
            Freq::Monthly => {
                let m = (period.rem_euclid(12) + 1) as u32;
                let len = month_len(period.div_euclid(12), m);
                if self.months.is_some_and(|months| !months.has(m)) {
                    return (0, len, None);
                }
                let (word, slot) = cache.month(self, start, len, scratch);
                (word, len, Some(slot))
            }
            _ => {
                let week = self
                    .weekday_patterns
                    .get(self.wkst as usize)
                    .copied()
                    .unwrap_or(0);
                (week & 0x7f, 7, Some(WEEK_SLOT))
            }
        }
    }

    /// Append the wall-clock seconds of one day of a DAILY..YEARLY period, ascending.
    #[inline]
    fn day_walls(&self, day: i64, walls: &mut Vec<i64>) {
        let base = day * DAY;
        if let [t] = self.times.as_slice() {
            // One time a day (the common case): no loop.
            walls.push(base + i64::from(*t));
        } else {
            walls.extend(self.times.iter().map(|&t| base + i64::from(t)));
        }
    }

    /// Append the wall-clock seconds of one day of a sub-daily rule, ascending, with
    /// BYSETPOS applied per hour (HOURLY), minute (MINUTELY) or second (SECONDLY).
    /// Only units (hours, minutes, seconds) that start before `hi` and end after `lo`
    /// (local wall seconds) are listed.
    fn sub_daily_walls(
        &self,
        day: i64,
        (lo, hi): (i64, i64),
        walls: &mut Vec<i64>,
        group: &mut Vec<i64>,
        scratch: &mut Vec<i64>,
    ) {
        if !self.plain_day_passes(day) {
            return;
        }
        let unit = self.unit();
        let per_day = DAY / unit;
        let dt_unit = self.dt_wall.div_euclid(unit);
        let base = day * DAY;
        let mut j = (dt_unit - day * per_day).rem_euclid(self.interval);
        // The first unit in phase that ends after `lo`, and the units starting before `hi`.
        let first = lo.saturating_sub(base).div_euclid(unit);
        if first > j {
            j += (first - j + self.interval - 1) / self.interval * self.interval;
        }
        let end = per_day.min(
            hi.saturating_sub(base)
                .saturating_add(unit - 1)
                .div_euclid(unit)
                .max(0),
        );
        if self.set_pos.is_empty() && self.interval == 1 && self.freq != Freq::Hourly {
            // Every unit is in phase: walk the hours, minutes and seconds that pass
            // instead of testing each unit of the day.
            let (per_hour, per_minute) = (3600 / unit, 60 / unit);
            for h in (j / per_hour).max(0)..=((end - 1) / per_hour).max(-1) {
                if !self.hour_bits.has(h as u32) {
                    continue;
                }
                for &m in &self.minute_list {
                    let minute = h * per_hour + i64::from(m) * per_minute;
                    if minute + per_minute <= j {
                        continue;
                    }
                    if minute >= end {
                        break;
                    }
                    if self.freq == Freq::Minutely {
                        let start = base + minute * unit;
                        for &offset in &self.unit_offsets {
                            walls.push(start + i64::from(offset));
                        }
                        continue;
                    }
                    for &sec in &self.second_list {
                        let u = minute + i64::from(sec);
                        if u >= end {
                            break;
                        }
                        if u >= j {
                            walls.push(base + u);
                        }
                    }
                }
            }
            return;
        }
        if self.set_pos.is_empty() {
            while j < end {
                if self.unit_passes(j) {
                    let start = base + j * unit;
                    for &offset in &self.unit_offsets {
                        walls.push(start + i64::from(offset));
                    }
                }
                j += self.interval;
            }
            return;
        }
        while j < end {
            if self.unit_passes(j) {
                let start = base + j * unit;
                group.clear();
                group.extend(self.unit_offsets.iter().map(|&o| start + i64::from(o)));
                apply_set_pos(&self.set_pos, group, scratch);
                walls.extend_from_slice(group);
            }
            j += self.interval;
        }
    }
}

/// The position of the `k`-th set bit (0-based, from the lowest), if there is one.
fn nth_set_bit(mut bits: u64, k: usize) -> Option<u32> {
    let ones = bits.count_ones() as usize;
    if k >= ones {
        return None;
    }
    if k < ones / 2 {
        for _ in 0..k {
            bits &= bits - 1;
        }
        Some(bits.trailing_zeros())
    } else {
        // Closer to the top: clear the highest bits instead.
        for _ in 0..ones - 1 - k {
            bits &= !(1u64 << (63 - bits.leading_zeros()));
        }
        Some(63 - bits.leading_zeros())
    }
}

/// Keep the BYSETPOS positions of a sorted period (1-based, negative from the end).
fn apply_set_pos(set_pos: &[i32], walls: &mut Vec<i64>, scratch: &mut Vec<i64>) {
    if set_pos.is_empty() {
        return;
    }
    let len = walls.len() as i64;
    scratch.clear();
    for &p in set_pos {
        let index = if p > 0 {
            i64::from(p) - 1
        } else {
            len + i64::from(p)
        };
        if (0..len).contains(&index) {
            if let Some(&w) = walls.get(index as usize) {
                scratch.push(w);
            }
        }
    }
    scratch.sort_unstable();
    scratch.dedup();
    walls.clear();
    walls.extend_from_slice(scratch);
}

/// Why a rule's walk stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WalkError {
    /// A COUNT rule needed to walk through more instances than allowed to reach the window.
    TooLongWalk,
}

/// The instances of one rule from a starting instant, ascending and unique.
///
/// Generation goes one day at a time (BYSETPOS periods at once, since they yield
/// few instances), so memory stays bounded by a few days of instances whatever the
/// rule.
pub(super) struct RuleIter<'a> {
    rule: &'a CompiledRule,
    cursor: ZoneCursor,
    next_period: i64,
    /// Candidate days of the current DAILY..YEARLY period and the next one to emit.
    period_days: Vec<i64>,
    day_index: usize,
    remaining: Option<u64>,
    pending: Pending,
    exhausted: bool,
    empty_streak: i64,
    /// Drop instances before this.
    from: Instant,
    /// Stop generating once every further instance is at or after this.
    horizon: Instant,
    /// The zone's smallest and largest offsets: the instant of a local time `w` lies
    /// in `[w - max_offset, w - min_offset]`.
    min_offset: i64,
    max_offset: i64,
    walked: u64,
    max_walk: u64,
    error: Option<WalkError>,
    last_emitted: Option<Instant>,
    walls: Vec<i64>,
    group: Vec<i64>,
    scratch: Vec<i64>,
    masks: YearMasks,
    cache: PeriodCache,
    /// The first day of `next_period` (WEEKLY and coarser).
    next_start: i64,
}

impl<'a> RuleIter<'a> {
    /// Instances at or after `from`; generation stops once instances reach `horizon`.
    /// A COUNT rule walks from DTSTART and gives up after `max_walk` instances
    /// before `from`. Local times become instants through `cursor` (one that has
    /// already read the zone's spans of the window saves reading them again).
    pub(super) fn new(
        rule: &'a CompiledRule,
        cursor: ZoneCursor,
        from: Instant,
        horizon: Instant,
        max_walk: u64,
    ) -> Self {
        let (min_offset, max_offset) = cursor.zone().offset_bounds();
        let dt_day = rule.dt_wall.div_euclid(DAY);
        let dt_period = rule.period_of_day(dt_day);
        let step = rule.period_step();
        let mut first = dt_period;
        if rule.count.is_none() {
            let wall_from = from.saturating_add(min_offset);
            let from_period = rule.period_of_day(wall_from.div_euclid(DAY));
            if from_period > dt_period {
                let behind = from_period - dt_period;
                first = dt_period + (behind + step - 1) / step * step;
                // Land on the period that holds `from`, or the last one before it.
                if first > from_period {
                    first -= step;
                }
            }
        }
        let mut horizon = horizon.min(MAX_INSTANT);
        if let Some(until) = rule.until {
            horizon = horizon.min(until.saturating_add(1));
        }
        RuleIter {
            rule,
            cursor,
            next_period: first,
            period_days: Vec::new(),
            day_index: 0,
            remaining: rule.count,
            pending: Pending::default(),
            exhausted: rule.never,
            empty_streak: 0,
            from,
            horizon,
            min_offset,
            max_offset,
            walked: 0,
            max_walk,
            error: None,
            last_emitted: None,
            walls: Vec::new(),
            group: Vec::new(),
            scratch: Vec::new(),
            masks: YearMasks::default(),
            cache: PeriodCache::default(),
            next_start: rule.period_start_day(first),
        }
    }

    /// Why the walk stopped early, if it did.
    pub(super) fn error(&self) -> Option<WalkError> {
        self.error
    }

    /// Append the instances before `to` to `out` until it holds `cap`: the bulk form
    /// of [`Iterator::next`], without a call per instance.
    pub(super) fn drain_into(&mut self, out: &mut Vec<Occurrence>, to: Instant, cap: usize) {
        while out.len() < cap {
            let frontier = if self.exhausted {
                Instant::MAX
            } else {
                self.generated_until_wall().saturating_sub(self.max_offset)
            };
            // `pending` is sorted: what is final and inside the window is a prefix.
            let live = self.pending.live();
            let ready = live.partition_point(|o| o.instant < frontier.min(to));
            let take = ready.min(cap - out.len());
            out.extend_from_slice(live.get(..take).unwrap_or(&[]));
            self.pending.consume(take);
            if out.len() >= cap
                || self
                    .pending
                    .front()
                    .is_some_and(|f| f.instant >= to && f.instant < frontier)
            {
                return;
            }
            if self.exhausted {
                return;
            }
            self.generate();
        }
    }

    /// Local wall seconds before which everything has been generated.
    #[inline]
    fn generated_until_wall(&self) -> i64 {
        match self.period_days.get(self.day_index) {
            Some(&day) => day.saturating_mul(DAY),
            None if self.rule.freq <= Freq::Daily => self.next_period.saturating_mul(DAY),
            None => self.next_start.saturating_mul(DAY),
        }
    }

    /// Generate the next days (or BYSETPOS periods) into `pending`: a batch of about
    /// [`BATCH`] local times, turned into instants in one pass.
    fn generate(&mut self) {
        let rule = self.rule;
        let mut walls = std::mem::take(&mut self.walls);
        walls.clear();
        // A COUNT rule generates no more local times than it has instances left
        // (those before DTSTART aside): none is made only to be dropped.
        let wanted = self.remaining.map_or(BATCH, |left| {
            BATCH.min(usize::try_from(left).unwrap_or(BATCH))
        });
        // A first batch starts with room for a few periods' worth.
        if walls.capacity() == 0 {
            walls.reserve(64);
        }
        if rule.freq == Freq::Daily && rule.set_pos.is_empty() {
            // The common DAILY rule: one day per step, no candidate list.
            let stop = self.horizon.saturating_add(self.max_offset);
            if rule.weekday_filter_only && !rule.has_by_day && !rule.times.is_empty() {
                // Every day passes: no test per day.
                let stop_day = stop.div_euclid(DAY) + i64::from(stop.rem_euclid(DAY) != 0);
                let mut day = self.next_period;
                while walls.len() < wanted {
                    if day >= stop_day {
                        self.exhausted = true;
                        break;
                    }
                    rule.day_walls(day, &mut walls);
                    day += rule.interval;
                }
                self.next_period = day;
                self.empty_streak = 0;
                self.take_walls(&walls);
                self.walls = walls;
                return;
            }
            while walls.len() < wanted {
                let day = self.next_period;
                if day.saturating_mul(DAY) >= stop || self.empty_streak >= rule.empty_cycle {
                    self.exhausted = true;
                    break;
                }
                let before = walls.len();
                if rule.plain_day_passes(day) {
                    rule.day_walls(day, &mut walls);
                }
                self.next_period += rule.interval;
                self.count_empty(walls.len() == before);
            }
            self.take_walls(&walls);
            self.walls = walls;
            return;
        }
        loop {
            if self.generated_until_wall().saturating_sub(self.max_offset) >= self.horizon
                || self.empty_streak >= rule.empty_cycle
            {
                self.exhausted = true;
                break;
            }
            self.generate_unit(&mut walls);
            if walls.len() >= wanted {
                break;
            }
        }
        self.take_walls(&walls);
        self.walls = walls;
    }

    /// Append the local times of the next day (or BYSETPOS period) to `walls`.
    #[inline]
    fn generate_unit(&mut self, walls: &mut Vec<i64>) {
        let rule = self.rule;
        let before = walls.len();
        if rule.freq < Freq::Daily {
            let lo = match rule.count {
                Some(_) => Instant::MIN,
                None => self.from.saturating_add(self.min_offset),
            };
            let hi = self.horizon.saturating_add(self.max_offset);
            rule.sub_daily_walls(
                self.next_period,
                (lo, hi),
                walls,
                &mut self.group,
                &mut self.scratch,
            );
            self.next_period += 1;
            self.count_empty(walls.len() == before);
        } else if rule.freq == Freq::Daily && rule.set_pos.is_empty() {
            // A DAILY period is one day: no list of candidate days to keep.
            let day = self.next_period;
            if rule.plain_day_passes(day) {
                rule.day_walls(day, walls);
            }
            self.next_period += rule.interval;
            self.count_empty(walls.len() == before);
        } else if let Some(&day) = self.period_days.get(self.day_index) {
            rule.day_walls(day, walls);
            self.day_index += 1;
        } else if rule.cached_periods() {
            let start = self.next_start;
            if rule.set_pos.is_empty() && rule.freq != Freq::Yearly {
                self.word_period(start, walls);
                return;
            }
            let (bits, len, slot) =
                rule.period_bits(self.next_period, start, &mut self.cache, &mut self.scratch);
            self.next_cached_period(start, len);
            let n = if rule.freq == Freq::Yearly {
                bits.count()
            } else {
                bits.0[0].count_ones() as usize
            };
            let empty = if rule.set_pos.is_empty() {
                n == 0
            } else {
                // The period's picks are worked out once per kind of period.
                let picks = match slot {
                    Some(slot) if n > 0 => self.cache.picks(rule, slot, &bits),
                    _ => &[],
                };
                let base = start * DAY;
                walls.extend(picks.iter().map(|&p| base + p));
                picks.is_empty()
            };
            if rule.set_pos.is_empty() && n * rule.times.len() <= 4 * BATCH {
                for d in bits.ones() {
                    rule.day_walls(start + i64::from(d), walls);
                }
            } else if rule.set_pos.is_empty() {
                // A big period goes out a day at a time.
                self.period_days.clear();
                self.period_days
                    .extend(bits.ones().map(|d| start + i64::from(d)));
                self.day_index = 0;
            }
            self.count_empty(empty);
        } else {
            let mut days = std::mem::take(&mut self.period_days);
            rule.period_days(
                self.next_period,
                &mut days,
                &mut self.scratch,
                &mut self.masks,
            );
            self.advance_period();
            self.day_index = 0;
            if rule.set_pos.is_empty() {
                self.count_empty(days.is_empty());
            } else {
                rule.set_pos_walls(days.len(), |k| days.get(k).copied(), &mut self.group);
                walls.extend_from_slice(&self.group);
                self.count_empty(walls.len() == before);
                days.clear();
            }
            self.period_days = days;
        }
    }

    /// The next WEEKLY or MONTHLY cached period without BYSETPOS, whose days are the
    /// bits of one word (at most 31): a period of a few times a day goes out at
    /// once, without counting.
    fn word_period(&mut self, start: i64, walls: &mut Vec<i64>) {
        let rule = self.rule;
        let (word, len, _) =
            rule.period_word(self.next_period, start, &mut self.cache, &mut self.scratch);
        self.next_cached_period(start, len);
        let few = rule.times.len() <= 4 * BATCH / 31
            || word.count_ones() as usize * rule.times.len() <= 4 * BATCH;
        let mut rest = word;
        if few {
            while rest != 0 {
                rule.day_walls(start + i64::from(rest.trailing_zeros()), walls);
                rest &= rest - 1;
            }
        } else {
            // A big period goes out a day at a time.
            self.period_days.clear();
            while rest != 0 {
                self.period_days
                    .push(start + i64::from(rest.trailing_zeros()));
                rest &= rest - 1;
            }
            self.day_index = 0;
        }
        self.count_empty(word == 0);
    }

    /// Step past a cached period that starts on day `start` and lasts `len` days.
    #[inline]
    fn next_cached_period(&mut self, start: i64, len: u32) {
        if self.rule.interval == 1 {
            self.next_period += 1;
            self.next_start = start + i64::from(len);
        } else {
            self.advance_period();
        }
    }

    /// Step to the next generated period (DAILY and coarser), keeping its first day
    /// by adding period lengths rather than converting a date.
    #[inline]
    fn advance_period(&mut self) {
        let rule = self.rule;
        let (from, step) = (self.next_period, rule.period_step());
        self.next_period += step;
        self.next_start = match rule.freq {
            Freq::Weekly => self.next_start + 7 * step,
            Freq::Monthly if step <= 12 => {
                const LEN: [i64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
                let (mut year, mut month) = (from.div_euclid(12), from.rem_euclid(12) as usize);
                let mut start = self.next_start;
                for _ in 0..step {
                    start += LEN.get(month).copied().unwrap_or(31)
                        + i64::from(month == 1 && is_leap(year));
                    month += 1;
                    if month == 12 {
                        (year, month) = (year + 1, 0);
                    }
                }
                start
            }
            Freq::Yearly if step <= 4 => {
                let mut start = self.next_start;
                for y in from..from + step {
                    start += i64::from(year_len(y));
                }
                start
            }
            Freq::Monthly | Freq::Yearly => rule.period_start_day(self.next_period),
            _ => self.next_start,
        };
    }

    fn count_empty(&mut self, empty: bool) {
        if empty {
            self.empty_streak += 1;
        } else {
            self.empty_streak = 0;
        }
    }

    /// Turn generated local times (ascending) into instants: DTSTART, COUNT, the
    /// window, UNTIL.
    fn take_walls(&mut self, walls: &[i64]) {
        let rule = self.rule;
        if rule.until.is_none() {
            // Local times before DTSTART are a prefix to skip; a COUNT rule takes what
            // it has left of the rest at once.
            let walls = walls
                .get(walls.partition_point(|&w| w < rule.dt_wall)..)
                .unwrap_or(&[]);
            let walls = match self.remaining.as_mut() {
                Some(left) => {
                    let take = walls
                        .len()
                        .min(usize::try_from(*left).unwrap_or(usize::MAX));
                    *left -= take as u64;
                    walls.get(..take).unwrap_or(&[])
                }
                None => walls,
            };
            // Local times too early for the window are not resolved (a COUNT walk
            // only counts them).
            let early = walls.partition_point(|&w| w < self.from.saturating_add(self.min_offset));
            let before_window =
                early as u64 + self.append_resolved(walls.get(early..).unwrap_or(&[]));
            if rule.count.is_some() {
                self.walked = self.walked.saturating_add(before_window);
                if self.walked > self.max_walk {
                    self.error = Some(WalkError::TooLongWalk);
                    self.exhausted = true;
                    return;
                }
            }
            if self.remaining == Some(0) {
                self.exhausted = true;
            }
            return;
        }
        for &wall in walls {
            if wall < rule.dt_wall {
                continue;
            }
            if let Some(left) = self.remaining.as_mut() {
                if *left == 0 {
                    break;
                }
                *left -= 1;
            }
            // Far enough before the window, a COUNT walk only counts.
            let instant = if wall < self.from.saturating_add(self.min_offset) {
                Instant::MIN
            } else {
                self.cursor.resolve_wall(wall)
            };
            if instant < self.from {
                if rule.count.is_some() {
                    self.walked += 1;
                    if self.walked > self.max_walk {
                        self.error = Some(WalkError::TooLongWalk);
                        self.exhausted = true;
                        return;
                    }
                }
                continue;
            }
            if rule.until.is_some_and(|until| instant > until) {
                continue;
            }
            self.pending.push(Occurrence { instant, wall });
        }
        if self.remaining == Some(0) {
            self.exhausted = true;
        }
    }

    /// Resolve ascending local times and append the instances at or after `from`;
    /// returns how many fell before it. The local times that share the cursor's
    /// cached span go over as a run: one subtraction each, no test.
    fn append_resolved(&mut self, walls: &[i64]) -> u64 {
        self.pending.items.reserve(walls.len());
        let mut before = 0u64;
        let mut rest = walls;
        while let Some((&wall, tail)) = rest.split_first() {
            let run = self.cursor.run_at(wall);
            let instant = match run {
                Some((offset, _)) => wall - offset,
                None => self.cursor.resolve_wall(wall),
            };
            let after_last = self
                .pending
                .live()
                .last()
                .is_none_or(|l| l.instant < instant);
            if let (Some((offset, end)), true) = (run, after_last) {
                if rest.get(SHORT_RUN).is_none_or(|&w| w >= end) {
                    // A short run (sparse instances, a transition every few) goes
                    // one at a time.
                    let mut n = 0;
                    for &wall in rest.iter().take_while(|&&w| w < end) {
                        let instant = wall - offset;
                        if instant >= self.from {
                            self.pending.items.push(Occurrence { instant, wall });
                        } else {
                            before += 1;
                        }
                        n += 1;
                    }
                    rest = rest.get(n.max(1)..).unwrap_or(&[]);
                    continue;
                }
                let n = count_below(rest, end);
                let run = rest.get(..n).unwrap_or(&[]);
                let skip = if instant >= self.from {
                    0
                } else {
                    run.partition_point(|&w| w - offset < self.from)
                };
                before += skip as u64;
                self.pending
                    .items
                    .extend(
                        run.get(skip..)
                            .unwrap_or(&[])
                            .iter()
                            .map(|&wall| Occurrence {
                                instant: wall - offset,
                                wall,
                            }),
                    );
                rest = rest.get(n.max(1)..).unwrap_or(&[]);
                continue;
            }
            if instant >= self.from {
                self.pending.push(Occurrence { instant, wall });
            } else {
                before += 1;
            }
            rest = tail;
        }
        before
    }
}

/// Runs of local times shorter than this are converted one at a time, longer ones
/// by finding their end and appending them at once.
const SHORT_RUN: usize = 4;

/// How many of the ascending `walls` are below `end`, galloping from the front: a
/// run of a few local times costs a few probes however many follow it.
#[inline]
fn count_below(walls: &[i64], end: i64) -> usize {
    // `walls[..known]` are below `end`; the answer is below `known + step`.
    let (mut known, mut step) = (0, 1);
    while walls.get(known + step - 1).is_some_and(|&w| w < end) {
        known += step;
        step *= 2;
    }
    let upper = (known + step - 1).min(walls.len());
    known
        + walls
            .get(known..upper)
            .unwrap_or(&[])
            .partition_point(|&w| w < end)
}

/// Year masks (see `CompiledRule::year_mask`) already worked out. A year's mask
/// depends only on the weekday of its January 1 and on which of it and the years
/// around it are leap years, so a long expansion computes a few dozen at most.
#[derive(Debug, Default)]
struct YearMasks {
    known: Vec<(u32, Option<Bits>)>,
}

impl YearMasks {
    fn get(&mut self, rule: &CompiledRule, y: i64, jan1: i64) -> Option<Bits> {
        if rule.year_days.is_none() && rule.week_numbers.is_none() {
            return None;
        }
        let key = weekday(jan1)
            | u32::from(is_leap(y - 1)) << 3
            | u32::from(is_leap(y)) << 4
            | u32::from(is_leap(y + 1)) << 5;
        if let Some((_, mask)) = self.known.iter().find(|(k, _)| *k == key) {
            return *mask;
        }
        let mask = rule.year_mask(y);
        self.known.push((key, mask));
        mask
    }
}

/// The candidate days of periods already worked out, by what they depend on. A
/// year's days depend only on the weekday of its January 1 and on which of it and
/// the years around it are leap years (BYWEEKNO looks at the week-years on both
/// sides); a month's (without BYYEARDAY and BYWEEKNO) on the weekday of its first
/// day and its length. A long expansion works out a few dozen years and at most 28
/// months, whatever its length.
#[derive(Debug)]
struct PeriodCache {
    /// One more than the index into `years` of a year key; 0: not worked out yet.
    year_index: [u8; 64],
    years: Vec<Bits>,
    /// Days of a month (bits) by `7 * (length - 28) + weekday of its first day`.
    months: [u64; 28],
    /// Which entries of `months` are worked out.
    months_known: u32,
    /// BYSETPOS picks by slot: months' keys, then years' indices from
    /// `YEAR_SLOTS`, then the week; empty until a rule with BYSETPOS needs them.
    picks: Vec<Option<Vec<i64>>>,
}

/// Where the years' slots start in `PeriodCache::picks` (after the 28 months'), and
/// the week's slot (after the at most 64 years').
const YEAR_SLOTS: usize = 28;
const WEEK_SLOT: usize = YEAR_SLOTS + 64;

impl Default for PeriodCache {
    fn default() -> Self {
        PeriodCache {
            year_index: [0; 64],
            years: Vec::new(),
            months: [0; 28],
            months_known: 0,
            picks: Vec::new(),
        }
    }
}

impl PeriodCache {
    /// The candidate days of year `y` (January 1 is day `jan1`), bit 0 January 1.
    #[inline]
    /// Also the year's slot for [`PeriodCache::picks`].
    fn year(
        &mut self,
        rule: &CompiledRule,
        y: i64,
        jan1: i64,
        scratch: &mut Vec<i64>,
    ) -> (Bits, usize) {
        let key = (weekday(jan1)
            | u32::from(is_leap(y - 1)) << 3
            | u32::from(is_leap(y)) << 4
            | u32::from(is_leap(y + 1)) << 5) as usize;
        let known = self.year_index.get(key).copied().unwrap_or(0);
        if let Some(index) = (known as usize).checked_sub(1) {
            if let Some(bits) = self.years.get(index) {
                return (*bits, YEAR_SLOTS + index);
            }
        }
        let bits = rule.year_bits(y, jan1, scratch);
        self.years.push(bits);
        if let Some(slot) = self.year_index.get_mut(key) {
            *slot = self.years.len() as u8;
        }
        (bits, YEAR_SLOTS + self.years.len() - 1)
    }

    /// The BYSETPOS picks of the period in `slot` (local seconds after the period's
    /// first midnight, ascending), worked out from its days `bits` the first time.
    fn picks(&mut self, rule: &CompiledRule, slot: usize, bits: &Bits) -> &[i64] {
        if self.picks.is_empty() {
            self.picks = vec![None; WEEK_SLOT + 1];
        }
        let known = self.picks.get(slot).is_some_and(Option::is_some);
        if !known {
            let mut walls = Vec::new();
            let n = bits.count();
            rule.set_pos_walls(n, |k| bits.nth(k).map(i64::from), &mut walls);
            if let Some(entry) = self.picks.get_mut(slot) {
                *entry = Some(walls);
            }
        }
        self.picks
            .get(slot)
            .and_then(|p| p.as_deref())
            .unwrap_or(&[])
    }

    /// The candidate days of a month starting on day `first` with `len` days, bit 0
    /// its first day (BYMONTH checked by the caller).
    /// Also the month's slot for [`PeriodCache::picks`]. (A look-up, inlined into
    /// the walk; working a kind of month out the first time is not.)
    #[inline(always)]
    fn month(
        &mut self,
        rule: &CompiledRule,
        first: i64,
        len: u32,
        scratch: &mut Vec<i64>,
    ) -> (u64, usize) {
        let key = 7 * len.saturating_sub(28) + weekday(first);
        if self.months_known & (1 << key) != 0 {
            return (
                self.months.get(key as usize).copied().unwrap_or(0),
                key as usize,
            );
        }
        self.new_month(rule, first, len, key, scratch)
    }

    /// [`PeriodCache::month`] for a kind of month not worked out yet.
    #[inline(never)]
    fn new_month(
        &mut self,
        rule: &CompiledRule,
        first: i64,
        len: u32,
        key: u32,
        scratch: &mut Vec<i64>,
    ) -> (u64, usize) {
        rule.ordinal_days(first, first + i64::from(len), scratch);
        let bits = rule.month_bits(first, len, scratch);
        if let Some(slot) = self.months.get_mut(key as usize) {
            *slot = bits;
            self.months_known |= 1 << key;
        }
        (bits, key as usize)
    }
}

/// Generated instances not handed over yet, ascending: a vector read from `head`.
#[derive(Debug, Default)]
struct Pending {
    items: Vec<Occurrence>,
    head: usize,
}

impl Pending {
    /// The instances not handed over yet.
    #[inline]
    fn live(&self) -> &[Occurrence] {
        self.items.get(self.head..).unwrap_or(&[])
    }

    fn front(&self) -> Option<Occurrence> {
        self.items.get(self.head).copied()
    }

    /// Hand over the first `n`.
    #[inline]
    fn consume(&mut self, n: usize) {
        self.head += n;
        if self.head >= self.items.len() {
            self.items.clear();
            self.head = 0;
        } else if self.head >= 1024 && 2 * self.head >= self.items.len() {
            self.items.drain(..self.head);
            self.head = 0;
        }
    }

    /// Append, or insert where it belongs (see [`Pending::insert_sorted`]).
    #[inline(always)]
    fn push(&mut self, occ: Occurrence) {
        match self.items.last() {
            Some(last) if self.head < self.items.len() && last.instant >= occ.instant => {
                self.insert_sorted(occ)
            }
            _ => self.items.push(occ),
        }
    }

    /// Insert keeping ascending, unique instants. Where two written times share an
    /// instant (one was shifted by a DST gap onto the other), the one that was not
    /// shifted stays: it is the later written time ([`Occurrence::prefer`]).
    #[inline]
    fn insert_sorted(&mut self, occ: Occurrence) {
        match self.live().last() {
            Some(last) if last.instant >= occ.instant => {
                let index = self.head + self.live().partition_point(|p| p.instant < occ.instant);
                match self.items.get_mut(index) {
                    Some(p) if p.instant == occ.instant => *p = p.prefer(occ),
                    _ => self.items.insert(index, occ),
                }
            }
            _ => self.items.push(occ),
        }
    }
}

impl Iterator for RuleIter<'_> {
    type Item = Occurrence;

    fn next(&mut self) -> Option<Occurrence> {
        loop {
            // Instances before the earliest instant still to be generated are final.
            let frontier = self.generated_until_wall().saturating_sub(self.max_offset);
            if let Some(front) = self.pending.front() {
                if self.exhausted || front.instant < frontier {
                    self.pending.consume(1);
                    if self.last_emitted == Some(front.instant) {
                        continue;
                    }
                    self.last_emitted = Some(front.instant);
                    return Some(front);
                }
            }
            if self.exhausted {
                return None;
            }
            self.generate();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// MINUTELY and SECONDLY rules without INTERVAL walk the hours, minutes and
    /// seconds that pass: the same instants as testing every second of the window.
    #[test]
    fn counting_below_by_galloping_matches_a_binary_search() {
        for len in 0..40usize {
            let walls: Vec<i64> = (0..len as i64).map(|i| i * 3 - 10).collect();
            for end in -14..len as i64 * 3 - 5 {
                let expected = walls.partition_point(|&w| w < end);
                assert_eq!(super::count_below(&walls, end), expected, "{len} {end}");
            }
        }
    }

    #[test]
    fn sub_daily_walks_equal_testing_every_second() {
        let rules = [
            "FREQ=SECONDLY;BYSECOND=0,15,59",
            "FREQ=SECONDLY;BYMINUTE=0,59;BYHOUR=0,13,23",
            "FREQ=SECONDLY;BYHOUR=5;BYMINUTE=7;BYSECOND=7,8",
            "FREQ=MINUTELY;BYHOUR=1,2;BYSECOND=5,50",
            "FREQ=MINUTELY;BYMINUTE=0,30",
            "FREQ=MINUTELY",
        ];
        let dtstart = chrono::NaiveDate::from_ymd_opt(2026, 3, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 10))
            .unwrap();
        let dt_wall = wall_seconds(dtstart);
        for text in rules {
            let rule = Rule::parse(text).unwrap();
            let compiled = CompiledRule::new(&rule, dtstart, Zone::UTC);
            // Windows that cut into hours and minutes.
            for (from, to) in [(0, 2 * DAY), (3_601 + 17, 7_300), (DAY - 61, DAY + 61)] {
                let (from, to) = (dt_wall + from, dt_wall + to);
                let got: Vec<i64> =
                    RuleIter::new(&compiled, ZoneCursor::new(Zone::UTC), from, to, u64::MAX)
                        .map(|o| o.instant)
                        .take_while(|&t| t < to)
                        .collect();
                let unit_ok = |t: i64| {
                    let sec = t.rem_euclid(DAY);
                    let (h, m, s) = (sec / 3600, sec / 60 % 60, sec % 60);
                    let hour = rule.by_hour.is_empty() || rule.by_hour.contains(&(h as u32));
                    let minute = rule.by_minute.is_empty() || rule.by_minute.contains(&(m as u32));
                    let second = if rule.freq == Freq::Secondly {
                        rule.by_second.is_empty() || rule.by_second.contains(&(s as u32))
                    } else if rule.by_second.is_empty() {
                        s == 10
                    } else {
                        rule.by_second.contains(&(s as u32))
                    };
                    hour && minute && second
                };
                let expected: Vec<i64> = (from..to).filter(|&t| unit_ok(t)).collect();
                assert_eq!(got, expected, "{text} [{from}, {to})");
            }
        }
    }

    /// The cached period days equal the days listed period by period, for every year
    /// and month of a 400-year cycle (so the cache keys hold everything a period's
    /// days depend on), on rules with every kind of day part.
    #[test]
    fn cached_periods_equal_listed_periods() {
        let rules = [
            "FREQ=YEARLY;BYWEEKNO=1,20,-1,53;BYDAY=MO,FR",
            "FREQ=YEARLY;BYWEEKNO=-53,2;WKST=SU",
            "FREQ=YEARLY;BYWEEKNO=52,53;BYDAY=SU;WKST=TH",
            "FREQ=YEARLY;BYYEARDAY=1,60,100,-1,-306,366",
            "FREQ=YEARLY;BYDAY=20MO,-1FR,-53SU",
            "FREQ=YEARLY;BYMONTH=2,3,11;BYDAY=2SU,-1SA",
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1,29,1",
            "FREQ=YEARLY;BYMONTHDAY=31,-31;BYDAY=TU",
            "FREQ=YEARLY;BYYEARDAY=-1,1;BYWEEKNO=1,-1;BYMONTH=1,12",
            "FREQ=YEARLY",
            "FREQ=MONTHLY;BYMONTHDAY=1,-1,-7,31",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            "FREQ=MONTHLY;BYDAY=1MO,-1SU,5FR,TU;BYMONTH=2,5",
            "FREQ=MONTHLY;BYDAY=MO,FR;BYHOUR=9,17;BYSETPOS=2,-2,9",
            "FREQ=YEARLY;BYMONTH=1,4,7,10;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,17;BYSETPOS=1,-1,-200",
            "FREQ=WEEKLY;BYDAY=MO,WE;BYSETPOS=-1",
        ];
        let dtstart = chrono::NaiveDate::from_ymd_opt(2000, 1, 3)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        for text in rules {
            let rule = Rule::parse(text).unwrap();
            let compiled = CompiledRule::new(&rule, dtstart, Zone::UTC);
            assert!(compiled.cached_periods(), "{text}");
            let mut cache = PeriodCache::default();
            let (mut days, mut scratch) = (Vec::new(), Vec::new());
            let periods = match rule.freq {
                Freq::Yearly => 1900..2300,
                Freq::Monthly => 1900 * 12..2300 * 12,
                _ => 0..3000,
            };
            for period in periods {
                let start = compiled.period_start_day(period);
                compiled.period_days(period, &mut days, &mut scratch, &mut YearMasks::default());
                let (bits, len, slot) =
                    compiled.period_bits(period, start, &mut cache, &mut scratch);
                if let (Some(slot), false) = (slot, compiled.set_pos.is_empty()) {
                    let mut direct = Vec::new();
                    compiled.set_pos_walls(
                        days.len(),
                        |k| days.get(k).map(|d| d - start),
                        &mut direct,
                    );
                    assert_eq!(
                        cache.picks(&compiled, slot, &bits),
                        direct,
                        "{text}, period {period}"
                    );
                }
                assert_eq!(
                    start + i64::from(len),
                    compiled.period_start_day(period + 1)
                );
                let listed: Vec<i64> = days.iter().map(|d| d - start).collect();
                let cached: Vec<i64> = bits.ones().map(i64::from).collect();
                assert_eq!(cached, listed, "{text}, period {period}");
            }
        }
    }

    #[test]
    fn nth_set_bit_counts_from_either_end_alike() {
        for bits in [
            0u64,
            1,
            0b1011_0110,
            u64::MAX,
            0x8000_0000_0000_0001,
            0x0123_4567_89ab_cdef,
        ] {
            let ones: Vec<u32> = (0..64).filter(|i| bits & (1 << i) != 0).collect();
            for k in 0..66 {
                assert_eq!(nth_set_bit(bits, k), ones.get(k).copied(), "{bits:#x} {k}");
            }
        }
    }
}
