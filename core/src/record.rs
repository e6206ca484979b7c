//! Input records: JSON text read into typed values with the path of a bad field, and
//! the version and id every record carries. The first step of every input.

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::limits::Limits;

/// Parse JSON text into `T`. A malformed or mistyped field is `invalid_input` with the
/// field's path; text longer than `limits.max_input_bytes` is `limit_exceeded`. A
/// leading UTF-8 byte-order mark (as some editors save) is skipped.
pub fn from_json<T: DeserializeOwned>(text: &str, limits: &Limits) -> Result<T> {
    limits.check_input(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let raw = e.into_inner().to_string();
        let message = in_our_words(&raw);
        if path == "." {
            if raw.contains("expected struct") {
                return Error::invalid_input(format!(
                    "the document must be a JSON object {{...}}, not {}",
                    json_kind(text)
                ));
            }
            Error::invalid_input(message)
        } else {
            Error::invalid_input(message).at(&path)
        }
    })?;
    de.end()
        .map_err(|e| Error::invalid_input(format!("trailing text after the JSON value: {e}")))?;
    Ok(value)
}

/// serde's messages in JSON's words: an object where serde says map or struct, an
/// array where it says sequence, and numbers out of range (`1e400`, `4294967296`
/// where a count of seats is expected) "too large".
fn in_our_words(message: &str) -> String {
    let message = &json_words(message);
    if let Some(rest) = message.strip_prefix("number out of range") {
        return format!("the number is too large{rest}");
    }
    // `invalid value: integer `-1`, expected u32 at line 1 column 9`; integers past
    // u64 reach serde as floats.
    let number = ["invalid value: integer `", "invalid type: floating point `"]
        .iter()
        .find_map(|p| message.strip_prefix(p));
    if let Some((number, expected)) = number.and_then(|r| r.split_once("`, expected ")) {
        let (kind, at) = expected.split_once(' ').unwrap_or((expected, ""));
        let max = match kind {
            "u8" => u64::from(u8::MAX),
            "u16" => u64::from(u16::MAX),
            "u32" => u64::from(u32::MAX),
            "u64" | "usize" => u64::MAX,
            _ => return message.to_owned(),
        };
        let at = if at.is_empty() { "" } else { " " };
        let at = format!("{at}{}", expected.split_once(' ').map_or("", |(_, a)| a));
        if number.starts_with('-') {
            return format!("{number} must not be negative{at}");
        }
        if number
            .parse::<f64>()
            .is_ok_and(|n| n > max as f64 || n >= u64::MAX as f64)
        {
            return format!("{number} is too large (at most {max}){at}");
        }
        return format!("{number} is not a whole number{at}");
    }
    message.to_owned()
}

/// `invalid type: map, expected struct Query` -> `invalid type: object, expected an
/// object`... and `invalid length 0, expected struct Query with 7 elements` (an array
/// where an object belongs) -> `must be a JSON object, not an array`.
fn json_words(message: &str) -> String {
    if message.starts_with("invalid length") && message.contains("expected struct") {
        let at = message.find(" at line ").map_or("", |i| &message[i..]);
        return format!("must be a JSON object, not an array{at}");
    }
    let mut out = message
        .replacen("invalid type: map", "invalid type: object", 1)
        .replacen("invalid type: sequence", "invalid type: array", 1)
        .replacen("expected a sequence", "expected an array", 1)
        .replacen("expected a map", "expected an object", 1);
    // `expected struct Appointment` names a Rust type: say what JSON wants.
    if let Some(i) = out.find("expected struct ") {
        let rest = &out[i + "expected struct ".len()..];
        let name_end = rest
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .unwrap_or(rest.len());
        let tail = rest[name_end..].to_owned();
        out = format!("{}expected a JSON object{tail}", &out[..i]);
    }
    out
}

/// What the JSON text holds at its top, for messages: `an array`, `a string`, ...
fn json_kind(text: &str) -> &'static str {
    match text.trim_start().bytes().next() {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'{') => "an object of another shape",
        Some(b'-' | b'0'..=b'9') => "a number",
        _ => "that",
    }
}

/// The fields every input record shares: a supported `version` (only 1) and a
/// non-empty `id`.
pub(crate) fn check_record(version: Option<u32>, id: &str) -> Result<()> {
    if let Some(v) = version.filter(|&v| v != 1) {
        return Err(
            Error::invalid_input(format!("version {v} is not supported (only 1)")).at("version"),
        );
    }
    if id.is_empty() {
        return Err(Error::invalid_input("must not be empty").at("id"));
    }
    Ok(())
}
