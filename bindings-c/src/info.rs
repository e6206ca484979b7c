//! Calls that need no engine: versions and rule expansion.

use std::ffi::c_char;
use std::panic::catch_unwind;
use std::sync::OnceLock;

use slotwise::time::{format_instant, parse_instant};

use crate::args;
use crate::code::SlotwiseCode;
use crate::result::{guard, json, SlotwiseResult};

/// A static C string made once; NULL only if making it failed (a panic, caught).
fn c_string(cell: &'static OnceLock<Vec<u8>>, text: fn() -> String) -> *const c_char {
    catch_unwind(|| {
        cell.get_or_init(|| {
            let mut bytes: Vec<u8> = text()
                .into_bytes()
                .into_iter()
                .filter(|&b| b != 0)
                .collect();
            bytes.push(0);
            bytes
        })
        .as_ptr()
        .cast()
    })
    .unwrap_or(std::ptr::null())
}

/// The library's version (`"0.1.0"`), NUL-terminated and static (never freed).
#[no_mangle]
pub extern "C" fn slotwise_version() -> *const c_char {
    static CELL: OnceLock<Vec<u8>> = OnceLock::new();
    c_string(&CELL, || slotwise::version().to_owned())
}

/// The version of the bundled IANA time zone database (`"2026b"`), NUL-terminated
/// and static (never freed).
#[no_mangle]
pub extern "C" fn slotwise_tzdata_version() -> *const c_char {
    static CELL: OnceLock<Vec<u8>> = OnceLock::new();
    c_string(&CELL, || slotwise::tzdata_version().to_string())
}

/// Expand iCalendar text (`DTSTART` and `RRULE`/`RDATE`/`EXDATE` lines) into its
/// instants with start in `[from, to)` (RFC 3339 text). A `limit` of 0 or more
/// returns at most that many (the first ones); a negative `limit` means none, and
/// then more than the engine's ceiling fails with `limit_exceeded`. On success
/// `out->value` is a JSON array of RFC 3339 UTC instants, in order.
///
/// # Safety
/// Each pointer must be NULL or point to its length of readable bytes; `out` must be
/// NULL or point to writable memory for one result.
#[no_mangle]
pub unsafe extern "C" fn slotwise_expand(
    ical: *const u8,
    ical_len: usize,
    from: *const u8,
    from_len: usize,
    to: *const u8,
    to_len: usize,
    limit: i64,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    guard(out, || {
        let ical = args::text(ical, ical_len, "ical")?;
        let from = parse_instant(args::text(from, from_len, "from")?).map_err(|e| e.at("from"))?;
        let to = parse_instant(args::text(to, to_len, "to")?).map_err(|e| e.at("to"))?;
        let limit = usize::try_from(limit).ok();
        let instants: Vec<String> = slotwise::expand(ical, from, to, limit)?
            .into_iter()
            .map(format_instant)
            .collect();
        json(&instants)
    })
}
