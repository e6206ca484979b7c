//! `slotwise expand`: one rule from flags, or JSON lines in batch.

use std::io::{BufRead, BufWriter, Read, Write};

use serde_json::{json, Value};
use slotwise::time::{format_instant, parse_instant};
use slotwise::{Error, ErrorCode, Limits, RecurrenceSet, Zone};

use crate::args::Args;

/// Lines answered together (in parallel on native builds).
const BATCH_CHUNK: usize = 2048;

pub fn run(argv: &[String]) -> Result<(), String> {
    let args = Args::parse(argv, &["batch"])?;
    if args.has("batch") {
        args.only(&["batch"])?;
        return batch();
    }
    args.only(&["rule", "from", "to", "limit", "tz"])?;
    if let Some(extra) = args.positional().first() {
        return Err(format!("unexpected argument `{extra}`"));
    }
    let text = args.required("rule")?.replace("\\n", "\n");
    let zone = match args.value("tz") {
        Some(name) => Zone::parse(name).map_err(|e| format!("--tz: {e}"))?,
        None => Zone::UTC,
    };
    let from = parse_instant(args.required("from")?).map_err(|e| format!("--from: {e}"))?;
    let to = parse_instant(args.required("to")?).map_err(|e| format!("--to: {e}"))?;
    let limit = args
        .value("limit")
        .map(|v| {
            v.parse::<usize>()
                .map_err(|_| format!("--limit: `{v}` is not a count"))
        })
        .transpose()?;
    let set = RecurrenceSet::parse_in(&text, zone).map_err(|e| format!("--rule: {e}"))?;
    let instants = set
        .between(from, to, limit, &slotwise::Limits::default())
        .map_err(|e| e.to_string())?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for t in instants {
        writeln!(out, "{}", format_instant(t)).map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}

/// Answer JSON lines from stdin, in order; a bad line (not UTF-8, longer than
/// `max_input_bytes`, not a valid request) gets an error line.
fn batch() -> Result<(), String> {
    let mut stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let max = Limits::DEFAULT.max_input_bytes;
    loop {
        let mut chunk = Vec::with_capacity(BATCH_CHUNK);
        while chunk.len() < BATCH_CHUNK {
            match next_line(&mut stdin, max).map_err(|e| format!("reading stdin: {e}"))? {
                Some(line) => chunk.push(line),
                None => break,
            }
        }
        if chunk.is_empty() {
            break;
        }
        for answer in answer_all(&chunk) {
            writeln!(out, "{answer}").map_err(|e| e.to_string())?;
        }
        out.flush().map_err(|e| e.to_string())?;
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

fn answer(line: &Result<String, Error>) -> String {
    let line = match line {
        Ok(line) => line,
        Err(e) => return error_line(&Value::Null, e),
    };
    let request: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            return error_line(
                &Value::Null,
                &Error::invalid_input(format!("the line is not JSON: {e}")),
            )
        }
    };
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    match expand_request(&request) {
        Ok(instants) => json!({
            "id": id,
            "occurrences": instants.into_iter().map(format_instant).collect::<Vec<_>>(),
        })
        .to_string(),
        Err(e) => error_line(&id, &e),
    }
}

fn expand_request(request: &Value) -> Result<Vec<i64>, Error> {
    let text = |name: &str| -> Result<&str, Error> {
        request
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| Error::invalid_input("a string is required").at(name))
    };
    let instant =
        |name: &str| -> Result<i64, Error> { parse_instant(text(name)?).map_err(|e| e.at(name)) };
    let limit = match request.get("limit") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| {
                    Error::invalid_input("must be a non-negative integer").at("limit")
                })?,
        ),
    };
    let zone = match request.get("timezone").and_then(Value::as_str) {
        Some(name) => Zone::parse(name).map_err(|e| e.at("timezone"))?,
        None => Zone::UTC,
    };
    let set = RecurrenceSet::parse_in(text("ical")?, zone).map_err(|e| e.at("ical"))?;
    set.between(
        instant("from")?,
        instant("to")?,
        limit,
        &slotwise::Limits::default(),
    )
}

fn error_line(id: &Value, error: &Error) -> String {
    let code: ErrorCode = error.code();
    json!({"id": id, "error": {"code": code.as_str(), "message": error.to_string()}}).to_string()
}
