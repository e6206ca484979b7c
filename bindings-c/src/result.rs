//! The result every fallible entry point fills, and the guard that runs an entry
//! point's body: it catches panics and turns the body's outcome into a result.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::buffer::SlotwiseBuffer;
use crate::code::SlotwiseCode;

/// What a call produced: on success `code` is `SLOTWISE_CODE_OK` and `value` holds
/// the answer (JSON text, snapshot bytes, or nothing); on failure `message` holds
/// the full message (`path: detail`) and `path` the offending field
/// (`schedules[0].slot.step`, or the argument's name; empty when the whole input is
/// at fault). Calls overwrite the struct without reading it: free it with
/// `slotwise_result_free` before reusing it.
#[repr(C)]
#[derive(Debug)]
pub struct SlotwiseResult {
    /// A `SlotwiseCode`: `SLOTWISE_CODE_OK` or the error's code. (Stored as a plain
    /// integer, so a struct the caller zeroed or reused is never an invalid value.)
    pub code: i32,
    /// The error message (UTF-8), empty on success.
    pub message: SlotwiseBuffer,
    /// The error's field path (UTF-8), empty on success or when there is none.
    pub path: SlotwiseBuffer,
    /// The answer on success: JSON text (UTF-8) or snapshot bytes; may be empty.
    pub value: SlotwiseBuffer,
}

/// Why a call failed.
#[derive(Debug)]
pub enum Failure {
    /// An error of the engine or of an argument.
    Engine(slotwise::Error),
    /// Something that should never happen (a panic, an engine left unusable by one).
    Internal(String),
}

impl From<slotwise::Error> for Failure {
    fn from(e: slotwise::Error) -> Failure {
        Failure::Engine(e)
    }
}

/// What a successful call hands back.
#[derive(Debug)]
pub enum Value {
    /// Nothing (a change that succeeded).
    Nothing,
    /// JSON text.
    Json(String),
    /// Binary bytes.
    Bytes(Vec<u8>),
}

/// A successful answer as JSON text.
pub fn json<T: serde::Serialize + ?Sized>(answer: &T) -> Result<Value, Failure> {
    serde_json::to_string(answer)
        .map(Value::Json)
        .map_err(|e| Failure::Internal(format!("internal error: {e}")))
}

impl SlotwiseResult {
    fn success(value: Value) -> SlotwiseResult {
        SlotwiseResult {
            code: SlotwiseCode::Ok as i32,
            message: SlotwiseBuffer::EMPTY,
            path: SlotwiseBuffer::EMPTY,
            value: match value {
                Value::Nothing => SlotwiseBuffer::EMPTY,
                Value::Json(text) => SlotwiseBuffer::text(text),
                Value::Bytes(bytes) => SlotwiseBuffer::bytes(bytes),
            },
        }
    }

    fn failure(failure: Failure) -> SlotwiseResult {
        let (code, message, path) = match failure {
            Failure::Engine(e) => (e.code().into(), e.message(), e.path().to_owned()),
            Failure::Internal(message) => (SlotwiseCode::Internal, message, String::new()),
        };
        SlotwiseResult {
            code: code as i32,
            message: SlotwiseBuffer::text(message),
            path: SlotwiseBuffer::text(path),
            value: SlotwiseBuffer::EMPTY,
        }
    }
}

/// Run an entry point's body, catching any panic, and write its outcome to `out`.
/// Returns the code written; a NULL `out` is `SLOTWISE_CODE_INVALID_INPUT` and the
/// body does not run.
///
/// # Safety
/// `out` must be NULL or point to writable memory for one result.
pub unsafe fn guard(
    out: *mut SlotwiseResult,
    body: impl FnOnce() -> Result<Value, Failure>,
) -> SlotwiseCode {
    if out.is_null() {
        return SlotwiseCode::InvalidInput;
    }
    let result = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(value)) => SlotwiseResult::success(value),
        Ok(Err(failure)) => SlotwiseResult::failure(failure),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            SlotwiseResult::failure(Failure::Internal(format!("internal error: {what}")))
        }
    };
    let code = SlotwiseCode::from_i32(result.code).unwrap_or(SlotwiseCode::Internal);
    // `write` does not read or drop what was there (it may be uninitialised).
    out.write(result);
    code
}

/// Free what a result holds and empty it; freeing an empty result (or NULL) does
/// nothing.
///
/// # Safety
/// `result` must be NULL or point to a result filled by this library (or zeroed).
#[no_mangle]
pub unsafe extern "C" fn slotwise_result_free(result: *mut SlotwiseResult) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        if let Some(result) = result.as_mut() {
            result.message.release();
            result.path.release();
            result.value.release();
            result.code = SlotwiseCode::Ok as i32;
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> SlotwiseResult {
        SlotwiseResult::success(Value::Nothing)
    }

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let mut out = empty();
        let code = unsafe { guard(&mut out, || panic!("boom")) };
        assert_eq!(code, SlotwiseCode::Internal);
        assert_eq!(unsafe { out.message.as_slice() }, b"internal error: boom");
        unsafe { slotwise_result_free(&mut out) };
        assert!(out.message.data.is_null());
    }

    #[test]
    fn an_error_carries_code_message_and_path() {
        let mut out = empty();
        let error = slotwise::Error::invalid_input("must be > 0").at("step");
        let code = unsafe { guard(&mut out, || Err(error.into())) };
        assert_eq!(code, SlotwiseCode::InvalidInput);
        assert_eq!(unsafe { out.message.as_slice() }, b"step: must be > 0");
        assert_eq!(unsafe { out.path.as_slice() }, b"step");
        unsafe { slotwise_result_free(&mut out) };
    }

    #[test]
    fn a_null_result_is_refused_without_running() {
        let mut ran = false;
        let code = unsafe {
            guard(std::ptr::null_mut(), || {
                ran = true;
                Ok(Value::Nothing)
            })
        };
        assert_eq!(code, SlotwiseCode::InvalidInput);
        assert!(!ran);
    }
}
