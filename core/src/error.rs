//! Errors: one type with a stable machine-readable [`ErrorCode`] and a field path.

use std::fmt;

/// The stable error codes. Hosts match on these, never on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The iCalendar text or an RRULE part is malformed or forbidden by RFC 5545.
    InvalidRule,
    /// A time zone name is not in the bundled IANA database.
    UnknownTimezone,
    /// A field is missing, malformed or out of range.
    InvalidInput,
    /// A query window is empty, reversed or outside the years 0001..9999.
    InvalidWindow,
    /// An id names no schedule the engine holds.
    UnknownSchedule,
    /// An id is already taken.
    DuplicateId,
    /// The answer would exceed a configured limit.
    LimitExceeded,
    /// Snapshot bytes are truncated, corrupted or of another format version.
    InvalidSnapshot,
}

impl ErrorCode {
    /// The code as it appears in JSON and in every binding.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidRule => "invalid_rule",
            ErrorCode::UnknownTimezone => "unknown_timezone",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::InvalidWindow => "invalid_window",
            ErrorCode::UnknownSchedule => "unknown_schedule",
            ErrorCode::DuplicateId => "duplicate_id",
            ErrorCode::LimitExceeded => "limit_exceeded",
            ErrorCode::InvalidSnapshot => "invalid_snapshot",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error of the engine: a code, the path of the offending field
/// (`schedules[3].availability[0].rule`, empty when the whole input is at fault)
/// and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    code: ErrorCode,
    path: String,
    detail: String,
}

impl Error {
    /// An error about the input as a whole; give it a field path with [`Error::at`].
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Error {
            code,
            path: String::new(),
            detail: detail.into(),
        }
    }

    /// Shorthand for [`ErrorCode::InvalidInput`].
    pub fn invalid_input(detail: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidInput, detail)
    }

    /// Shorthand for [`ErrorCode::InvalidRule`].
    pub fn invalid_rule(detail: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidRule, detail)
    }

    /// Prefix the field path with `outer` (`"schedules[2]"`, `"slot"`, `"[4]"`).
    pub fn at(mut self, outer: &str) -> Self {
        if self.path.is_empty() {
            self.path = outer.to_owned();
        } else if self.path.starts_with('[') {
            self.path = format!("{outer}{}", self.path);
        } else {
            self.path = format!("{outer}.{}", self.path);
        }
        self
    }

    /// Prefix the field path with `outer[index]`.
    pub fn at_index(self, outer: &str, index: usize) -> Self {
        self.at(&format!("{outer}[{index}]"))
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The field path, empty when the error is about the whole input.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The message without the path.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// The full message: `path: detail`, or the detail alone.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.detail)
        } else {
            write!(f, "{}: {}", self.path, self.detail)
        }
    }
}

/// Result with the engine's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_nest_outward() {
        let e = Error::invalid_rule("BYMONTHDAY=0 is not allowed")
            .at("rule")
            .at_index("availability", 0)
            .at_index("schedules", 3);
        assert_eq!(e.path(), "schedules[3].availability[0].rule");
        assert_eq!(
            e.to_string(),
            "schedules[3].availability[0].rule: BYMONTHDAY=0 is not allowed"
        );
        assert_eq!(e.code().as_str(), "invalid_rule");
    }
}
