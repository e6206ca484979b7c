//! One RRULE: its parts, parsed and validated against RFC 5545 3.3.10 and the
//! forbidden combinations (docs/semantics.md), and written back in canonical form.

use std::fmt::Write as _;

use crate::error::{Error, Result};
use crate::time::{push_date, push_date_time};

/// FREQ, from the finest to the coarsest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Freq {
    Secondly,
    Minutely,
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

impl Freq {
    fn parse(text: &str) -> Option<Freq> {
        Some(match text {
            "SECONDLY" => Freq::Secondly,
            "MINUTELY" => Freq::Minutely,
            "HOURLY" => Freq::Hourly,
            "DAILY" => Freq::Daily,
            "WEEKLY" => Freq::Weekly,
            "MONTHLY" => Freq::Monthly,
            "YEARLY" => Freq::Yearly,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Freq::Secondly => "SECONDLY",
            Freq::Minutely => "MINUTELY",
            Freq::Hourly => "HOURLY",
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
            Freq::Monthly => "MONTHLY",
            Freq::Yearly => "YEARLY",
        }
    }
}

const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// Monday = 0 .. Sunday = 6.
pub fn parse_weekday(text: &str) -> Option<u32> {
    WEEKDAYS.iter().position(|w| *w == text).map(|i| i as u32)
}

/// The two-letter name of a weekday (Monday = 0).
pub fn weekday_name(day: u32) -> &'static str {
    WEEKDAYS.get(day as usize).copied().unwrap_or("MO")
}

/// A BYDAY entry: a weekday with an optional ordinal (`-1SU`, `2MO`, `FR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WeekdayNum {
    /// The ordinal within the month or year; `None` means every such weekday.
    pub ordinal: Option<i32>,
    /// Monday = 0 .. Sunday = 6.
    pub weekday: u32,
}

/// UNTIL as written: a date-time in UTC, a floating date-time, or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Until {
    /// `YYYYMMDDTHHMMSSZ`: an instant.
    Utc(chrono::NaiveDateTime),
    /// `YYYYMMDDTHHMMSS`: local time in the set's zone.
    Floating(chrono::NaiveDateTime),
    /// `YYYYMMDD`: through the end of that local date.
    Date(chrono::NaiveDate),
}

/// A validated RRULE.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rule {
    pub freq: Freq,
    pub interval: u32,
    pub count: Option<u64>,
    pub until: Option<Until>,
    pub by_second: Vec<u32>,
    pub by_minute: Vec<u32>,
    pub by_hour: Vec<u32>,
    pub by_day: Vec<WeekdayNum>,
    pub by_month_day: Vec<i32>,
    pub by_year_day: Vec<i32>,
    pub by_week_no: Vec<i32>,
    pub by_month: Vec<u32>,
    pub by_set_pos: Vec<i32>,
    /// Week start, Monday = 0.
    pub wkst: u32,
}

/// A rule number that did not parse: too large (or small) for its part, or not a
/// number at all.
fn not_a_number(what: &str, expected: &str, e: &std::num::ParseIntError) -> Error {
    use std::num::IntErrorKind;
    Error::invalid_rule(match e.kind() {
        IntErrorKind::PosOverflow => format!("{what} is too large"),
        IntErrorKind::NegOverflow => format!("{what} is too small"),
        _ => format!("{what} is not {expected}"),
    })
}

fn int_list(part: &str, value: &str, lo: i32, hi: i32, allow_negative: bool) -> Result<Vec<i32>> {
    let mut out = Vec::new();
    for item in value.split(',') {
        let item = item.trim();
        let n: i32 = item
            .parse()
            .map_err(|e| not_a_number(&format!("{part}={value}: `{item}`"), "a number", &e))?;
        let magnitude = n.abs();
        let ok = if n < 0 {
            allow_negative && magnitude >= lo.max(1) && magnitude <= hi
        } else {
            n >= lo && n <= hi && !(allow_negative && n == 0)
        };
        if !ok {
            let range = if allow_negative {
                format!("{lo}..{hi} or -{hi}..-1", lo = lo.max(1))
            } else {
                format!("{lo}..{hi}")
            };
            return Err(Error::invalid_rule(format!(
                "{part}={n} is not allowed (values are {range})"
            )));
        }
        out.push(n);
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

fn unsigned(values: Vec<i32>) -> Vec<u32> {
    values.into_iter().map(|v| v.unsigned_abs()).collect()
}

/// Parse an UNTIL value: `YYYYMMDD`, `YYYYMMDDTHHMMSS` or `YYYYMMDDTHHMMSSZ`.
fn parse_until(value: &str) -> Result<Until> {
    if let Some(utc) = value.strip_suffix('Z') {
        return super::value::date_time(utc)
            .map(Until::Utc)
            .ok_or_else(|| Error::invalid_rule(format!("UNTIL={value} is not a date-time")));
    }
    if value.contains('T') {
        return super::value::date_time(value)
            .map(Until::Floating)
            .ok_or_else(|| Error::invalid_rule(format!("UNTIL={value} is not a date-time")));
    }
    super::value::date(value)
        .map(Until::Date)
        .ok_or_else(|| Error::invalid_rule(format!("UNTIL={value} is not a date")))
}

impl Rule {
    /// Parse and validate the value of an RRULE line (`FREQ=WEEKLY;BYDAY=MO`).
    pub fn parse(text: &str) -> Result<Rule> {
        let mut freq = None;
        let mut interval = None;
        let mut count = None;
        let mut until = None;
        let mut rule = Rule {
            freq: Freq::Yearly,
            interval: 1,
            count: None,
            until: None,
            by_second: Vec::new(),
            by_minute: Vec::new(),
            by_hour: Vec::new(),
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_year_day: Vec::new(),
            by_week_no: Vec::new(),
            by_month: Vec::new(),
            by_set_pos: Vec::new(),
            wkst: 0,
        };
        let mut seen: Vec<String> = Vec::new();
        for part in text.trim().split(';') {
            let part = part.trim();
            if part.is_empty() {
                continue; // a trailing `;` is tolerated
            }
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| Error::invalid_rule(format!("`{part}` is not NAME=VALUE")))?;
            let name = name.trim().to_ascii_uppercase();
            let value = value.trim().to_ascii_uppercase();
            if seen.contains(&name) {
                return Err(Error::invalid_rule(format!("{name} appears twice")));
            }
            if value.is_empty() {
                return Err(Error::invalid_rule(format!("{name} has no value")));
            }
            seen.push(name.clone());
            match name.as_str() {
                "FREQ" => {
                    freq = Some(Freq::parse(&value).ok_or_else(|| {
                        Error::invalid_rule(format!("FREQ={value} is not a frequency"))
                    })?)
                }
                "INTERVAL" => {
                    let n: u32 = value.parse().map_err(|e| {
                        not_a_number(&format!("INTERVAL={value}"), "a positive number", &e)
                    })?;
                    if n == 0 {
                        return Err(Error::invalid_rule(
                            "INTERVAL=0 is not allowed (it must be >= 1)",
                        ));
                    }
                    interval = Some(n);
                }
                "COUNT" => {
                    let n: u64 = value.parse().map_err(|e| {
                        not_a_number(&format!("COUNT={value}"), "a positive number", &e)
                    })?;
                    if n == 0 {
                        return Err(Error::invalid_rule(
                            "COUNT=0 is not allowed (it must be >= 1)",
                        ));
                    }
                    count = Some(n);
                }
                "UNTIL" => until = Some(parse_until(&value)?),
                "BYSECOND" => {
                    rule.by_second = unsigned(int_list("BYSECOND", &value, 0, 60, false)?)
                }
                "BYMINUTE" => {
                    rule.by_minute = unsigned(int_list("BYMINUTE", &value, 0, 59, false)?)
                }
                "BYHOUR" => rule.by_hour = unsigned(int_list("BYHOUR", &value, 0, 23, false)?),
                "BYMONTHDAY" => rule.by_month_day = int_list("BYMONTHDAY", &value, 1, 31, true)?,
                "BYYEARDAY" => rule.by_year_day = int_list("BYYEARDAY", &value, 1, 366, true)?,
                "BYWEEKNO" => rule.by_week_no = int_list("BYWEEKNO", &value, 1, 53, true)?,
                "BYMONTH" => rule.by_month = unsigned(int_list("BYMONTH", &value, 1, 12, false)?),
                "BYSETPOS" => rule.by_set_pos = int_list("BYSETPOS", &value, 1, 366, true)?,
                "BYDAY" => rule.by_day = parse_by_day(&value)?,
                "WKST" => {
                    rule.wkst = parse_weekday(&value).ok_or_else(|| {
                        Error::invalid_rule(format!("WKST={value} is not a weekday (MO..SU)"))
                    })?
                }
                other => return Err(Error::invalid_rule(format!("unknown RRULE part {other}"))),
            }
        }
        rule.freq = freq.ok_or_else(|| Error::invalid_rule("FREQ is required"))?;
        rule.interval = interval.unwrap_or(1);
        rule.count = count;
        rule.until = until;
        rule.validate()?;
        Ok(rule)
    }

    /// The combinations RFC 5545 forbids.
    fn validate(&self) -> Result<()> {
        let f = self.freq;
        if self.count.is_some() && self.until.is_some() {
            return Err(Error::invalid_rule("COUNT and UNTIL cannot both be given"));
        }
        if !self.by_week_no.is_empty() && f != Freq::Yearly {
            return Err(Error::invalid_rule(format!(
                "BYWEEKNO is only allowed with FREQ=YEARLY, not FREQ={}",
                f.name()
            )));
        }
        if !self.by_year_day.is_empty() && matches!(f, Freq::Daily | Freq::Weekly | Freq::Monthly) {
            return Err(Error::invalid_rule(format!(
                "BYYEARDAY is not allowed with FREQ={}",
                f.name()
            )));
        }
        if !self.by_month_day.is_empty() && f == Freq::Weekly {
            return Err(Error::invalid_rule(
                "BYMONTHDAY is not allowed with FREQ=WEEKLY",
            ));
        }
        if let Some(day) = self.by_day.iter().find(|d| d.ordinal.is_some()) {
            let written = format_weekday_num(day);
            if !matches!(f, Freq::Monthly | Freq::Yearly) {
                return Err(Error::invalid_rule(format!(
                    "BYDAY={written}: an ordinal is only allowed with FREQ=MONTHLY or YEARLY"
                )));
            }
            if !self.by_week_no.is_empty() {
                return Err(Error::invalid_rule(format!(
                    "BYDAY={written}: an ordinal is not allowed together with BYWEEKNO"
                )));
            }
        }
        Ok(())
    }

    /// The rule in canonical RRULE form (parts in a fixed order).
    pub fn to_rrule(&self) -> String {
        let mut out = format!("FREQ={}", self.freq.name());
        if self.interval != 1 {
            let _ = write!(out, ";INTERVAL={}", self.interval);
        }
        if let Some(count) = self.count {
            let _ = write!(out, ";COUNT={count}");
        }
        if let Some(until) = self.until {
            out.push_str(";UNTIL=");
            match until {
                Until::Utc(dt) => {
                    push_date_time(&mut out, dt, false);
                    out.push('Z');
                }
                Until::Floating(dt) => push_date_time(&mut out, dt, false),
                Until::Date(d) => push_date(&mut out, d, false),
            }
        }
        let list = |v: &[i32]| {
            v.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        let ulist = |v: &[u32]| {
            v.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        for (name, text) in [
            ("BYMONTH", ulist(&self.by_month)),
            ("BYWEEKNO", list(&self.by_week_no)),
            ("BYYEARDAY", list(&self.by_year_day)),
            ("BYMONTHDAY", list(&self.by_month_day)),
            (
                "BYDAY",
                self.by_day
                    .iter()
                    .map(format_weekday_num)
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            ("BYHOUR", ulist(&self.by_hour)),
            ("BYMINUTE", ulist(&self.by_minute)),
            ("BYSECOND", ulist(&self.by_second)),
            ("BYSETPOS", list(&self.by_set_pos)),
        ] {
            if !text.is_empty() {
                let _ = write!(out, ";{name}={text}");
            }
        }
        if self.wkst != 0 {
            let _ = write!(out, ";WKST={}", weekday_name(self.wkst));
        }
        out
    }
}

fn format_weekday_num(day: &WeekdayNum) -> String {
    match day.ordinal {
        Some(n) => format!("{n}{}", weekday_name(day.weekday)),
        None => weekday_name(day.weekday).to_owned(),
    }
}

fn parse_by_day(value: &str) -> Result<Vec<WeekdayNum>> {
    let mut out: Vec<WeekdayNum> = Vec::new();
    for item in value.split(',') {
        let item = item.trim();
        let split = item.len().saturating_sub(2);
        let (number, name) = (
            item.get(..split).unwrap_or(""),
            item.get(split..).unwrap_or(""),
        );
        let weekday = parse_weekday(name).ok_or_else(|| {
            Error::invalid_rule(format!("BYDAY={item}: `{name}` is not a weekday (MO..SU)"))
        })?;
        let ordinal = if number.is_empty() {
            None
        } else {
            let n: i32 = number.parse().map_err(|_| {
                Error::invalid_rule(format!("BYDAY={item}: `{number}` is not an ordinal"))
            })?;
            if n == 0 || n.abs() > 53 {
                return Err(Error::invalid_rule(format!(
                    "BYDAY={item} is not allowed (ordinals are 1..53 or -53..-1)"
                )));
            }
            Some(n)
        };
        out.push(WeekdayNum { ordinal, weekday });
    }
    out.sort_by_key(|d| (d.ordinal.is_some(), d.ordinal, d.weekday));
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form_round_trips() {
        let r = Rule::parse("freq=monthly;byday=-1su,1su;interval=2;count=10;").unwrap();
        assert_eq!(
            r.to_rrule(),
            "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=-1SU,1SU"
        );
        assert_eq!(Rule::parse(&r.to_rrule()).unwrap(), r);
    }

    #[test]
    fn forbidden_parts_name_themselves() {
        let msg = |t: &str| Rule::parse(t).unwrap_err().to_string();
        assert!(msg("FREQ=MONTHLY;BYMONTHDAY=0").contains("BYMONTHDAY=0"));
        assert!(msg("FREQ=DAILY;COUNT=2;UNTIL=20260101").contains("COUNT and UNTIL"));
        assert!(msg("FREQ=WEEKLY;BYDAY=1MO").contains("ordinal"));
        assert!(msg("FREQ=MONTHLY;BYWEEKNO=2").contains("BYWEEKNO"));
        assert!(msg("FREQ=YEARLY;BYDAY=0MO").contains("0MO"));
        assert!(msg("INTERVAL=2").contains("FREQ is required"));
        assert_eq!(
            msg("FREQ=DAILY;INTERVAL=4294967296"),
            "INTERVAL=4294967296 is too large"
        );
        assert_eq!(
            msg("FREQ=DAILY;COUNT=99999999999999999999"),
            "COUNT=99999999999999999999 is too large"
        );
        assert!(msg("FREQ=MONTHLY;BYMONTHDAY=-99999999999").contains("too small"));
        assert!(msg("FREQ=DAILY;INTERVAL=x").contains("not a positive number"));
    }
}
