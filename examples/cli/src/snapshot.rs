//! `slotwise snapshot FILE -o engine.bin`: the schedules and appointments of FILE
//! (any document of the other commands, or the engine's JSON state) as a binary
//! snapshot; and the engine every command answers from: the file's schedules and
//! appointments, or with `--snapshot engine.bin` a snapshot in their place.

use serde::Deserialize;
use slotwise::capacity::Appointment;
use slotwise::schedule::Schedule;
use std::io::Read;

use slotwise::{Engine, Limits};

use crate::args::Args;
use crate::availability::{describe, read};

const USAGE: &str = "usage: slotwise snapshot FILE -o engine.bin";

/// The parts of a document a snapshot is made of; its other fields (a query, a
/// window, a version) play no part.
#[derive(Deserialize)]
struct Parts {
    #[serde(default)]
    schedules: Vec<Schedule>,
    #[serde(default)]
    appointments: Vec<Appointment>,
}

/// Run the command with the arguments after `snapshot`.
pub fn run(argv: &[String]) -> Result<(), String> {
    let args = Args::parse(argv, &[])?;
    args.only(&["output"])?;
    let [file] = args.positional() else {
        return Err(format!("one FILE is needed\n{USAGE}"));
    };
    let output = args
        .value("output")
        .ok_or_else(|| format!("-o engine.bin is needed\n{USAGE}"))?;
    let limits = Limits::default();
    let parts: Parts = slotwise::from_json(&read(file)?, &limits).map_err(describe)?;
    let (schedules, appointments) = (parts.schedules.len(), parts.appointments.len());
    let engine =
        Engine::from_parts(parts.schedules, parts.appointments, limits).map_err(describe)?;
    let bytes = engine.to_snapshot().map_err(describe)?;
    std::fs::write(output, &bytes).map_err(|e| format!("{output}: {e}"))?;
    eprintln!(
        "{output}: {schedules} schedules, {appointments} appointments, {} bytes",
        bytes.len()
    );
    Ok(())
}

/// The engine a command answers from: the document's schedules and appointments,
/// or the snapshot at `snapshot`, which replaces them (the document must then have
/// none, so nothing is silently left out).
pub fn engine(
    schedules: Vec<Schedule>,
    appointments: Vec<Appointment>,
    snapshot: Option<&str>,
) -> Result<Engine, String> {
    let limits = Limits::default();
    let Some(path) = snapshot else {
        return Engine::from_parts(schedules, appointments, limits).map_err(describe);
    };
    if !schedules.is_empty() || !appointments.is_empty() {
        return Err(
            "--snapshot replaces the file's schedules and appointments: leave them out of FILE"
                .into(),
        );
    }
    // Read no further than one byte past the limit, which opening then refuses.
    let mut bytes = Vec::new();
    crate::availability::bounded(path, limits.max_snapshot_bytes)?
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{path}: {e}"))?;
    Engine::from_snapshot_vec(bytes, limits).map_err(|e| format!("{path}: {}", describe(e)))
}

/// Write `text` to stdout; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
        _ => Ok(()),
    }
}
