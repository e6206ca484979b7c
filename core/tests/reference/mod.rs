//! A deliberately simple availability reference for differential tests: it reads
//! only DAILY/WEEKLY rules (BYDAY, no INTERVAL), lays windows out minute by minute
//! over a horizon that starts before every window, and answers each question by
//! looking at every minute. Only the zone lookup (`Zone::resolve`) is shared with the
//! engine.
#![allow(dead_code)]

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde_json::{json, Value};
use slotwise::capacity::Appointment;
use slotwise::schedule::{ExclusionKind, Schedule};
use slotwise::{LimitPeriod, Query, Zone};

/// The shape of a rule the reference understands.
struct Rule {
    start: NaiveDateTime,
    days: Vec<Weekday>,
    /// Written times of day, seconds after midnight (BYHOUR, else DTSTART's).
    times: Vec<i64>,
}

fn parse_rule(text: &str) -> Option<Rule> {
    let mut start = None;
    let mut days = None;
    let mut by_hour: Option<Vec<i64>> = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(rest) = line.strip_prefix("DTSTART") {
            let value = rest.rsplit(':').next()?;
            if value.ends_with('Z') {
                return None;
            }
            start = Some(NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()?);
        } else if let Some(rule) = line.strip_prefix("RRULE:") {
            let mut freq = None;
            let mut by_day = None;
            for part in rule.split(';').filter(|p| !p.is_empty()) {
                let (k, v) = part.split_once('=')?;
                match k {
                    "FREQ" => freq = Some(v.to_owned()),
                    "BYHOUR" => {
                        let hours = v
                            .split(',')
                            .map(|h| h.parse::<i64>().ok().filter(|h| (0..24).contains(h)))
                            .collect::<Option<Vec<_>>>()?;
                        by_hour = Some(hours);
                    }
                    "BYDAY" => {
                        by_day = Some(
                            v.split(',')
                                .map(|d| match d {
                                    "MO" => Some(Weekday::Mon),
                                    "TU" => Some(Weekday::Tue),
                                    "WE" => Some(Weekday::Wed),
                                    "TH" => Some(Weekday::Thu),
                                    "FR" => Some(Weekday::Fri),
                                    "SA" => Some(Weekday::Sat),
                                    "SU" => Some(Weekday::Sun),
                                    _ => None,
                                })
                                .collect::<Option<Vec<_>>>()?,
                        )
                    }
                    _ => return None,
                }
            }
            let all = vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
                Weekday::Sat,
                Weekday::Sun,
            ];
            days = Some(match (freq.as_deref()?, by_day) {
                ("DAILY", None) => all,
                ("DAILY", Some(d)) | ("WEEKLY", Some(d)) => d,
                ("WEEKLY", None) => vec![start?.weekday()],
                _ => return None,
            });
        } else {
            return None;
        }
    }
    let start: NaiveDateTime = start?;
    let written = i64::from(chrono::Timelike::num_seconds_from_midnight(&start.time()));
    let mut times = match by_hour {
        Some(hours) => hours.iter().map(|h| h * 3600 + written % 3600).collect(),
        None => vec![written],
    };
    times.sort_unstable();
    times.dedup();
    Some(Rule {
        start,
        days: days?,
        times,
    })
}

fn rfc3339(t: i64) -> String {
    DateTime::from_timestamp(t, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn at(zone: Zone, date: NaiveDate, secs: i64) -> i64 {
    let time = NaiveTime::from_num_seconds_from_midnight_opt(secs as u32, 0).unwrap();
    zone.resolve(date.and_time(time))
}

fn minutes(secs: i64) -> i64 {
    assert_eq!(secs % 60, 0, "the reference works in whole minutes");
    secs / 60
}

/// The first local date of the period holding `date`.
fn period_start(period: LimitPeriod, date: NaiveDate) -> NaiveDate {
    match period {
        LimitPeriod::Day => date,
        LimitPeriod::Week => {
            date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
        }
        LimitPeriod::Month => date.with_day(1).unwrap(),
    }
}

/// Whether `[start, start + length)` breaks one of the schedule's booking limits:
/// every seat-holding appointment is looked at for each question.
fn breaks_a_limit(
    s: &Schedule,
    zone: Zone,
    appointments: &[Appointment],
    start: i64,
    length: i64,
) -> bool {
    let date = zone.to_local(start).date();
    s.limits.iter().any(|l| {
        let own = period_start(l.period, date);
        let same: Vec<&Appointment> = appointments
            .iter()
            .filter(|a| a.schedule == s.id && a.status.holds_seats())
            .filter(|a| period_start(l.period, zone.to_local(a.start).date()) == own)
            .collect();
        let secs: i64 = same.iter().map(|a| a.end - a.start).sum();
        l.max_appointments.is_some_and(|m| same.len() >= m as usize)
            || l.max_minutes
                .is_some_and(|m| secs + length > i64::from(m) * 60)
    })
}

/// The slots the reference finds, as the engine's JSON; `None` when a rule has a form
/// the reference does not read.
pub fn availability(
    schedules: &[Schedule],
    appointments: &[Appointment],
    query: &Query,
) -> Option<Vec<Value>> {
    // Without `to` (only with `first`): to `now + max_advance` inclusive, else a
    // year of 366 days.
    let to = if query.to == Query::OPEN_END {
        match (query.now, query.max_advance) {
            (Some(now), Some(d)) => now + d + 1,
            _ => query.from + 366 * 86_400,
        }
    } else {
        query.to
    };
    let mut lo = query.from;
    let mut hi = to;
    if let Some(now) = query.now {
        lo = lo.max(now + query.min_notice);
        if let Some(d) = query.max_advance {
            hi = hi.min(now + d + 1);
        }
    }
    let mut out: Vec<(i64, String, Value)> = Vec::new();
    for s in schedules {
        if query
            .schedules
            .as_ref()
            .is_some_and(|ids| !ids.contains(&s.id))
        {
            continue;
        }
        let zone = Zone::parse(&s.timezone).unwrap();
        let rules: Vec<(Rule, Option<i64>, Option<i64>)> = s
            .availability
            .iter()
            .map(|r| {
                Some((
                    parse_rule(&r.rule)?,
                    r.end
                        .map(|t| i64::from(chrono::Timelike::num_seconds_from_midnight(&t.0))),
                    r.duration,
                ))
            })
            .collect::<Option<_>>()?;
        // The horizon starts before every window and ends well after the query.
        let first_date = rules
            .iter()
            .map(|r| r.0.start.date())
            .chain(s.overrides.iter().map(|o| o.date.0))
            .chain(std::iter::once(
                DateTime::from_timestamp(query.from, 0)
                    .unwrap()
                    .date_naive(),
            ))
            .min()
            .unwrap()
            - Duration::days(3);
        let last_date = DateTime::from_timestamp(to, 0).unwrap().date_naive()
            + Duration::days(4)
            + Duration::seconds(
                rules.iter().filter_map(|r| r.2).max().unwrap_or(0) + s.slot.duration,
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
                if !r.days.contains(&date.weekday()) {
                    continue;
                }
                for &time in &r.times {
                    let local = date.and_time(
                        NaiveTime::from_num_seconds_from_midnight_opt(time as u32, 0).unwrap(),
                    );
                    if local >= r.start {
                        instances.push((at(zone, date, time), local, i));
                    }
                }
            }
            date = date.succ_opt().unwrap();
        }
        instances.sort_by(|a, b| (a.2, a.0, b.1).cmp(&(b.2, b.0, a.1)));
        instances.dedup_by_key(|x| (x.2, x.0));
        // A window's date is the one a clock shows at its start; an override
        // replaces the rule windows of its date.
        let clock_date = |t: i64| zone.to_local(t).date();
        let overridden = |d: NaiveDate| s.overrides.iter().any(|o| o.date.0 == d);
        let end_on = |start: i64, written: i64, end: i64| {
            let d = clock_date(start);
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
            if overridden(clock_date(start)) {
                continue;
            }
            let written = i64::from(chrono::Timelike::num_seconds_from_midnight(&local.time()));
            let stop = match rules[i] {
                (_, _, Some(d)) => start + d,
                (_, Some(e), None) => end_on(start, written, e),
                _ => unreachable!(),
            };
            mark(&mut open, start, stop);
        }
        for o in &s.overrides {
            for (a, b) in &o.windows {
                let start = at(zone, o.date.0, a.seconds());
                mark(&mut open, start, end_on(start, a.seconds(), b.seconds()));
            }
        }
        for x in &s.exclusions {
            match x.kind {
                ExclusionKind::Day => {
                    let d = x.date.unwrap().0;
                    mark(
                        &mut excluded,
                        at(zone, d, 0),
                        at(zone, d.succ_opt().unwrap(), 0),
                    );
                }
                ExclusionKind::Range => mark(&mut excluded, x.from.unwrap(), x.to.unwrap()),
            }
        }
        for a in appointments
            .iter()
            .filter(|a| a.schedule == s.id && a.status.holds_seats())
        {
            for m in minutes(a.start).max(h0)..minutes(a.end).min(h1) {
                held[(m - h0) as usize] += i64::from(a.seats);
            }
        }
        let (dur, step) = (
            minutes(s.slot.duration),
            minutes(s.slot.step.unwrap_or(s.slot.duration)),
        );
        let (before, after) = (minutes(s.slot.buffer_before), minutes(s.slot.buffer_after));
        let cap = i64::from(s.slot.capacity);
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
                    let own = k..k + dur as usize;
                    let is_excluded = own.clone().any(|i| excluded[i]);
                    let blocked_lo = (k as i64 - before).max(0) as usize;
                    let blocked_hi = (k + (dur + after) as usize).min(len);
                    let booked = (blocked_lo..blocked_hi).map(|i| held[i]).max().unwrap_or(0);
                    let remaining = if breaks_a_limit(s, zone, appointments, start, dur * 60) {
                        0
                    } else {
                        (cap - booked).max(0)
                    };
                    if !is_excluded && remaining >= i64::from(query.seats) {
                        let end = start + dur * 60;
                        out.push((
                            start,
                            s.id.clone(),
                            json!({
                                "key": format!("{}@{}", s.id, rfc3339(start)),
                                "schedule": s.id,
                                "start": rfc3339(start),
                                "end": rfc3339(end),
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
    let first = query.first.map_or(usize::MAX, |n| n as usize);
    Some(out.into_iter().take(first).map(|x| x.2).collect())
}
