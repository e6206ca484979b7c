//! `slotwise report FILE`: occupancy and outcomes of a document `{"schedules",
//! "appointments", "window": {"from", "to"}, "bucket": "day" | "week" | "month"}`,
//! one row per schedule and bucket as the engine produces them
//! (`Engine::report_each`), as a table, or with `--json` as the engine's rows.

use slotwise::{ReportRequest, ReportRow};

use crate::cli::DocumentArgs;
use crate::document::{self, Parts};
use crate::output::{written, JsonArray, Output};
use crate::table::{number, text, Column, Layout};

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

/// Run the command.
pub fn run(args: &DocumentArgs) -> Result<(), String> {
    let mut request = document::parse(&args.file, ReportRequest::from_json)?;
    let parts = Parts::take(&mut request.schedules, &mut request.appointments);
    let engine = document::engine(parts, &args.source)?;
    let mut out = Output::new();
    let answer = if args.source.json {
        let mut array = JsonArray::open(&mut out, 0);
        let answer = request.answer_each(&engine, |row| written(array.push(&mut out, &row)));
        array.close(&mut out);
        out.write("\n");
        answer
    } else {
        let id_width = engine.schedule_ids().map(str::len).max().unwrap_or(0);
        let layout = Layout::new(&COLUMNS, &[id_width]);
        out.write(&layout.header());
        let mut previous: Option<String> = None;
        let answer = request.answer_each(&engine, |row| {
            // A blank line between schedules.
            if previous.as_deref().is_some_and(|p| p != &*row.schedule) {
                out.write("\n");
            }
            if previous.as_deref() != Some(&*row.schedule) {
                previous = Some(row.schedule.to_string());
            }
            let cells = cells(&row);
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            written(out.write(&layout.line(&cells)))
        });
        out.write(
            "\nseat-minutes offered and booked; booked .. cancelled: appointments starting in \
             the bucket, by status; rates in percent, - where there is nothing to divide by\n",
        );
        answer
    };
    document::finish(out, answer)
}

/// The cells of one row: seat-time in minutes, rates in percent.
fn cells(r: &ReportRow) -> [String; 11] {
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
