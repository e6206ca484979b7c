//! The exceptions: `SlotwiseError(ValueError)` with `.code` and `.path`, and one
//! subclass per engine error code, mapped one to one from `slotwise::ErrorCode`.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyType;
use slotwise::{Error, ErrorCode};

create_exception!(
    slotwise,
    SlotwiseError,
    PyValueError,
    "An error of the slotwise engine.\n\n`code` is the stable machine-readable code (`invalid_rule`, ...), `path` the\nfield at fault (`availability[0].rule`, empty when the whole input is) and\n`detail` the message without the path. Each code has its own subclass."
);
create_exception!(
    slotwise,
    InvalidRuleError,
    SlotwiseError,
    "`invalid_rule`: the iCalendar text or an RRULE part is malformed or forbidden by RFC 5545."
);
create_exception!(
    slotwise,
    UnknownTimezoneError,
    SlotwiseError,
    "`unknown_timezone`: a time zone name is not in the bundled IANA database."
);
create_exception!(
    slotwise,
    InvalidInputError,
    SlotwiseError,
    "`invalid_input`: a field or argument is missing, malformed or out of range (a naive datetime too)."
);
create_exception!(
    slotwise,
    InvalidWindowError,
    SlotwiseError,
    "`invalid_window`: a window is empty, reversed or outside the years 0001..9999."
);
create_exception!(
    slotwise,
    UnknownScheduleError,
    SlotwiseError,
    "`unknown_schedule`: an id names no schedule (or appointment) the engine holds."
);
create_exception!(
    slotwise,
    DuplicateIdError,
    SlotwiseError,
    "`duplicate_id`: an id is already taken."
);
create_exception!(
    slotwise,
    LimitExceededError,
    SlotwiseError,
    "`limit_exceeded`: the answer would exceed one of the engine's limits."
);
create_exception!(
    slotwise,
    InvalidSnapshotError,
    SlotwiseError,
    "`invalid_snapshot`: snapshot bytes are truncated, corrupted or of another format version."
);

/// Every code with its exception class.
fn class_of(py: Python<'_>, code: ErrorCode) -> Bound<'_, PyType> {
    match code {
        ErrorCode::InvalidRule => py.get_type::<InvalidRuleError>(),
        ErrorCode::UnknownTimezone => py.get_type::<UnknownTimezoneError>(),
        ErrorCode::InvalidInput => py.get_type::<InvalidInputError>(),
        ErrorCode::InvalidWindow => py.get_type::<InvalidWindowError>(),
        ErrorCode::UnknownSchedule => py.get_type::<UnknownScheduleError>(),
        ErrorCode::DuplicateId => py.get_type::<DuplicateIdError>(),
        ErrorCode::LimitExceeded => py.get_type::<LimitExceededError>(),
        ErrorCode::InvalidSnapshot => py.get_type::<InvalidSnapshotError>(),
    }
}

const CODES: [ErrorCode; 8] = [
    ErrorCode::InvalidRule,
    ErrorCode::UnknownTimezone,
    ErrorCode::InvalidInput,
    ErrorCode::InvalidWindow,
    ErrorCode::UnknownSchedule,
    ErrorCode::DuplicateId,
    ErrorCode::LimitExceeded,
    ErrorCode::InvalidSnapshot,
];

/// Add the classes to the module; each subclass carries its `code` as a class
/// attribute, and every class an empty `path` and `detail` until raised.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = py.get_type::<SlotwiseError>();
    base.setattr("code", "")?;
    base.setattr("path", "")?;
    base.setattr("detail", "")?;
    m.add("SlotwiseError", base)?;
    for code in CODES {
        let class = class_of(py, code);
        class.setattr("code", code.as_str())?;
        m.add(class.name()?, class)?;
    }
    Ok(())
}

/// The Python exception of an engine error: its class by code, its message, and
/// `code`, `path` and `detail` set on the instance.
pub fn to_py(py: Python<'_>, error: &Error) -> PyErr {
    let class = class_of(py, error.code());
    let made = class.call1((error.message(),)).and_then(|value| {
        value.setattr("code", error.code().as_str())?;
        value.setattr("path", error.path())?;
        value.setattr("detail", error.detail())?;
        Ok(PyErr::from_value(value))
    });
    made.unwrap_or_else(|e| e)
}

/// Shorthand: the engine's result into a Python result.
pub fn check<T>(py: Python<'_>, result: slotwise::Result<T>) -> PyResult<T> {
    result.map_err(|e| to_py(py, &e))
}

/// An `invalid_input` error about one argument or field of the binding's own
/// conversions (a naive datetime, a timedelta with microseconds).
pub fn invalid_input(py: Python<'_>, path: &str, detail: impl Into<String>) -> PyErr {
    to_py(py, &Error::invalid_input(detail).at(path))
}
