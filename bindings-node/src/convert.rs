//! JavaScript values in: plain objects to the engine's serde types (with field paths
//! in errors), and instant, string and bytes arguments.
//!
//! Objects are read as `JSON.stringify` would see them (own enumerable string keys;
//! members holding `undefined`, a function or a symbol left out; those are `null` in
//! an array; a bigint is refused), with the host forms the WASM package accepts too:
//! a `Date` anywhere becomes its RFC 3339 instant; a number in an instant field
//! (`start`, `end`, `from`, `to`, `now`) is epoch milliseconds and one in a duration
//! field (`duration`, `step`, `buffer_before`, `buffer_after`, `min_notice`,
//! `max_advance`) is milliseconds of whole seconds. Fractions of a second of an
//! instant are dropped (floored): the engine counts whole seconds.

use std::ptr;

use napi::bindgen_prelude::{FromNapiValue, Unknown};
use napi::{sys, JsValue, ValueType};
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};
use slotwise::time::{check_instant, format_instant, parse_instant, Instant};
use slotwise::{Error, ErrorCode, Result};

/// Fields that hold an instant in the engine's input shapes.
const INSTANT_FIELDS: [&str; 5] = ["start", "end", "from", "to", "now"];

/// Fields that hold a duration in the engine's input shapes.
const DURATION_FIELDS: [&str; 6] = [
    "duration",
    "step",
    "buffer_before",
    "buffer_after",
    "min_notice",
    "max_advance",
];

/// Deepest nesting read from JavaScript (the engine's documents are a few levels).
const MAX_DEPTH: u32 = 64;

/// Most values read from one argument, so a huge or cyclic shared graph fails fast.
const MAX_NODES: usize = 5_000_000;

/// Read argument `v` as the engine type `T`. Errors name the field relative to the
/// argument, prefixed with `prefix` when it is not empty (`existing[2].start`).
pub fn arg<T: DeserializeOwned>(v: &Unknown<'_>, prefix: &str) -> Result<T> {
    let value = to_json(v).map_err(|e| at(e, prefix))?;
    from_value(value).map_err(|e| at(e, prefix))
}

/// `error` with `prefix` in front of its path, unless the prefix is empty.
pub fn at(error: Error, prefix: &str) -> Error {
    if prefix.is_empty() {
        error
    } else {
        error.at(prefix)
    }
}

/// A JSON value as the engine type `T`; a malformed or mistyped field is
/// `invalid_input` with the field's path (the same paths as JSON text gives).
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let error = Error::invalid_input(e.into_inner().to_string());
        if path == "." {
            error
        } else {
            error.at(&path)
        }
    })
}

/// The JSON form of a JavaScript value (see the module's doc on host forms).
pub fn to_json(v: &Unknown<'_>) -> Result<Value> {
    let mut budget = MAX_NODES;
    // SAFETY: `v` is a live value of the current call's env.
    unsafe { read(v.value().env, v.raw(), MAX_DEPTH, &mut budget) }
}

/// A string argument named `name`.
pub fn string_arg(v: &Unknown<'_>, name: &str) -> Result<String> {
    match v.get_type() {
        Ok(ValueType::String) => {
            // SAFETY: the value is a string of the current env.
            unsafe { String::from_napi_value(v.value().env, v.raw()) }
                .map_err(|e| Error::invalid_input(e.reason.clone()).at(name))
        }
        _ => Err(Error::invalid_input("must be a string").at(name)),
    }
}

/// An instant argument named `name`: a `Date`, epoch milliseconds (a number) or an
/// RFC 3339 string.
pub fn instant_arg(v: &Unknown<'_>, name: &str) -> Result<Instant> {
    let env = v.value().env;
    let raw = v.raw();
    match v.get_type() {
        Ok(ValueType::String) => {
            let text = string_arg(v, name)?;
            parse_instant(&text).map_err(|e| e.at(name))
        }
        // SAFETY: `raw` is a live value of `env` (here and below).
        Ok(ValueType::Number) => unsafe { millis_instant(env, raw) }.map_err(|e| e.at(name)),
        Ok(ValueType::Object) if unsafe { is_date(env, raw) } => {
            unsafe { date_instant(env, raw) }.map_err(|e| e.at(name))
        }
        _ => Err(
            Error::invalid_input("must be a Date, epoch milliseconds or an RFC 3339 string")
                .at(name),
        ),
    }
}

/// The optional `limit` argument: a whole number >= 0.
pub fn limit_arg(v: Option<&Unknown<'_>>) -> Result<Option<usize>> {
    let Some(v) = v else { return Ok(None) };
    match v.get_type() {
        Ok(ValueType::Undefined | ValueType::Null) => Ok(None),
        Ok(ValueType::Number) => {
            // SAFETY: the value is a number of the current env.
            let n = unsafe { f64::from_napi_value(v.value().env, v.raw()) }
                .map_err(|e| Error::invalid_input(e.reason.clone()).at("limit"))?;
            if n.is_finite() && n >= 0.0 && n.fract() == 0.0 {
                // Beyond usize it is as good as no limit; the engine's ceiling holds.
                Ok(Some(if n >= usize::MAX as f64 {
                    usize::MAX
                } else {
                    n as usize
                }))
            } else {
                Err(Error::invalid_input(format!("{n} is not a whole number >= 0")).at("limit"))
            }
        }
        _ => Err(Error::invalid_input("must be a number").at("limit")),
    }
}

/// A number of epoch milliseconds as an instant, floored to the second.
unsafe fn millis_instant(env: sys::napi_env, v: sys::napi_value) -> Result<Instant> {
    let ms = unsafe { f64::from_napi_value(env, v) }
        .map_err(|e| Error::invalid_input(e.reason.clone()))?;
    let outside = || {
        Error::invalid_input(format!("{} ms is outside the years 0001 to 9999", unsafe {
            js_text(env, v)
        }))
    };
    if !ms.is_finite() {
        return Err(Error::invalid_input(format!(
            "{} is not an instant",
            unsafe { js_text(env, v) }
        )));
    }
    let secs = (ms / 1000.0).floor();
    // Years 0001..9999 lie well inside ±2^53 seconds.
    if secs.abs() > 1e15 {
        return Err(outside());
    }
    check_instant(secs as i64).map_err(|_| outside())
}

/// A `Date` as an instant, floored to the second.
unsafe fn date_instant(env: sys::napi_env, v: sys::napi_value) -> Result<Instant> {
    let mut ms = f64::NAN;
    status(
        unsafe { sys::napi_get_date_value(env, v, &mut ms) },
        "a Date",
    )?;
    if ms.is_nan() {
        return Err(Error::invalid_input("is an invalid Date"));
    }
    check_instant((ms / 1000.0).floor() as i64)
        .map_err(|_| Error::invalid_input(format!("{ms} ms is outside the years 0001 to 9999")))
}

/// A number of milliseconds (whole seconds) as an ISO 8601 duration.
unsafe fn millis_duration(env: sys::napi_env, v: sys::napi_value) -> Result<String> {
    let ms = unsafe { f64::from_napi_value(env, v) }
        .map_err(|e| Error::invalid_input(e.reason.clone()))?;
    if !ms.is_finite() || ms % 1000.0 != 0.0 || ms.abs() > 9.0e18 {
        return Err(Error::invalid_input(format!(
            "{} ms is not a whole number of seconds",
            unsafe { js_text(env, v) }
        )));
    }
    let secs = (ms / 1000.0) as i64;
    let sign = if secs < 0 { "-" } else { "" };
    Ok(format!("{sign}PT{}S", secs.unsigned_abs()))
}

/// A value as JavaScript writes it (`String(v)`), for messages.
unsafe fn js_text(env: sys::napi_env, v: sys::napi_value) -> String {
    let mut text = ptr::null_mut();
    if unsafe { sys::napi_coerce_to_string(env, v, &mut text) } != sys::Status::napi_ok {
        return "the value".to_owned();
    }
    unsafe { String::from_napi_value(env, text) }.unwrap_or_else(|_| "the value".to_owned())
}

fn type_name(t: ValueType) -> &'static str {
    match t {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "a boolean",
        ValueType::Number => "a number",
        ValueType::String => "a string",
        ValueType::Symbol => "a symbol",
        ValueType::Object => "an object",
        ValueType::Function => "a function",
        ValueType::External => "an external",
        ValueType::BigInt => "a bigint",
        _ => "an unknown value",
    }
}

fn status(s: sys::napi_status, what: &str) -> Result<()> {
    if s == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(Error::invalid_input(format!("could not read {what}")))
    }
}

unsafe fn type_of(env: sys::napi_env, v: sys::napi_value) -> Result<ValueType> {
    let mut t = 0;
    status(
        unsafe { sys::napi_typeof(env, v, &mut t) },
        "a value's type",
    )?;
    Ok(ValueType::from(t))
}

unsafe fn is_date(env: sys::napi_env, v: sys::napi_value) -> bool {
    let mut yes = false;
    unsafe { sys::napi_is_date(env, v, &mut yes) == sys::Status::napi_ok && yes }
}

/// One value, read recursively; errors carry the path below `v`.
unsafe fn read(
    env: sys::napi_env,
    v: sys::napi_value,
    depth: u32,
    budget: &mut usize,
) -> Result<Value> {
    if *budget == 0 {
        return Err(Error::new(
            ErrorCode::LimitExceeded,
            "the value holds too many members",
        ));
    }
    *budget -= 1;
    let t = unsafe { type_of(env, v)? };
    Ok(match t {
        // As JSON.stringify: in an array, undefined, functions and symbols are null
        // (object members holding them are left out by `read_object`).
        ValueType::Null | ValueType::Undefined | ValueType::Function | ValueType::Symbol => {
            Value::Null
        }
        ValueType::Boolean => Value::Bool(
            unsafe { bool::from_napi_value(env, v) }
                .map_err(|e| Error::invalid_input(e.reason.clone()))?,
        ),
        ValueType::Number => {
            let n = unsafe { f64::from_napi_value(env, v) }
                .map_err(|e| Error::invalid_input(e.reason.clone()))?;
            number(n)?
        }
        ValueType::String => Value::String(
            unsafe { String::from_napi_value(env, v) }
                .map_err(|e| Error::invalid_input(e.reason.clone()))?,
        ),
        ValueType::Object => {
            if depth == 0 {
                return Err(Error::new(
                    ErrorCode::LimitExceeded,
                    "nested too deeply (or a cycle)",
                ));
            }
            if unsafe { is_date(env, v) } {
                let instant = unsafe { date_instant(env, v)? };
                return Ok(Value::String(format_instant(instant)));
            }
            let mut is_array = false;
            status(
                unsafe { sys::napi_is_array(env, v, &mut is_array) },
                "an array",
            )?;
            if is_array {
                unsafe { read_array(env, v, depth, budget)? }
            } else {
                unsafe { read_object(env, v, depth, budget)? }
            }
        }
        other => {
            return Err(Error::invalid_input(format!(
                "{} has no JSON form",
                type_name(other)
            )))
        }
    })
}

/// A JavaScript number as JSON: whole numbers as integers (so `u32` fields read
/// them), others as floats; NaN and infinities are errors.
fn number(n: f64) -> Result<Value> {
    if !n.is_finite() {
        return Err(Error::invalid_input("NaN and infinities have no JSON form"));
    }
    if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
        return Ok(Value::from(n as i64));
    }
    Number::from_f64(n)
        .map(Value::Number)
        .ok_or_else(|| Error::invalid_input("not a JSON number"))
}

unsafe fn read_array(
    env: sys::napi_env,
    v: sys::napi_value,
    depth: u32,
    budget: &mut usize,
) -> Result<Value> {
    let mut len = 0u32;
    status(
        unsafe { sys::napi_get_array_length(env, v, &mut len) },
        "an array's length",
    )?;
    if len as usize > *budget {
        return Err(Error::new(
            ErrorCode::LimitExceeded,
            "the value holds too many members",
        ));
    }
    let mut out = Vec::with_capacity(len as usize);
    for i in 0..len {
        let mut item = ptr::null_mut();
        status(
            unsafe { sys::napi_get_element(env, v, i, &mut item) },
            "an element",
        )
        .map_err(|e| e.at(&format!("[{i}]")))?;
        let value =
            unsafe { read(env, item, depth - 1, budget) }.map_err(|e| e.at(&format!("[{i}]")))?;
        out.push(value);
    }
    Ok(Value::Array(out))
}

unsafe fn read_object(
    env: sys::napi_env,
    v: sys::napi_value,
    depth: u32,
    budget: &mut usize,
) -> Result<Value> {
    let mut keys = ptr::null_mut();
    status(
        unsafe {
            sys::napi_get_all_property_names(
                env,
                v,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                &mut keys,
            )
        },
        "an object's keys",
    )?;
    let mut len = 0u32;
    status(
        unsafe { sys::napi_get_array_length(env, keys, &mut len) },
        "an object's keys",
    )?;
    let mut map = Map::new();
    for i in 0..len {
        let mut key = ptr::null_mut();
        status(
            unsafe { sys::napi_get_element(env, keys, i, &mut key) },
            "a key",
        )?;
        let name = unsafe { String::from_napi_value(env, key) }
            .map_err(|e| Error::invalid_input(e.reason.clone()))?;
        let mut item = ptr::null_mut();
        status(
            unsafe { sys::napi_get_property(env, v, key, &mut item) },
            "a member",
        )
        .map_err(|e| e.at(&name))?;
        let value = match unsafe { type_of(env, item)? } {
            ValueType::Undefined | ValueType::Function | ValueType::Symbol => continue,
            ValueType::Number if INSTANT_FIELDS.contains(&name.as_str()) => {
                let instant = unsafe { millis_instant(env, item) }.map_err(|e| e.at(&name))?;
                Value::String(format_instant(instant))
            }
            ValueType::Number if DURATION_FIELDS.contains(&name.as_str()) => {
                Value::String(unsafe { millis_duration(env, item) }.map_err(|e| e.at(&name))?)
            }
            _ => unsafe { read(env, item, depth - 1, budget) }.map_err(|e| e.at(&name))?,
        };
        map.insert(name, value);
    }
    Ok(Value::Object(map))
}

/// A bytes argument named `name`: a `Uint8Array` (a `Buffer` is one), copied once
/// into the engine.
pub fn bytes_arg(v: &Unknown<'_>, name: &str) -> Result<Vec<u8>> {
    let env = v.value().env;
    let raw = v.raw();
    let wrong = || Error::invalid_input("must be a Uint8Array").at(name);
    if !matches!(v.get_type(), Ok(ValueType::Object)) {
        return Err(wrong());
    }
    let mut data: *mut std::ffi::c_void = ptr::null_mut();
    let mut len = 0usize;
    let mut yes = false;
    // SAFETY: `raw` is a live object of `env`; the pointers napi hands back stay
    // valid for this call, and the bytes are copied before it returns.
    unsafe {
        if sys::napi_is_typedarray(env, raw, &mut yes) == sys::Status::napi_ok && yes {
            let mut kind = 0;
            let mut buffer = ptr::null_mut();
            let mut offset = 0usize;
            status(
                sys::napi_get_typedarray_info(
                    env,
                    raw,
                    &mut kind,
                    &mut len,
                    &mut data,
                    &mut buffer,
                    &mut offset,
                ),
                "a typed array",
            )?;
            if kind != sys::TypedarrayType::uint8_array {
                return Err(wrong());
            }
        } else {
            return Err(wrong());
        }
        if len == 0 || data.is_null() {
            return Ok(Vec::new());
        }
        Ok(std::slice::from_raw_parts(data.cast::<u8>(), len).to_vec())
    }
}
