//! `slotwise availability FILE [--json] [--snapshot engine.bin]`: the bookable slots
//! of a document `{"schedules": [...], "appointments": [...], "query": {...}}` (FILE
//! `-` is stdin; a snapshot replaces the schedules and appointments), as a table, or
//! with `--json` as the engine's slot array.

use std::collections::HashMap;
use std::io::Read;

use slotwise::time::format_instant;
use slotwise::{AvailabilityRequest, Limits, Slot, Zone};

/// Run the command with the arguments after `availability`.
pub fn run(argv: &[String]) -> Result<(), String> {
    let doc = crate::document::open(argv, USAGE, AvailabilityRequest::from_json, |r| {
        (
            std::mem::take(&mut r.schedules),
            std::mem::take(&mut r.appointments),
        )
    })?;
    let zones: HashMap<String, Zone> = doc
        .engine
        .schedules()
        .filter_map(|s| Some((s.id.clone(), Zone::parse(&s.timezone).ok()?)))
        .collect();
    let query = &doc.request.query;
    let (from, to, seats) = (query.from, query.to, query.seats);
    let slots = doc.request.answer(&doc.engine).map_err(describe)?.to_vec();
    crate::document::output(doc.json, &slots, |s| table(s, &zones, from, to, seats))
}

const USAGE: &str = "usage: slotwise availability FILE [--json] [--snapshot engine.bin]";

/// The text of FILE (`-`: stdin), read no further than one byte past
/// `max_input_bytes`, which the JSON loader then refuses.
pub fn read(file: &str) -> Result<String, String> {
    let mut text = String::new();
    bounded(file, Limits::DEFAULT.max_input_bytes)?
        .read_to_string(&mut text)
        .map_err(|e| format!("{file}: {e}"))?;
    Ok(text)
}

/// FILE (`-`: stdin) as a reader that stops one byte past `max`.
pub fn bounded(file: &str, max: usize) -> Result<impl Read, String> {
    let source: Box<dyn Read> = if file == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(file).map_err(|e| format!("{file}: {e}"))?)
    };
    Ok(source.take(u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1)))
}

/// An engine error as `code: path: message`.
pub fn describe(e: slotwise::Error) -> String {
    format!("{}: {e}", e.code())
}

/// One row per slot, in the engine's order (start, then schedule id), with the start
/// also in the schedule's own zone.
fn table(slots: &[Slot], zones: &HashMap<String, Zone>, from: i64, to: i64, seats: u32) -> String {
    let header = [
        "START (UTC)",
        "SCHEDULE",
        "LOCAL TIME",
        "FREE",
        "BOOKED",
        "CAPACITY",
    ];
    let rows: Vec<[String; 6]> = slots
        .iter()
        .map(|s| {
            let local = zones
                .get(&*s.schedule)
                .map(|z| local_span(*z, s.start, s.end))
                .unwrap_or_default();
            let booked = if s.booked > s.capacity {
                format!("{} overbooked", s.booked)
            } else {
                s.booked.to_string()
            };
            [
                format_instant(s.start),
                s.schedule.to_string(),
                local,
                s.remaining.to_string(),
                booked,
                s.capacity.to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[&str]| {
        let mut text = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            let pad = w.saturating_sub(cell.chars().count());
            if i >= 3 {
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            } else {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad));
            }
            text.push_str("  ");
        }
        text.truncate(text.trim_end().len());
        text.push('\n');
        text
    };
    let mut out = line(&header);
    let mut day = "";
    for row in &rows {
        // A blank line between UTC dates.
        let date = row[0].get(..10).unwrap_or_default();
        if !day.is_empty() && date != day {
            out.push('\n');
        }
        day = date;
        out.push_str(&line(&row.each_ref().map(String::as_str)));
    }
    let schedules = {
        let mut ids: Vec<&str> = slots.iter().map(|s| &*s.schedule).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    out.push_str(&format!(
        "\n{} slot{} with {} seat{} free, {} schedule{}, {} to {}\n",
        slots.len(),
        plural(slots.len()),
        seats,
        plural(seats as usize),
        schedules,
        plural(schedules),
        format_instant(from),
        format_instant(to)
    ));
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `Mon 2026-03-02 09:00-09:30 -03:00` in the schedule's zone.
fn local_span(zone: Zone, start: i64, end: i64) -> String {
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
