//! `slotwise expand --batch`: JSON lines on stdin (`slotwise::ExpandRequest`), one
//! answer line per input line on stdout, in order. A bad line gets an error line
//! and the others are still answered; the id comes back exactly as it was sent.

use std::io::{BufRead, BufWriter, Read, Write};

use serde::Deserialize;
use serde_json::value::RawValue;
use slotwise::time::format_instant;
use slotwise::{Error, ErrorCode, ExpandRequest, Limits};

/// Lines answered together (in parallel on native builds).
const CHUNK: usize = 2048;

/// Answer every line of stdin. Fails only when stdin or stdout do.
pub fn run() -> Result<(), String> {
    let mut stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let max = Limits::DEFAULT.max_input_bytes;
    loop {
        let mut chunk = Vec::with_capacity(CHUNK);
        while chunk.len() < CHUNK {
            match next_line(&mut stdin, max).map_err(|e| format!("reading stdin: {e}"))? {
                Some(line) => chunk.push(line),
                None => break,
            }
        }
        if chunk.is_empty() {
            break;
        }
        let written = answer_all(&chunk)
            .iter()
            .try_for_each(|answer| writeln!(out, "{answer}"))
            .and_then(|()| out.flush());
        match written {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            Err(e) => return Err(format!("stdout: {e}")),
            Ok(()) => {}
        }
    }
    Ok(())
}

/// The next line without its line ending, `None` at the end of the input. A line
/// longer than `max` bytes is read through without being kept, and is an error.
fn next_line(
    input: &mut impl BufRead,
    max: usize,
) -> std::io::Result<Option<Result<String, Error>>> {
    let mut buf = Vec::new();
    let cap = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    if Read::take(&mut *input, cap).read_until(b'\n', &mut buf)? == 0 {
        return Ok(None);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    } else if buf.len() > max {
        input.skip_until(b'\n')?;
        return Ok(Some(Err(Error::new(
            ErrorCode::LimitExceeded,
            format!("max_input_bytes: the line is longer than {max} bytes"),
        ))));
    }
    Ok(Some(String::from_utf8(buf).map_err(|_| {
        Error::invalid_input("the line is not UTF-8")
    })))
}

#[cfg(not(target_arch = "wasm32"))]
fn answer_all(lines: &[Result<String, Error>]) -> Vec<String> {
    use rayon::prelude::*;
    lines.par_iter().map(answer).collect()
}

#[cfg(target_arch = "wasm32")]
fn answer_all(lines: &[Result<String, Error>]) -> Vec<String> {
    lines.iter().map(answer).collect()
}

/// The `id` of a line as its raw JSON text, nothing else read.
#[derive(Deserialize)]
struct Id<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
}

/// The answer line of one input line.
fn answer(line: &Result<String, Error>) -> String {
    let line = match line {
        Ok(line) => line.strip_prefix('\u{feff}').unwrap_or(line),
        Err(e) => return error_line("null", e),
    };
    // The id first, as sent: a line whose other fields are wrong keeps its id.
    let id = match serde_json::from_str::<Id>(line) {
        Ok(Id { id }) => id.map_or("null", RawValue::get),
        Err(e) if e.is_data() => {
            let what = if line.trim_start().starts_with('{') {
                e.to_string()
            } else {
                "a line must be a JSON object {\"id\", \"ical\", \"from\", \"to\", ...}".to_owned()
            };
            return error_line("null", &Error::invalid_input(what));
        }
        Err(e) => {
            let what = if line.trim().is_empty() {
                "the line is empty".to_owned()
            } else {
                format!("the line is not JSON: {e}")
            };
            return error_line("null", &Error::invalid_input(what));
        }
    };
    let limits = Limits::default();
    match ExpandRequest::from_json(line, &limits).and_then(|r| r.run(&limits)) {
        Ok(instants) => {
            let occurrences: Vec<String> = instants.into_iter().map(format_instant).collect();
            let occurrences = serde_json::to_string(&occurrences).unwrap_or_default();
            format!("{{\"id\":{id},\"occurrences\":{occurrences}}}")
        }
        Err(e) => error_line(id, &e),
    }
}

/// `{"id": ..., "error": {"code", "message"}}` with `id` as raw JSON text.
fn error_line(id: &str, error: &Error) -> String {
    let error = serde_json::json!({"code": error.code().as_str(), "message": error.to_string()});
    format!("{{\"id\":{id},\"error\":{error}}}")
}
