//! Input records: JSON text read into typed values with the path of a bad field, and
//! the version and id every record carries. The first step of every input.

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::limits::Limits;

/// Parse JSON text into `T`. A malformed or mistyped field is `invalid_input` with the
/// field's path; text longer than `limits.max_input_bytes` is `limit_exceeded`.
pub fn from_json<T: DeserializeOwned>(text: &str, limits: &Limits) -> Result<T> {
    limits.check_input(text.len())?;
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let error = Error::invalid_input(e.into_inner().to_string());
        if path == "." {
            error
        } else {
            error.at(&path)
        }
    })?;
    de.end()
        .map_err(|e| Error::invalid_input(format!("trailing text after the JSON value: {e}")))?;
    Ok(value)
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
