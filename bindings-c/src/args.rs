//! Arguments from C: byte runs, UTF-8 text and the engine handle, each checked
//! (NULL, not UTF-8) into an `invalid_input` error whose path is the argument's name.

use std::ptr::NonNull;
use std::slice;

use slotwise::Error;

use crate::handle::SlotwiseEngine;
use crate::result::Failure;

fn invalid(name: &str, detail: String) -> Failure {
    Failure::Engine(Error::invalid_input(detail).at(name))
}

/// The bytes at `ptr .. ptr + len`.
///
/// # Safety
/// A non-NULL `ptr` must point to `len` readable bytes that stay unchanged for the
/// call.
pub unsafe fn bytes<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a [u8], Failure> {
    if ptr.is_null() {
        return Err(invalid(name, "is a null pointer".to_owned()));
    }
    if isize::try_from(len).is_err() {
        return Err(invalid(name, format!("length {len} is too large")));
    }
    Ok(slice::from_raw_parts(ptr, len))
}

/// The UTF-8 text at `ptr .. ptr + len`.
///
/// # Safety
/// As for [`bytes`].
pub unsafe fn text<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a str, Failure> {
    std::str::from_utf8(bytes(ptr, len, name)?).map_err(|e| {
        invalid(
            name,
            format!("is not valid UTF-8 (at byte {})", e.valid_up_to()),
        )
    })
}

/// The engine behind a handle.
///
/// # Safety
/// A non-NULL `engine` must come from this library and not be freed yet.
pub unsafe fn engine<'a>(engine: *const SlotwiseEngine) -> Result<&'a SlotwiseEngine, Failure> {
    engine
        .as_ref()
        .ok_or_else(|| invalid("engine", "is a null handle".to_owned()))
}

/// Where to write an output the caller asked for (write it with `ptr::write`: the
/// memory may be uninitialised).
pub fn output<T>(ptr: *mut T, name: &str) -> Result<NonNull<T>, Failure> {
    NonNull::new(ptr).ok_or_else(|| invalid(name, "is a null pointer".to_owned()))
}
