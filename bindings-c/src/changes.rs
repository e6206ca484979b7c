//! Changes to an engine's schedules and appointments. Each takes one JSON document
//! (a schedule or an appointment in the engine's JSON form) or an id, and either
//! succeeds whole or changes nothing; errors name the field inside the document
//! (`slot.step`).

use slotwise::{from_json, Appointment, Engine, Schedule};

use crate::args;
use crate::code::SlotwiseCode;
use crate::handle::SlotwiseEngine;
use crate::result::{guard, Failure, SlotwiseResult, Value};

unsafe fn change(
    engine: *const SlotwiseEngine,
    ptr: *const u8,
    len: usize,
    name: &str,
    out: *mut SlotwiseResult,
    apply: impl FnOnce(&mut Engine, &str) -> slotwise::Result<()>,
) -> SlotwiseCode {
    guard(out, || {
        let handle = args::engine(engine)?;
        let text = args::text(ptr, len, name)?;
        let mut engine = handle.write()?;
        apply(&mut engine, text).map_err(Failure::from)?;
        Ok(Value::Nothing)
    })
}

fn schedule(engine: &Engine, text: &str) -> slotwise::Result<Schedule> {
    from_json(text, engine.limits())
}

fn appointment(engine: &Engine, text: &str) -> slotwise::Result<Appointment> {
    from_json(text, engine.limits())
}

/// Add a schedule (JSON); `duplicate_id` when its id is taken.
///
/// # Safety
/// `engine` must be NULL or a live handle; `json` NULL or `json_len` readable bytes;
/// `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_add_schedule(
    engine: *const SlotwiseEngine,
    json: *const u8,
    json_len: usize,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    change(engine, json, json_len, "json", out, |e, text| {
        let s = schedule(e, text)?;
        e.add_schedule(s)
    })
}

/// Replace the schedule with the same id (JSON); `unknown_schedule` when there is
/// none. Its appointments stay.
///
/// # Safety
/// As for `slotwise_engine_add_schedule`.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_replace_schedule(
    engine: *const SlotwiseEngine,
    json: *const u8,
    json_len: usize,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    change(engine, json, json_len, "json", out, |e, text| {
        let s = schedule(e, text)?;
        e.replace_schedule(s)
    })
}

/// Remove a schedule by id (UTF-8); `unknown_schedule` when there is none.
///
/// # Safety
/// As for `slotwise_engine_add_schedule`.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_remove_schedule(
    engine: *const SlotwiseEngine,
    id: *const u8,
    id_len: usize,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    change(engine, id, id_len, "id", out, |e, id| e.remove_schedule(id))
}

/// Add an appointment (JSON); `duplicate_id` when its id is taken,
/// `unknown_schedule` when its schedule is not held.
///
/// # Safety
/// As for `slotwise_engine_add_schedule`.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_add_appointment(
    engine: *const SlotwiseEngine,
    json: *const u8,
    json_len: usize,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    change(engine, json, json_len, "json", out, |e, text| {
        let a = appointment(e, text)?;
        e.add_appointment(a)
    })
}

/// Replace the appointment with the same id (JSON: a move, a status change).
///
/// # Safety
/// As for `slotwise_engine_add_schedule`.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_update_appointment(
    engine: *const SlotwiseEngine,
    json: *const u8,
    json_len: usize,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    change(engine, json, json_len, "json", out, |e, text| {
        let a = appointment(e, text)?;
        e.update_appointment(a)
    })
}

/// Remove an appointment by id (UTF-8).
///
/// # Safety
/// As for `slotwise_engine_add_schedule`.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_remove_appointment(
    engine: *const SlotwiseEngine,
    id: *const u8,
    id_len: usize,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    change(engine, id, id_len, "id", out, |e, id| {
        e.remove_appointment(id)
    })
}
