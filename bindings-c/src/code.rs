//! The error codes of the C ABI: `SLOTWISE_CODE_OK` and one per
//! `slotwise::ErrorCode`, plus `SLOTWISE_CODE_INTERNAL` for a caught panic.

use std::ffi::c_char;

use slotwise::ErrorCode;

/// The outcome of a call: `SLOTWISE_CODE_OK` (0) or an error.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotwiseCode {
    /// The call succeeded.
    Ok = 0,
    /// `invalid_rule`: the iCalendar text or an RRULE part is malformed or forbidden.
    InvalidRule = 1,
    /// `unknown_timezone`: a zone is not in the bundled IANA database.
    UnknownTimezone = 2,
    /// `invalid_input`: a field or argument is missing, malformed or out of range.
    InvalidInput = 3,
    /// `invalid_window`: a window is empty, reversed or outside the years 0001..9999.
    InvalidWindow = 4,
    /// `unknown_schedule`: an id names no schedule the engine holds.
    UnknownSchedule = 5,
    /// `duplicate_id`: an id is already taken.
    DuplicateId = 6,
    /// `limit_exceeded`: the answer would exceed a configured limit.
    LimitExceeded = 7,
    /// `invalid_snapshot`: snapshot bytes are truncated, corrupted or of another version.
    InvalidSnapshot = 8,
    /// `internal`: the engine panicked (a bug); the call changed nothing it could not
    /// undo, but an engine that panicked while changing refuses further calls.
    Internal = 9,
}

impl SlotwiseCode {
    /// The code as every binding names it (`invalid_rule`, ..., `ok`, `internal`).
    pub fn name(self) -> &'static str {
        match self {
            SlotwiseCode::Ok => "ok",
            SlotwiseCode::InvalidRule => ErrorCode::InvalidRule.as_str(),
            SlotwiseCode::UnknownTimezone => ErrorCode::UnknownTimezone.as_str(),
            SlotwiseCode::InvalidInput => ErrorCode::InvalidInput.as_str(),
            SlotwiseCode::InvalidWindow => ErrorCode::InvalidWindow.as_str(),
            SlotwiseCode::UnknownSchedule => ErrorCode::UnknownSchedule.as_str(),
            SlotwiseCode::DuplicateId => ErrorCode::DuplicateId.as_str(),
            SlotwiseCode::LimitExceeded => ErrorCode::LimitExceeded.as_str(),
            SlotwiseCode::InvalidSnapshot => ErrorCode::InvalidSnapshot.as_str(),
            SlotwiseCode::Internal => "internal",
        }
    }

    /// The same name, NUL-terminated, for C.
    fn c_name(self) -> &'static [u8] {
        match self {
            SlotwiseCode::Ok => b"ok\0",
            SlotwiseCode::InvalidRule => b"invalid_rule\0",
            SlotwiseCode::UnknownTimezone => b"unknown_timezone\0",
            SlotwiseCode::InvalidInput => b"invalid_input\0",
            SlotwiseCode::InvalidWindow => b"invalid_window\0",
            SlotwiseCode::UnknownSchedule => b"unknown_schedule\0",
            SlotwiseCode::DuplicateId => b"duplicate_id\0",
            SlotwiseCode::LimitExceeded => b"limit_exceeded\0",
            SlotwiseCode::InvalidSnapshot => b"invalid_snapshot\0",
            SlotwiseCode::Internal => b"internal\0",
        }
    }

    /// The code of a number, if it is one.
    pub fn from_i32(value: i32) -> Option<SlotwiseCode> {
        [
            SlotwiseCode::Ok,
            SlotwiseCode::InvalidRule,
            SlotwiseCode::UnknownTimezone,
            SlotwiseCode::InvalidInput,
            SlotwiseCode::InvalidWindow,
            SlotwiseCode::UnknownSchedule,
            SlotwiseCode::DuplicateId,
            SlotwiseCode::LimitExceeded,
            SlotwiseCode::InvalidSnapshot,
            SlotwiseCode::Internal,
        ]
        .into_iter()
        .find(|c| *c as i32 == value)
    }
}

impl From<ErrorCode> for SlotwiseCode {
    fn from(code: ErrorCode) -> SlotwiseCode {
        match code {
            ErrorCode::InvalidRule => SlotwiseCode::InvalidRule,
            ErrorCode::UnknownTimezone => SlotwiseCode::UnknownTimezone,
            ErrorCode::InvalidInput => SlotwiseCode::InvalidInput,
            ErrorCode::InvalidWindow => SlotwiseCode::InvalidWindow,
            ErrorCode::UnknownSchedule => SlotwiseCode::UnknownSchedule,
            ErrorCode::DuplicateId => SlotwiseCode::DuplicateId,
            ErrorCode::LimitExceeded => SlotwiseCode::LimitExceeded,
            ErrorCode::InvalidSnapshot => SlotwiseCode::InvalidSnapshot,
        }
    }
}

/// The name of a code (`"invalid_rule"`), NUL-terminated and static (never freed);
/// NULL for a number that is no code.
#[no_mangle]
pub extern "C" fn slotwise_code_name(code: i32) -> *const c_char {
    match SlotwiseCode::from_i32(code) {
        Some(c) => c.c_name().as_ptr().cast(),
        None => std::ptr::null(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_the_core_and_the_c_strings() {
        for n in 0..10 {
            let code = SlotwiseCode::from_i32(n).unwrap();
            let c = code.c_name();
            assert_eq!(&c[..c.len() - 1], code.name().as_bytes());
        }
        assert_eq!(SlotwiseCode::from_i32(10), None);
        assert!(slotwise_code_name(-1).is_null());
    }
}
