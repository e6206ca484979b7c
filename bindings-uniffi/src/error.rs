//! The one error type every call can fail with: the engine's code and field path.

use std::fmt;

/// The stable error codes; hosts match on these, never on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
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

impl From<slotwise::ErrorCode> for ErrorCode {
    fn from(code: slotwise::ErrorCode) -> Self {
        use slotwise::ErrorCode as C;
        match code {
            C::InvalidRule => ErrorCode::InvalidRule,
            C::UnknownTimezone => ErrorCode::UnknownTimezone,
            C::InvalidInput => ErrorCode::InvalidInput,
            C::InvalidWindow => ErrorCode::InvalidWindow,
            C::UnknownSchedule => ErrorCode::UnknownSchedule,
            C::DuplicateId => ErrorCode::DuplicateId,
            C::LimitExceeded => ErrorCode::LimitExceeded,
            C::InvalidSnapshot => ErrorCode::InvalidSnapshot,
        }
    }
}

/// A failed call: one case per error code, each with the path of the offending field
/// (`schedules[3].availability[0].rule`; empty when the whole input is at fault) and a
/// message for people. A Kotlin exception (`SlotwiseException`) and a Swift `Error`
/// (`SlotwiseError`). A call that fails changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
pub enum SlotwiseError {
    /// The iCalendar text or an RRULE part is malformed or forbidden by RFC 5545.
    InvalidRule {
        /// The offending field.
        path: String,
        /// What is wrong, for people.
        detail: String,
    },
    /// A time zone name is not in the bundled IANA database.
    UnknownTimezone {
        /// The offending field.
        path: String,
        /// What is wrong, for people.
        detail: String,
    },
    /// A field is missing, malformed or out of range.
    InvalidInput {
        /// The offending field.
        path: String,
        /// What is wrong, for people.
        detail: String,
    },
    /// A query window is empty, reversed or outside the years 0001..9999.
    InvalidWindow {
        /// The offending field.
        path: String,
        /// What is wrong, for people.
        detail: String,
    },
    /// An id names no schedule the engine holds.
    UnknownSchedule {
        /// The offending field.
        path: String,
        /// What is wrong, for people.
        detail: String,
    },
    /// An id is already taken.
    DuplicateId {
        /// The offending field.
        path: String,
        /// What is wrong, for people.
        detail: String,
    },
    /// The answer would exceed a configured limit.
    LimitExceeded {
        /// The offending field.
        path: String,
        /// What is wrong, for people.
        detail: String,
    },
    /// Snapshot bytes are truncated, corrupted or of another format version.
    InvalidSnapshot {
        /// The offending field.
        path: String,
        /// What is wrong, for people.
        detail: String,
    },
}

impl SlotwiseError {
    fn parts(&self) -> (ErrorCode, &str, &str) {
        match self {
            SlotwiseError::InvalidRule { path, detail } => (ErrorCode::InvalidRule, path, detail),
            SlotwiseError::UnknownTimezone { path, detail } => {
                (ErrorCode::UnknownTimezone, path, detail)
            }
            SlotwiseError::InvalidInput { path, detail } => (ErrorCode::InvalidInput, path, detail),
            SlotwiseError::InvalidWindow { path, detail } => {
                (ErrorCode::InvalidWindow, path, detail)
            }
            SlotwiseError::UnknownSchedule { path, detail } => {
                (ErrorCode::UnknownSchedule, path, detail)
            }
            SlotwiseError::DuplicateId { path, detail } => (ErrorCode::DuplicateId, path, detail),
            SlotwiseError::LimitExceeded { path, detail } => {
                (ErrorCode::LimitExceeded, path, detail)
            }
            SlotwiseError::InvalidSnapshot { path, detail } => {
                (ErrorCode::InvalidSnapshot, path, detail)
            }
        }
    }
}

#[uniffi::export]
impl SlotwiseError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.parts().0
    }

    /// The code as text, as in JSON and every other binding (`invalid_input`).
    pub fn code_name(&self) -> String {
        code_name(self.code()).to_owned()
    }

    /// The field path, empty when the whole input is at fault.
    pub fn path(&self) -> String {
        self.parts().1.to_owned()
    }

    /// The full message: `path: detail`, or the detail alone.
    pub fn describe(&self) -> String {
        self.to_string()
    }
}

fn code_name(code: ErrorCode) -> &'static str {
    match code {
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

impl fmt::Display for SlotwiseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (_, path, detail) = self.parts();
        if path.is_empty() {
            f.write_str(detail)
        } else {
            write!(f, "{path}: {detail}")
        }
    }
}

impl std::error::Error for SlotwiseError {}

impl From<slotwise::Error> for SlotwiseError {
    fn from(e: slotwise::Error) -> Self {
        let path = e.path().to_owned();
        let detail = e.detail().to_owned();
        match ErrorCode::from(e.code()) {
            ErrorCode::InvalidRule => SlotwiseError::InvalidRule { path, detail },
            ErrorCode::UnknownTimezone => SlotwiseError::UnknownTimezone { path, detail },
            ErrorCode::InvalidInput => SlotwiseError::InvalidInput { path, detail },
            ErrorCode::InvalidWindow => SlotwiseError::InvalidWindow { path, detail },
            ErrorCode::UnknownSchedule => SlotwiseError::UnknownSchedule { path, detail },
            ErrorCode::DuplicateId => SlotwiseError::DuplicateId { path, detail },
            ErrorCode::LimitExceeded => SlotwiseError::LimitExceeded { path, detail },
            ErrorCode::InvalidSnapshot => SlotwiseError::InvalidSnapshot { path, detail },
        }
    }
}

/// Results of the exported calls.
pub type Result<T, E = SlotwiseError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_path_and_message_come_from_the_engine() {
        let e = slotwise::Error::invalid_rule("BYMONTHDAY=0 is not allowed")
            .at("rule")
            .at_index("availability", 0);
        let e = SlotwiseError::from(e);
        assert_eq!(e.code(), ErrorCode::InvalidRule);
        assert_eq!(e.code_name(), "invalid_rule");
        assert_eq!(e.path(), "availability[0].rule");
        assert_eq!(
            e.describe(),
            "availability[0].rule: BYMONTHDAY=0 is not allowed"
        );
    }

    #[test]
    fn every_code_keeps_its_name() {
        use slotwise::ErrorCode as C;
        for c in [
            C::InvalidRule,
            C::UnknownTimezone,
            C::InvalidInput,
            C::InvalidWindow,
            C::UnknownSchedule,
            C::DuplicateId,
            C::LimitExceeded,
            C::InvalidSnapshot,
        ] {
            let e = SlotwiseError::from(slotwise::Error::new(c, "x"));
            assert_eq!(e.code_name(), c.as_str());
        }
    }
}
