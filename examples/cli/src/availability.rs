//! `slotwise availability FILE`: the bookable slots of a document `{"schedules",
//! "appointments", "query"}`, as a table with a summary line, or with `--json` as the
//! engine's slot array.

use std::collections::HashMap;

use slotwise::time::{format_duration, format_instant};
use slotwise::{AvailabilityRequest, Query, Slot, Zone};

use crate::cli::DocumentArgs;
use crate::document::{self, describe, Parts};
use crate::table::{number, plural, text, Column, Table};

/// Run the command.
pub fn run(args: &DocumentArgs) -> Result<(), String> {
    let mut request = document::parse(&args.file, AvailabilityRequest::from_json)?;
    let parts = Parts {
        schedules: std::mem::take(&mut request.schedules),
        appointments: std::mem::take(&mut request.appointments),
    };
    let engine = document::engine(parts, &args.source)?;
    let slots = request.answer(&engine).map_err(describe)?.to_vec();
    if args.source.json {
        return document::print(&document::json(&slots)?);
    }
    let zones: HashMap<&str, Zone> = engine
        .schedules()
        .filter_map(|s| Some((s.id.as_str(), Zone::parse(&s.timezone).ok()?)))
        .collect();
    let asked = request
        .query
        .schedules
        .as_ref()
        .map_or(zones.len(), Vec::len);
    document::print(&table(&slots, &zones, &request.query, asked))
}

const COLUMNS: [Column; 6] = [
    text("start"),
    text("schedule"),
    text("local time"),
    number("remaining"),
    number("booked"),
    number("capacity"),
];

/// One row per slot in the engine's order (start, then schedule id), a blank line
/// between UTC dates, then what was asked and found.
fn table(slots: &[Slot], zones: &HashMap<&str, Zone>, query: &Query, asked: usize) -> String {
    let mut table = Table::new(&COLUMNS);
    let mut day = String::new();
    for s in slots {
        let start = format_instant(s.start);
        let date = start.get(..10).unwrap_or_default();
        if date != day {
            table.gap();
            day = date.to_owned();
        }
        let local = zones
            .get(&*s.schedule)
            .map(|z| local_span(*z, s.start, s.end))
            .unwrap_or_default();
        let booked = if s.booked > s.capacity {
            format!("{} overbooked", s.booked)
        } else {
            s.booked.to_string()
        };
        table.row(vec![
            start,
            s.schedule.to_string(),
            local,
            s.remaining.to_string(),
            booked,
            s.capacity.to_string(),
        ]);
    }
    let mut out = table.render();
    out.push('\n');
    out.push_str(&summary(slots, query, asked));
    out.push_str("start is UTC; local time is the slot in its schedule's zone\n");
    out
}

/// `191 bookable slots (asked: at least 1 free seat) across 3 of 3 schedules,
/// 2026-03-23T00:00:00Z .. 2026-03-30T00:00:00Z`, and a line for the notice rules.
fn summary(slots: &[Slot], query: &Query, asked: usize) -> String {
    let found = {
        let mut ids: Vec<&str> = slots.iter().map(|s| &*s.schedule).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    let n = slots.len();
    let (what, wanted) = if query.seats == 0 {
        (
            format!("slot{}", plural(n)),
            "every slot, full and overbooked ones too (seats 0)".to_owned(),
        )
    } else {
        (
            format!("bookable slot{}", plural(n)),
            format!(
                "at least {} free seat{}",
                query.seats,
                plural(query.seats as usize)
            ),
        )
    };
    let mut out = format!(
        "{n} {what} (asked: {wanted}) across {found} of {asked} schedule{}\n\
         window {} .. {} (start included, end excluded)\n",
        plural(asked),
        format_instant(query.from),
        format_instant(query.to)
    );
    if let Some(now) = query.now {
        out.push_str(&format!("notice rules: now {}", format_instant(now)));
        if query.min_notice > 0 {
            out.push_str(&format!(
                ", starting at least {} after it",
                format_duration(query.min_notice)
            ));
        }
        if let Some(d) = query.max_advance {
            out.push_str(&format!(", at most {} after it", format_duration(d)));
        }
        out.push('\n');
    }
    out
}

/// `Mon 2026-03-02 09:00-09:30 -03:00` in the schedule's zone.
pub fn local_span(zone: Zone, start: i64, end: i64) -> String {
    let offset = zone.offset_at(start);
    let sign = if offset < 0 { '-' } else { '+' };
    format!(
        "{}-{} {sign}{:02}:{:02}",
        zone.to_local(start).format("%a %Y-%m-%d %H:%M"),
        zone.to_local(end).format("%H:%M"),
        offset.abs() / 3600,
        offset.abs() % 3600 / 60
    )
}
