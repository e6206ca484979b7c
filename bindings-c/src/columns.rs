//! Availability as columns: one array per field, filled straight from the engine's
//! walk (no slot or key is built per row), read by the caller and freed with
//! `slotwise_columns_free`.

use std::ptr;

use slotwise::{from_json, Query, SlotColumns};

use crate::args;
use crate::buffer::SlotwiseBuffer;
use crate::code::SlotwiseCode;
use crate::handle::SlotwiseEngine;
use crate::result::{guard, SlotwiseResult, Value};

/// An availability answer as columns, in the answer's order (start, then schedule
/// id). Row `i` is the slot of schedule `ids[schedule[i]]` from `start[i]` to
/// `end[i]` (seconds since the Unix epoch, UTC); its key is
/// `"{ids[schedule[i]]}@{start[i] as RFC 3339 UTC}"`. Every array has `len` items
/// (`ids` has `ids_len`); pointers are NULL only in an empty (zeroed) struct.
#[repr(C)]
#[derive(Debug)]
pub struct SlotwiseColumns {
    /// The number of rows.
    pub len: usize,
    /// The number of schedule ids.
    pub ids_len: usize,
    /// The schedule ids the rows refer to, each once (UTF-8, NUL-terminated).
    pub ids: *mut SlotwiseBuffer,
    /// Per row: the position of its schedule in `ids`.
    pub schedule: *mut u32,
    /// Per row: the slot's first instant.
    pub start: *mut i64,
    /// Per row: the first instant after the slot.
    pub end: *mut i64,
    /// Per row: seats offered.
    pub capacity: *mut u32,
    /// Per row: peak seats held.
    pub booked: *mut u32,
    /// Per row: `max(0, capacity - booked)`.
    pub remaining: *mut u32,
}

impl SlotwiseColumns {
    const EMPTY: SlotwiseColumns = SlotwiseColumns {
        len: 0,
        ids_len: 0,
        ids: ptr::null_mut(),
        schedule: ptr::null_mut(),
        start: ptr::null_mut(),
        end: ptr::null_mut(),
        capacity: ptr::null_mut(),
        booked: ptr::null_mut(),
        remaining: ptr::null_mut(),
    };

    fn from_columns(c: SlotColumns) -> SlotwiseColumns {
        let ids: Vec<SlotwiseBuffer> = c.ids.into_iter().map(SlotwiseBuffer::text).collect();
        SlotwiseColumns {
            len: c.start.len(),
            ids_len: ids.len(),
            ids: hand_out(ids),
            schedule: hand_out(c.schedule),
            start: hand_out(c.start),
            end: hand_out(c.end),
            capacity: hand_out(c.capacity),
            booked: hand_out(c.booked),
            remaining: hand_out(c.remaining),
        }
    }
}

fn hand_out<T>(items: Vec<T>) -> *mut T {
    Box::into_raw(items.into_boxed_slice()).cast()
}

unsafe fn take_back<T>(items: *mut T, len: usize) -> Box<[T]> {
    Box::from_raw(ptr::slice_from_raw_parts_mut(items, len))
}

/// The slots of a query (JSON, as for `slotwise_engine_availability`) as columns in
/// `*columns`. On failure `*columns` is empty. Free it with `slotwise_columns_free`.
///
/// # Safety
/// `engine` must be NULL or a live handle; `query` NULL or `query_len` readable
/// bytes; `columns` and `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_availability_columns(
    engine: *const SlotwiseEngine,
    query: *const u8,
    query_len: usize,
    columns: *mut SlotwiseColumns,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    if !columns.is_null() && !out.is_null() {
        columns.write(SlotwiseColumns::EMPTY);
    }
    guard(out, || {
        let target = args::output(columns, "columns")?;
        let engine = args::engine(engine)?.read()?;
        let query: Query = from_json(args::text(query, query_len, "query")?, engine.limits())?;
        let answer = engine.availability_columns(&query)?;
        target.as_ptr().write(SlotwiseColumns::from_columns(answer));
        Ok(Value::Nothing)
    })
}

/// Free the arrays of `*columns` and empty it; an empty struct (or NULL) does
/// nothing.
///
/// # Safety
/// `columns` must be NULL, zeroed, or filled by
/// `slotwise_engine_availability_columns` and unchanged.
#[no_mangle]
pub unsafe extern "C" fn slotwise_columns_free(columns: *mut SlotwiseColumns) {
    let Some(c) = columns.as_mut() else {
        return;
    };
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if !c.ids.is_null() {
            for mut id in take_back(c.ids, c.ids_len).into_vec() {
                id.release();
            }
        }
        let n = c.len;
        if !c.schedule.is_null() {
            drop(take_back(c.schedule, n));
        }
        if !c.start.is_null() {
            drop(take_back(c.start, n));
        }
        if !c.end.is_null() {
            drop(take_back(c.end, n));
        }
        if !c.capacity.is_null() {
            drop(take_back(c.capacity, n));
        }
        if !c.booked.is_null() {
            drop(take_back(c.booked, n));
        }
        if !c.remaining.is_null() {
            drop(take_back(c.remaining, n));
        }
        *c = SlotwiseColumns::EMPTY;
    }));
}
