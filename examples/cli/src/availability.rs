//! `slotwise availability FILE`: the bookable slots of a document `{"schedules",
//! "appointments", "query"}`, as a table with a summary line, or with `--json` as the
//! engine's slot array. Slots are printed as the engine produces them
//! (`Engine::availability_stream`), so memory stays bounded however many there are.

use std::collections::{BTreeSet, HashMap};

use slotwise::time::{format_duration, format_instant};
use slotwise::{AvailabilityRequest, Engine, Query, Slot, Zone};

use crate::cli::DocumentArgs;
use crate::document::{self, describe, Parts};
use crate::output::{JsonArray, Output};
use crate::table::{number, plural, text, Column, Layout};

const COLUMNS: [Column; 6] = [
    text("start"),
    text("schedule"),
    text("local time"),
    number("remaining"),
    number("booked"),
    number("capacity"),
];

/// `Mon 2026-03-23 10:00-10:45 +00:00`.
const LOCAL_WIDTH: usize = 33;
/// `2026-03-23T10:00:00Z`.
const INSTANT_WIDTH: usize = 20;

/// Run the command.
pub fn run(args: &DocumentArgs) -> Result<(), String> {
    let mut request = document::parse(&args.file, AvailabilityRequest::from_json)?;
    let parts = Parts::take(&mut request.schedules, &mut request.appointments);
    let engine = document::engine(parts, &args.source)?;
    if request.query.combine.is_some() {
        return combined(&request, &engine, args.source.json);
    }
    let slots = request.stream(&engine).map_err(describe)?;
    let mut out = Output::new();
    if args.source.json {
        let mut array = JsonArray::open(&mut out, 0);
        for slot in slots {
            if !array.push(&mut out, &slot) {
                break;
            }
        }
        array.close(&mut out);
        out.write("\n");
        return out.finish();
    }
    let zones: HashMap<&str, Zone> = engine
        .schedules()
        .filter_map(|s| Some((s.id.as_str(), Zone::parse(&s.timezone).ok()?)))
        .collect();
    let id_width = engine.schedule_ids().map(str::len).max().unwrap_or(0);
    let layout = Layout::new(&COLUMNS, &[INSTANT_WIDTH, id_width, LOCAL_WIDTH]);
    let mut found = Found::default();
    out.write(&layout.header());
    let mut day = String::new();
    for slot in slots {
        let start = format_instant(slot.start);
        // A blank line between UTC dates.
        let date = start.get(..10).unwrap_or_default();
        if date != day {
            if !day.is_empty() {
                out.write("\n");
            }
            day = date.to_owned();
        }
        let cells = row(&slot, start.clone(), &zones);
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        if !out.write(&layout.line(&cells)) {
            break;
        }
        found.add(&slot);
    }
    if !out.failed() {
        let query = &request.query;
        let asked = query.schedules.as_ref().map_or(zones.len(), Vec::len);
        out.write(&format!("\n{}", summary(&found, query, asked)));
        out.write("start is UTC; local time is the slot in its schedule's zone\n");
    }
    out.finish()
}

const COMBINED: [Column; 4] = [
    text("start"),
    text("end"),
    number("remaining"),
    text("who can take it"),
];

/// A combined query: its rows, `--json` as the engine's array, else a table with
/// the schedules that can take each time.
fn combined(request: &AvailabilityRequest, engine: &Engine, json: bool) -> Result<(), String> {
    let rows = request.combined(engine).map_err(describe)?;
    let mut out = Output::new();
    if json {
        let mut array = JsonArray::open(&mut out, 0);
        for row in &rows {
            if !array.push(&mut out, row) {
                break;
            }
        }
        array.close(&mut out);
        out.write("\n");
        return out.finish();
    }
    let layout = Layout::new(&COMBINED, &[INSTANT_WIDTH, INSTANT_WIDTH]);
    out.write(&layout.header());
    for row in &rows {
        let cells = [
            format_instant(row.start),
            format_instant(row.end),
            row.remaining.to_string(),
            row.schedules.join(", "),
        ];
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        if !out.write(&layout.line(&cells)) {
            break;
        }
    }
    if !out.failed() {
        out.write(&format!(
            "\n{} combined time{}; start and end are UTC\n",
            rows.len(),
            plural(rows.len())
        ));
    }
    out.finish()
}

/// The cells of one slot.
fn row(slot: &Slot, start: String, zones: &HashMap<&str, Zone>) -> Vec<String> {
    let local = zones
        .get(&*slot.schedule)
        .map(|z| local_span(*z, slot.start, slot.end))
        .unwrap_or_default();
    let booked = if slot.booked > slot.capacity {
        format!("{} overbooked", slot.booked)
    } else {
        slot.booked.to_string()
    };
    vec![
        start,
        slot.schedule.to_string(),
        local,
        slot.remaining.to_string(),
        booked,
        slot.capacity.to_string(),
    ]
}

/// What the answer held, counted as it went out.
#[derive(Default)]
struct Found {
    slots: usize,
    schedules: BTreeSet<String>,
}

impl Found {
    fn add(&mut self, slot: &Slot) {
        self.slots += 1;
        if !self.schedules.contains(&*slot.schedule) {
            self.schedules.insert(slot.schedule.to_string());
        }
    }
}

/// `191 bookable slots (asked: at least 1 free seat) across 3 of 3 schedules`, the
/// window, and a line for the notice rules.
fn summary(found: &Found, query: &Query, asked: usize) -> String {
    let n = found.slots;
    let (what, wanted) = if query.seats == 0 {
        (
            format!("slot{}", plural(n)),
            "seats 0: every slot, full and overbooked ones too".to_owned(),
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
        "{n} {what} (asked: {wanted}) across {} of {asked} schedule{}\n\
         window {} .. {} (start included, end excluded)\n",
        found.schedules.len(),
        plural(asked),
        format_instant(query.from),
        format_instant(query.end())
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
