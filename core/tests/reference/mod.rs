//! A deliberately simple availability reference for differential tests, independent
//! of the code under test: it reads the request's JSON itself (`{schedules,
//! appointments, query}`, the documented input format), resolves local times with
//! chrono-tz directly (docs/semantics.md: a time in a gap moves forward by the gap,
//! an ambiguous time takes its first instant), expands DAILY, WEEKLY and MONTHLY
//! rules (INTERVAL, BYDAY without ordinals, BYMONTHDAY of positive days, BYHOUR) by
//! walking every date, lays windows out minute by minute over a horizon that starts
//! before every window, and answers each question by looking at every minute.
#![allow(dead_code)]

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Timelike, Weekday,
};
use chrono_tz::Tz;
use serde_json::{json, Value};

/// The shape of a rule the reference understands.
struct Rule {
    start: NaiveDateTime,
    freq: Freq,
    interval: i64,
    /// Weekdays the rule keeps (BYDAY), if given.
    days: Option<Vec<Weekday>>,
    /// Days of the month the rule keeps (BYMONTHDAY), if given.
    month_days: Option<Vec<u32>>,
    /// Written times of day, seconds after midnight (BYHOUR, else DTSTART's).
    times: Vec<i64>,
}

#[derive(Clone, Copy, PartialEq)]
enum Freq {
    Daily,
    Weekly,
    Monthly,
}

impl Rule {
    /// Whether the rule has an instance on `date` (RFC 5545 for these parts).
    fn on(&self, date: NaiveDate) -> bool {
        let first = self.start.date();
        if date < first {
            return false;
        }
        let weekday_ok = self
            .days
            .as_ref()
            .is_none_or(|d| d.contains(&date.weekday()));
        let month_day_ok = self
            .month_days
            .as_ref()
            .is_none_or(|d| d.contains(&date.day()));
        match self.freq {
            Freq::Daily => {
                (date - first).num_days() % self.interval == 0 && weekday_ok && month_day_ok
            }
            Freq::Weekly => {
                // Weeks start on Monday (WKST=MO); BYDAY defaults to DTSTART's weekday.
                let monday = |d: NaiveDate| {
                    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
                };
                let weeks = (monday(date) - monday(first)).num_days() / 7;
                let day_ok = match &self.days {
                    Some(d) => d.contains(&date.weekday()),
                    None => date.weekday() == first.weekday(),
                };
                weeks % self.interval == 0 && day_ok && month_day_ok
            }
            Freq::Monthly => {
                let months = i64::from(date.year() - first.year()) * 12 + i64::from(date.month())
                    - i64::from(first.month());
                if months % self.interval != 0 {
                    return false;
                }
                // Without BYDAY and BYMONTHDAY, DTSTART's day of the month (skipped
                // in months without it).
                let default_day = self.days.is_none() && self.month_days.is_none();
                weekday_ok && month_day_ok && (!default_day || date.day() == first.day())
            }
        }
    }
}

fn weekday(text: &str) -> Option<Weekday> {
    Some(match text {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

fn list<T>(text: &str, item: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
    text.split(',').map(item).collect()
}

fn parse_rule(text: &str, zone: &str) -> Option<Rule> {
    let mut start = None;
    let mut rule = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(rest) = line.strip_prefix("DTSTART") {
            let (params, value) = rest.split_once(':')?;
            if !(params.is_empty() || params == format!(";TZID={zone}")) || value.ends_with('Z') {
                return None;
            }
            start = Some(NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()?);
        } else {
            rule = Some(line.strip_prefix("RRULE:")?.to_owned());
        }
    }
    let start = start?;
    let (mut freq, mut interval, mut days, mut month_days, mut hours) = (None, 1, None, None, None);
    for part in rule?.split(';').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=')?;
        match k {
            "FREQ" => {
                freq = Some(match v {
                    "DAILY" => Freq::Daily,
                    "WEEKLY" => Freq::Weekly,
                    "MONTHLY" => Freq::Monthly,
                    _ => return None,
                })
            }
            "INTERVAL" => interval = v.parse::<i64>().ok().filter(|n| *n >= 1)?,
            "BYDAY" => days = Some(list(v, weekday)?),
            "BYMONTHDAY" => {
                month_days = Some(list(v, |d| {
                    d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
                })?)
            }
            "BYHOUR" => {
                hours = Some(list(v, |h| {
                    h.parse::<i64>().ok().filter(|h| (0..24).contains(h))
                })?)
            }
            _ => return None,
        }
    }
    let written = i64::from(start.time().num_seconds_from_midnight());
    let mut times = match hours {
        Some(hours) => hours.iter().map(|h| h * 3600 + written % 3600).collect(),
        None => vec![written],
    };
    times.sort_unstable();
    times.dedup();
    Some(Rule {
        start,
        freq: freq?,
        interval,
        days,
        month_days,
        times,
    })
}

/// An RFC 3339 instant as epoch seconds.
fn instant(v: &Value) -> Option<i64> {
    Some(DateTime::parse_from_rfc3339(v.as_str()?).ok()?.timestamp())
}

/// An ISO 8601 duration of days, hours, minutes and seconds (`P1D`, `PT1H30M`), in
/// seconds.
fn duration(v: &Value) -> Option<i64> {
    let text = v.as_str()?.strip_prefix('P')?;
    let (days, time) = text.split_once('T').unwrap_or((text, ""));
    let mut total = 0;
    if !days.is_empty() {
        total += days.strip_suffix('D')?.parse::<i64>().ok()? * 86_400;
    }
    let mut number = String::new();
    for c in time.chars() {
        match c {
            '0'..='9' => number.push(c),
            'H' | 'M' | 'S' => {
                let unit = [("H", 3600), ("M", 60), ("S", 1)]
                    .iter()
                    .find(|u| u.0.starts_with(c))?
                    .1;
                total += std::mem::take(&mut number).parse::<i64>().ok()? * unit;
            }
            _ => return None,
        }
    }
    number.is_empty().then_some(total)
}

fn local_time(v: &Value) -> Option<i64> {
    let text = v.as_str()?;
    let t = NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .ok()?;
    Some(i64::from(t.num_seconds_from_midnight()))
}

fn local_date(v: &Value) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(v.as_str()?, "%Y-%m-%d").ok()
}

fn rfc3339(t: i64) -> String {
    DateTime::from_timestamp(t, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The UTC offset of `zone` at the instant `t`, in seconds.
fn offset_at(zone: Tz, t: i64) -> i64 {
    let utc = DateTime::from_timestamp(t, 0).unwrap().naive_utc();
    i64::from(zone.offset_from_utc_datetime(&utc).fix().local_minus_utc())
}

/// The instant of local `secs` after midnight of `date` in `zone`.
fn at(zone: Tz, date: NaiveDate, secs: i64) -> i64 {
    let local = date.and_time(NaiveTime::MIN) + Duration::seconds(secs);
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.timestamp(),
        LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
        LocalResult::None => {
            // A gap [T + before, T + after) ends within 15 hours of the wall time
            // read as UTC, so 15 hours earlier the offset before it is in force.
            let wall = local.and_utc().timestamp();
            wall - offset_at(zone, wall - 15 * 3600)
        }
    }
}

/// The first local date of the period (`day`, `week` from Monday, `month`) holding
/// `date`.
fn period_start(period: &str, date: NaiveDate) -> NaiveDate {
    match period {
        "week" => date - Duration::days(i64::from(date.weekday().num_days_from_monday())),
        "month" => date.with_day(1).unwrap(),
        _ => date,
    }
}

/// The date a clock in `zone` shows at `t`.
fn clock_date(zone: Tz, t: i64) -> NaiveDate {
    DateTime::from_timestamp(t, 0)
        .unwrap()
        .with_timezone(&zone)
        .date_naive()
}

fn minutes(secs: i64) -> i64 {
    assert_eq!(secs % 60, 0, "the reference works in whole minutes");
    secs / 60
}

/// The slots the reference finds for a request `{schedules, appointments, query}`
/// as the engine's JSON; `None` when it holds a form the reference does not read.
pub fn availability(request: &Value) -> Option<Vec<Value>> {
    let query = &request["query"];
    let from = instant(&query["from"])?;
    let first = match query.get("first") {
        Some(n) => Some(usize::try_from(n.as_u64()?).ok()?),
        None => None,
    };
    // Without `to` (only with `first`): to `now + max_advance` inclusive, else 366
    // days.
    let to = match (query.get("to"), query.get("now"), query.get("max_advance")) {
        (Some(to), _, _) => instant(to)?,
        (None, Some(now), Some(d)) if first.is_some() => instant(now)? + duration(d)? + 1,
        (None, _, _) if first.is_some() => from + 366 * 86_400,
        _ => return None,
    };
    let seats = query.get("seats").map_or(Some(1), Value::as_i64)?;
    let (mut lo, mut hi) = (from, to);
    if let Some(now) = query.get("now") {
        let now = instant(now)?;
        lo = lo.max(now + query.get("min_notice").map_or(Some(0), duration)?);
        if let Some(d) = query.get("max_advance") {
            hi = hi.min(now + duration(d)? + 1);
        }
    }
    let only: Option<Vec<&str>> = match query.get("schedules") {
        Some(ids) => Some(
            ids.as_array()?
                .iter()
                .map(Value::as_str)
                .collect::<Option<_>>()?,
        ),
        None => None,
    };
    let empty = Vec::new();
    let appointments = request
        .get("appointments")
        .map_or(Some(&empty), Value::as_array)?;
    let mut out: Vec<(i64, String, Value)> = Vec::new();
    for s in request["schedules"].as_array()? {
        let id = s["id"].as_str()?;
        if only.as_ref().is_some_and(|ids| !ids.contains(&id)) {
            continue;
        }
        let zone_name = s["timezone"].as_str()?;
        let zone: Tz = zone_name.parse().ok()?;
        let none = Vec::new();
        let field = |k: &str| s.get(k).map_or(Some(&none), Value::as_array);
        // (rule, end time, duration)
        let rules: Vec<(Rule, Option<i64>, Option<i64>)> = field("availability")?
            .iter()
            .map(|r| {
                Some((
                    parse_rule(r["rule"].as_str()?, zone_name)?,
                    r.get("end").map(local_time).unwrap_or(None),
                    r.get("duration").map(duration).unwrap_or(None),
                ))
            })
            .collect::<Option<_>>()?;
        // (date, [(start, end)])
        let overrides: Vec<(NaiveDate, Vec<(i64, i64)>)> = field("overrides")?
            .iter()
            .map(|o| {
                let windows = o["windows"]
                    .as_array()?
                    .iter()
                    .map(|w| Some((local_time(&w[0])?, local_time(&w[1])?)))
                    .collect::<Option<_>>()?;
                Some((local_date(&o["date"])?, windows))
            })
            .collect::<Option<_>>()?;
        let slot = &s["slot"];
        let opt = |k: &str| slot.get(k).map_or(Some(0), duration);
        let slot_duration = duration(&slot["duration"])?;
        let step = slot.get("step").map_or(Some(slot_duration), duration)?;
        let (before, after) = (opt("buffer_before")?, opt("buffer_after")?);
        let cap = slot["capacity"].as_i64()?;
        // Booking limits: (period, max appointments, max minutes).
        let limits: Vec<(String, Option<i64>, Option<i64>)> = field("limits")?
            .iter()
            .map(|l| {
                Some((
                    l["period"].as_str()?.to_owned(),
                    l.get("max_appointments").and_then(Value::as_i64),
                    l.get("max_minutes").and_then(Value::as_i64),
                ))
            })
            .collect::<Option<_>>()?;
        // The seat-holding appointments' (start, end).
        let held_spans: Vec<(i64, i64)> = appointments
            .iter()
            .filter(|a| a["schedule"].as_str() == Some(id))
            .filter(|a| a.get("status").and_then(Value::as_str) != Some("cancelled"))
            .map(|a| Some((instant(&a["start"])?, instant(&a["end"])?)))
            .collect::<Option<_>>()?;
        let breaks_a_limit = |start: i64, length: i64| {
            limits.iter().any(|(period, most, minutes)| {
                let own = period_start(period, clock_date(zone, start));
                let same: Vec<&(i64, i64)> = held_spans
                    .iter()
                    .filter(|(a, _)| period_start(period, clock_date(zone, *a)) == own)
                    .collect();
                let secs: i64 = same.iter().map(|(a, b)| b - a).sum();
                most.is_some_and(|m| same.len() as i64 >= m)
                    || minutes.is_some_and(|m| secs + length > m * 60)
            })
        };
        // The horizon starts before every window and ends well after the query.
        let first_date = rules
            .iter()
            .map(|r| r.0.start.date())
            .chain(overrides.iter().map(|o| o.0))
            .chain(std::iter::once(
                DateTime::from_timestamp(from, 0)?.date_naive(),
            ))
            .min()?
            - Duration::days(3);
        let last_date = DateTime::from_timestamp(to, 0)?.date_naive()
            + Duration::days(4)
            + Duration::seconds(
                rules.iter().filter_map(|r| r.2).max().unwrap_or(0) + slot_duration,
            );
        let h0 = minutes(first_date.and_time(NaiveTime::MIN).and_utc().timestamp());
        let h1 = minutes(last_date.and_time(NaiveTime::MIN).and_utc().timestamp());
        let len = (h1 - h0) as usize;
        let mut open = vec![false; len];
        let mut excluded = vec![false; len];
        let mut held = vec![0i64; len];
        let mark = |v: &mut Vec<bool>, from: i64, to: i64| {
            for m in minutes(from).max(h0)..minutes(to).min(h1) {
                v[(m - h0) as usize] = true;
            }
        };
        // Rule instances: the start of each written (date, time), collapsed by
        // instant keeping the latest written time (the one a DST gap did not shift).
        let mut instances: Vec<(i64, NaiveDateTime, usize)> = Vec::new();
        let mut date = first_date;
        while date <= last_date {
            for (i, (r, _, _)) in rules.iter().enumerate() {
                if !r.on(date) {
                    continue;
                }
                for &time in &r.times {
                    let local = date.and_time(NaiveTime::MIN) + Duration::seconds(time);
                    if local >= r.start {
                        instances.push((at(zone, date, time), local, i));
                    }
                }
            }
            date = date.succ_opt()?;
        }
        instances.sort_by(|a, b| (a.2, a.0, b.1).cmp(&(b.2, b.0, a.1)));
        instances.dedup_by_key(|x| (x.2, x.0));
        // A window's date is the one a clock shows at its start; an override
        // replaces the rule windows of its date.
        let overridden = |d: NaiveDate| overrides.iter().any(|o| o.0 == d);
        let end_on = |start: i64, written: i64, end: i64| {
            let d = clock_date(zone, start);
            at(
                zone,
                if end > written {
                    d
                } else {
                    d.succ_opt().unwrap()
                },
                end,
            )
        };
        for (start, local, i) in instances {
            if overridden(clock_date(zone, start)) {
                continue;
            }
            let written = i64::from(local.time().num_seconds_from_midnight());
            let stop = match rules[i] {
                (_, _, Some(d)) => start + d,
                (_, Some(e), None) => end_on(start, written, e),
                _ => return None,
            };
            mark(&mut open, start, stop);
        }
        for (date, windows) in &overrides {
            for &(a, b) in windows {
                let start = at(zone, *date, a);
                mark(&mut open, start, end_on(start, a, b));
            }
        }
        for x in field("exclusions")? {
            match x["kind"].as_str()? {
                "day" => {
                    let d = local_date(&x["date"])?;
                    mark(&mut excluded, at(zone, d, 0), at(zone, d.succ_opt()?, 0));
                }
                "range" => mark(&mut excluded, instant(&x["from"])?, instant(&x["to"])?),
                _ => return None,
            }
        }
        for a in appointments
            .iter()
            .filter(|a| a["schedule"].as_str() == Some(id))
        {
            let status = a.get("status").map_or(Some("booked"), Value::as_str)?;
            if status == "cancelled" {
                continue;
            }
            let seats = a.get("seats").map_or(Some(1), Value::as_i64)?;
            for m in minutes(instant(&a["start"])?).max(h0)..minutes(instant(&a["end"])?).min(h1) {
                held[(m - h0) as usize] += seats;
            }
        }
        let (dur, step) = (minutes(slot_duration), minutes(step));
        let (before, after) = (minutes(before), minutes(after));
        let mut m = 0usize;
        while m < len {
            if !open[m] {
                m += 1;
                continue;
            }
            let run_start = m;
            while m < len && open[m] {
                m += 1;
            }
            let run_end = m;
            let mut k = run_start;
            while k + dur as usize <= run_end {
                let start = (h0 + k as i64) * 60;
                if start >= lo && start < hi {
                    let is_excluded = (k..k + dur as usize).any(|i| excluded[i]);
                    let blocked_lo = (k as i64 - before).max(0) as usize;
                    let blocked_hi = (k + (dur + after) as usize).min(len);
                    let booked = (blocked_lo..blocked_hi).map(|i| held[i]).max().unwrap_or(0);
                    let remaining = if breaks_a_limit(start, dur * 60) {
                        0
                    } else {
                        (cap - booked).max(0)
                    };
                    if !is_excluded && remaining >= seats {
                        out.push((
                            start,
                            id.to_owned(),
                            json!({
                                "key": format!("{id}@{}", rfc3339(start)),
                                "schedule": id,
                                "start": rfc3339(start),
                                "end": rfc3339(start + dur * 60),
                                "capacity": cap,
                                "booked": booked,
                                "remaining": remaining,
                            }),
                        ));
                    }
                }
                k += step as usize;
            }
        }
    }
    out.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    Some(
        out.into_iter()
            .take(first.unwrap_or(usize::MAX))
            .map(|x| x.2)
            .collect(),
    )
}
