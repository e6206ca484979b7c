//! `slotwise snapshot FILE -o engine.bin`: the schedules and appointments of FILE
//! (any document of the other commands, or the engine's JSON state) as a binary
//! snapshot, which `--snapshot engine.bin` then answers from.

use slotwise::Engine;

use crate::cli::SnapshotArgs;
use crate::document::{self, describe, Parts};

/// Run the command.
pub fn run(args: &SnapshotArgs) -> Result<(), String> {
    let parts: Parts = document::parse(&args.file, slotwise::from_json)?;
    let (schedules, appointments) = (parts.schedules.len(), parts.appointments.len());
    let engine = Engine::from_parts(parts.schedules, parts.appointments, Default::default())
        .map_err(describe)?;
    let bytes = engine.to_snapshot().map_err(describe)?;
    let output = &args.output;
    std::fs::write(output, &bytes).map_err(|e| format!("{output}: {e}"))?;
    eprintln!(
        "{output}: {schedules} schedules, {appointments} appointments, {} bytes",
        bytes.len()
    );
    Ok(())
}
