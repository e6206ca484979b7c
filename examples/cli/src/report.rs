//! `slotwise report FILE [--json] [--snapshot engine.bin]`: occupancy and outcomes
//! of a document `{"schedules", "appointments", "window": {"from", "to"}, "bucket":
//! "day" | "week" | "month"}`, one row per schedule and bucket, as a table, or with
//! `--json` as the engine's rows.

use slotwise::{ReportRequest, ReportRow};

use crate::availability::describe;
use crate::document;

const USAGE: &str = "usage: slotwise report FILE [--json] [--snapshot engine.bin]";

/// Run the command with the arguments after `report`.
pub fn run(argv: &[String]) -> Result<(), String> {
    let doc = document::open(argv, USAGE, ReportRequest::from_json, |r| {
        (
            std::mem::take(&mut r.schedules),
            std::mem::take(&mut r.appointments),
        )
    })?;
    let rows = doc.request.answer(&doc.engine).map_err(describe)?;
    document::output(doc.json, &rows, |v| table(v))
}

/// `42`, `42.5`: seat-minutes.
fn minutes(m: f64) -> String {
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

/// `37.5%`, or `-` where there is nothing to divide by.
fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "-".into(), |r| format!("{:.1}%", r * 100.0))
}

/// One line per row; seat-time in minutes, rates in percent, a blank line between
/// schedules.
fn table(rows: &[ReportRow]) -> String {
    let header = [
        "SCHEDULE",
        "BUCKET",
        "OFFERED",
        "BOOKED",
        "UTIL",
        "BOOKED#",
        "ATTENDED",
        "NO-SHOW",
        "CANCELLED",
        "CANCEL%",
        "NO-SHOW%",
    ];
    let cells: Vec<[String; 11]> = rows
        .iter()
        .map(|r| {
            let a = &r.appointments;
            [
                r.schedule.to_string(),
                r.bucket_start.0.to_string(),
                minutes(r.offered_seat_minutes),
                minutes(r.booked_seat_minutes),
                percent(r.utilization),
                a.booked.to_string(),
                a.attended.to_string(),
                a.no_show.to_string(),
                a.cancelled.to_string(),
                percent(r.cancellation_rate),
                percent(r.no_show_rate),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 11]| {
        let mut text = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i < 2 {
                text.push_str(&format!("{cell:<w$}  "));
            } else {
                text.push_str(&format!("{cell:>w$}  "));
            }
        }
        format!("{}\n", text.trim_end())
    };
    let mut out = line(header);
    let mut previous = None;
    for (row, text) in rows.iter().zip(&cells) {
        if previous.is_some_and(|p| p != &*row.schedule) {
            out.push('\n');
        }
        previous = Some(&*row.schedule);
        out.push_str(&line(text.each_ref().map(String::as_str)));
    }
    out.push_str(
        "\nseat-minutes offered and booked; rates over the appointments starting in each bucket\n",
    );
    out
}
