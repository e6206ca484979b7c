//! Making, saving and freeing engines: empty, from the JSON state, from a snapshot.

use std::panic::{catch_unwind, AssertUnwindSafe};

use slotwise::{from_json, Engine, Limits};

use crate::args;
use crate::code::SlotwiseCode;
use crate::handle::SlotwiseEngine;
use crate::result::{guard, SlotwiseResult, Value};

fn hand_out(engine: Engine) -> *mut SlotwiseEngine {
    Box::into_raw(Box::new(SlotwiseEngine::new(engine)))
}

/// A new, empty engine with the default limits (see
/// `slotwise_engine_new_with_limits`); NULL only if the library failed internally.
/// Free it with `slotwise_engine_free`.
#[no_mangle]
pub extern "C" fn slotwise_engine_new() -> *mut SlotwiseEngine {
    catch_unwind(|| hand_out(Engine::new())).unwrap_or(std::ptr::null_mut())
}

/// Free an engine; NULL does nothing. The handle must not be used afterwards, nor
/// freed while another thread uses it.
///
/// # Safety
/// `engine` must be NULL or a handle from this library not freed yet.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_free(engine: *mut SlotwiseEngine) {
    if !engine.is_null() {
        let _ = catch_unwind(AssertUnwindSafe(|| drop(Box::from_raw(engine))));
    }
}

/// An engine from its JSON state `{"version": 1, "schedules": [...],
/// "appointments": [...]}` (what `slotwise_engine_to_json` writes). On success
/// `*engine_out` is the new handle; on failure it is NULL and errors name the field
/// (`schedules[2].slot.step`).
///
/// # Safety
/// `json` must be NULL or point to `json_len` readable bytes; `engine_out` and `out`
/// must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_from_json(
    json: *const u8,
    json_len: usize,
    engine_out: *mut *mut SlotwiseEngine,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    open(engine_out, out, || {
        Ok(Engine::from_json(args::text(json, json_len, "json")?)?)
    })
}

/// An engine from snapshot bytes (what `slotwise_engine_to_snapshot` writes); the
/// bytes are copied. On failure `*engine_out` is NULL (`invalid_snapshot` for
/// truncated, corrupted or other-version bytes).
///
/// # Safety
/// As for `slotwise_engine_from_json`.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_from_snapshot(
    bytes: *const u8,
    bytes_len: usize,
    engine_out: *mut *mut SlotwiseEngine,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    open(engine_out, out, || {
        Ok(Engine::from_snapshot(args::bytes(
            bytes, bytes_len, "bytes",
        )?)?)
    })
}

/// Limits from JSON (`{"max_slots": 50000000}`; missing fields take the defaults).
unsafe fn limits(ptr: *const u8, len: usize) -> Result<Limits, crate::result::Failure> {
    let text = args::text(ptr, len, "limits")?;
    Ok(from_json::<Limits>(text, &Limits::DEFAULT).map_err(|e| e.at("limits"))?)
}

/// A new, empty engine under `limits` (JSON: `{"max_slots": 50000000,
/// "max_input_bytes": 268435456}`; missing fields take the defaults, see
/// docs/limits.md). On failure `*engine_out` is NULL.
///
/// # Safety
/// `limits` must be NULL or point to `limits_len` readable bytes; `engine_out` and
/// `out` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_new_with_limits(
    limits_json: *const u8,
    limits_len: usize,
    engine_out: *mut *mut SlotwiseEngine,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    open(engine_out, out, || {
        Ok(Engine::with_limits(limits(limits_json, limits_len)?))
    })
}

/// `slotwise_engine_from_json` under `limits` (JSON, as for
/// `slotwise_engine_new_with_limits`).
///
/// # Safety
/// As for `slotwise_engine_from_json`, and `limits` NULL or `limits_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_from_json_with_limits(
    json: *const u8,
    json_len: usize,
    limits_json: *const u8,
    limits_len: usize,
    engine_out: *mut *mut SlotwiseEngine,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    open(engine_out, out, || {
        let limits = limits(limits_json, limits_len)?;
        Ok(Engine::from_json_with(
            args::text(json, json_len, "json")?,
            limits,
        )?)
    })
}

/// `slotwise_engine_from_snapshot` under `limits` (JSON, as for
/// `slotwise_engine_new_with_limits`; `max_snapshot_bytes` is one of them).
///
/// # Safety
/// As for `slotwise_engine_from_snapshot`, and `limits` NULL or `limits_len` readable
/// bytes.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_from_snapshot_with_limits(
    bytes: *const u8,
    bytes_len: usize,
    limits_json: *const u8,
    limits_len: usize,
    engine_out: *mut *mut SlotwiseEngine,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    open(engine_out, out, || {
        let limits = limits(limits_json, limits_len)?;
        Ok(Engine::from_snapshot_vec(
            args::bytes(bytes, bytes_len, "bytes")?.to_vec(),
            limits,
        )?)
    })
}

unsafe fn open(
    engine_out: *mut *mut SlotwiseEngine,
    out: *mut SlotwiseResult,
    make: impl FnOnce() -> Result<Engine, crate::result::Failure>,
) -> SlotwiseCode {
    if !engine_out.is_null() && !out.is_null() {
        engine_out.write(std::ptr::null_mut());
    }
    guard(out, || {
        let target = args::output(engine_out, "engine_out")?;
        let engine = make()?;
        target.as_ptr().write(hand_out(engine));
        Ok(Value::Nothing)
    })
}

/// The engine's whole state as JSON `{"version": 1, "schedules": [...],
/// "appointments": [...]}` in `out->value`, each list ordered by id.
///
/// # Safety
/// `engine` must be NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_to_json(
    engine: *const SlotwiseEngine,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    guard(out, || {
        let engine = args::engine(engine)?.read()?;
        Ok(Value::Json(engine.to_json()?))
    })
}

/// The engine as snapshot bytes in `out->value` (binary; `len` counts them).
///
/// # Safety
/// As for `slotwise_engine_to_json`.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_to_snapshot(
    engine: *const SlotwiseEngine,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    guard(out, || {
        let engine = args::engine(engine)?.read()?;
        Ok(Value::Bytes(engine.to_snapshot()?))
    })
}
