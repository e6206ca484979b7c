//! `slotwise report FILE`: occupancy and outcomes of a document `{"schedules",
//! "appointments", "window": {"from", "to"}, "bucket": "day" | "week" | "month"}`,
//! one row per schedule and bucket, as a table, or with `--json` as the engine's
//! rows.

use slotwise::{ReportRequest, ReportRow};

use crate::cli::DocumentArgs;
use crate::document::{self, describe, Parts};
use crate::table::{number, text, Column, Table};

/// Run the command.
pub fn run(args: &DocumentArgs) -> Result<(), String> {
    let mut request = document::parse(&args.file, ReportRequest::from_json)?;
    let parts = Parts {
        schedules: std::mem::take(&mut request.schedules),
        appointments: std::mem::take(&mut request.appointments),
    };
    let engine = document::engine(parts, &args.source)?;
    let rows = request.answer(&engine).map_err(describe)?;
    if args.source.json {
        return document::print(&document::json(&rows)?);
    }
    document::print(&table(&rows))
}

/// The JSON names of the rows' fields; `booked` .. `cancelled` are the counts in
/// `appointments`.
const COLUMNS: [Column; 11] = [
    text("schedule"),
    text("bucket_start"),
    number("offered_seat_minutes"),
    number("booked_seat_minutes"),
    number("utilization"),
    number("booked"),
    number("attended"),
    number("no_show"),
    number("cancelled"),
    number("cancellation_rate"),
    number("no_show_rate"),
];

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
    let mut table = Table::new(&COLUMNS);
    let mut previous = None;
    for r in rows {
        if previous.is_some_and(|p| p != &*r.schedule) {
            table.gap();
        }
        previous = Some(&*r.schedule);
        let a = &r.appointments;
        table.row(vec![
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
        ]);
    }
    let mut out = table.render();
    out.push_str(
        "\nseat-minutes offered and booked; booked .. cancelled: appointments starting in the \
         bucket, by status; rates in percent, - where there is nothing to divide by\n",
    );
    out
}
