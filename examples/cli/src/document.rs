//! What the document commands (availability, reconcile, report) share:
//! `COMMAND FILE [--json] [--snapshot engine.bin]`, the document read and parsed, the
//! engine built from its schedules and appointments (or the snapshot), and the
//! answer printed as JSON or as a table.

use slotwise::{Appointment, Engine, Limits, Schedule};

use crate::args::Args;
use crate::availability::{describe, read};
use crate::snapshot::{engine, print};

/// A parsed document and the engine that answers it.
pub struct Document<R> {
    pub request: R,
    pub engine: Engine,
    pub json: bool,
}

/// Read the flags and FILE; `parse` reads the document and `parts` takes its
/// schedules and appointments for the engine.
pub fn open<R>(
    argv: &[String],
    usage: &str,
    parse: impl FnOnce(&str, &Limits) -> slotwise::Result<R>,
    parts: impl FnOnce(&mut R) -> (Vec<Schedule>, Vec<Appointment>),
) -> Result<Document<R>, String> {
    let args = Args::parse(argv, &["json"])?;
    args.only(&["json", "snapshot"])
        .map_err(|e| format!("{e}\n{usage}"))?;
    let [file] = args.positional() else {
        return Err(format!("one FILE is needed\n{usage}"));
    };
    let mut request = parse(&read(file)?, &Limits::default()).map_err(describe)?;
    let (schedules, appointments) = parts(&mut request);
    let engine = engine(schedules, appointments, args.value("snapshot"))?;
    Ok(Document {
        request,
        engine,
        json: args.has("json"),
    })
}

/// Print `value` as pretty JSON when `json`, else the table.
pub fn output<T: serde::Serialize>(
    json: bool,
    value: &T,
    table: impl FnOnce(&T) -> String,
) -> Result<(), String> {
    if json {
        let mut text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
        text.push('\n');
        print(&text)
    } else {
        print(&table(value))
    }
}
