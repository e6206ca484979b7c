//! What the document commands share: FILE read (bounded, `-` is stdin) and parsed,
//! the engine built from its schedules and appointments or from a snapshot in their
//! place, engine errors as messages, and answers written to stdout.

use std::io::{Read, Write};

use serde::Deserialize;
use slotwise::{Appointment, Engine, Limits, Schedule};

use crate::cli::Source;
use crate::output::Output;

/// The parts of any document an engine is made of; its other fields (a query, a
/// window, a version) play no part.
#[derive(Deserialize)]
pub struct Parts {
    #[serde(default)]
    pub schedules: Vec<Schedule>,
    #[serde(default)]
    pub appointments: Vec<Appointment>,
}

impl Parts {
    /// The schedules and appointments of a parsed request, taken out of it.
    pub fn take(schedules: &mut Vec<Schedule>, appointments: &mut Vec<Appointment>) -> Parts {
        Parts {
            schedules: std::mem::take(schedules),
            appointments: std::mem::take(appointments),
        }
    }
}

/// The text of FILE (`-`: stdin), read no further than one byte past
/// `max_input_bytes`, which the JSON loader then refuses.
pub fn read(file: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    bounded(file, Limits::DEFAULT.max_input_bytes)?
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{file}: {e}"))?;
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(format!(
            "{file}: invalid_input: the file starts with a UTF-16 byte-order mark: save it as UTF-8"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{file}: invalid_input: the file is not UTF-8 text (byte {} is not)",
            e.utf8_error().valid_up_to()
        )
    })
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

/// Parse FILE with `parse`.
pub fn parse<R>(
    file: &str,
    parse: impl FnOnce(&str, &Limits) -> slotwise::Result<R>,
) -> Result<R, String> {
    parse(&read(file)?, &Limits::default()).map_err(describe)
}

/// An engine error as `code: path: message`.
pub fn describe(e: slotwise::Error) -> String {
    format!("{}: {e}", e.code())
}

/// The engine a command answers from: the document's schedules and appointments,
/// or the snapshot of `source`, which replaces them (the document must then have
/// none, so nothing is silently left out).
pub fn engine(parts: Parts, source: &Source) -> Result<Engine, String> {
    let limits = Limits::default();
    let Some(path) = source.snapshot.as_deref() else {
        return Engine::from_parts(parts.schedules, parts.appointments, limits).map_err(describe);
    };
    if !parts.schedules.is_empty() || !parts.appointments.is_empty() {
        return Err(
            "--snapshot replaces the file's schedules and appointments: leave them out of FILE"
                .into(),
        );
    }
    // Read no further than one byte past the limit, which opening then refuses.
    let mut bytes = Vec::new();
    bounded(path, limits.max_snapshot_bytes)?
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{path}: {e}"))?;
    Engine::from_snapshot_vec(bytes, limits).map_err(|e| format!("{path}: {}", describe(e)))
}

/// The engine of a command whose FILE is optional with --snapshot.
pub fn engine_of(file: Option<&str>, source: &Source) -> Result<Engine, String> {
    let parts = match file {
        Some(file) => parse(file, slotwise::from_json)?,
        None => Parts {
            schedules: Vec::new(),
            appointments: Vec::new(),
        },
    };
    engine(parts, source)
}

/// The end of an answer written as the engine produced it: flushed when the engine
/// answered or when its walk was stopped because writing failed (a closed pipe);
/// when the engine refused, what is still buffered is dropped and its error is the
/// message.
pub fn finish(out: Output, answer: slotwise::Result<()>) -> Result<(), String> {
    match answer {
        Err(_) if out.failed() => out.finish(),
        Err(e) => {
            out.discard();
            Err(describe(e))
        }
        Ok(()) => out.finish(),
    }
}

/// `value` as pretty JSON and a newline.
pub fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

/// Write `text` to stdout; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
        _ => Ok(()),
    }
}
