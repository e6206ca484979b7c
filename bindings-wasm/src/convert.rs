//! Values across the boundary: inputs to the core's serde types (with the field's
//! path in errors) and answers back as plain objects or typed arrays.
//!
//! Input objects arrive as the JSON text of the caller's plain object (the package's
//! entry has turned `Date`s and milliseconds into RFC 3339 and ISO 8601 text and
//! called `JSON.stringify`) and are read by the core's own JSON reader: unknown
//! fields are refused and errors name the same paths as in every other binding.
//! (serde-wasm-bindgen's object reader asks an object for the known fields only, so
//! it would silently ignore a misspelt `bufer_after`.) Answers go out through
//! serde-wasm-bindgen as plain objects.

use serde::de::DeserializeOwned;
use serde::Serialize;
use slotwise::time::{parse_instant, Instant};
use slotwise::Limits;
use wasm_bindgen::JsValue;

use crate::error::{invalid_input, to_js};

/// The JSON text of an input object as `T`; a malformed, mistyped or unknown field
/// is `invalid_input` naming it from `root` (`slot.step`, or `existing[2].end` when
/// `root` is `existing`).
pub fn from_js<T: DeserializeOwned>(json: &str, root: &str) -> Result<T, JsValue> {
    slotwise::from_json(json, &Limits::default())
        .map_err(|e| to_js(if root.is_empty() { e } else { e.at(root) }))
}

/// An answer as a plain JS value (objects, not Maps; `None` as `null`).
pub fn to_js_value<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js(slotwise::Error::invalid_input(e.to_string())))
}

/// An RFC 3339 instant argument; errors name `field`.
pub fn instant(text: &str, field: &str) -> Result<Instant, JsValue> {
    parse_instant(text).map_err(|e| to_js(e.at(field)))
}

/// The optional `limit` argument: a whole number >= 0.
pub fn limit(limit: Option<f64>) -> Result<Option<usize>, JsValue> {
    match limit {
        None => Ok(None),
        Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => {
            // Beyond usize it is as good as no limit; the engine's ceiling still holds.
            Ok(Some(if n >= usize::MAX as f64 {
                usize::MAX
            } else {
                n as usize
            }))
        }
        Some(n) => Err(invalid_input(
            "limit",
            format!("{n} is not a whole number >= 0"),
        )),
    }
}

/// Instants as an array of RFC 3339 UTC strings.
pub fn instants(instants: &[Instant]) -> JsValue {
    let array = js_sys::Array::new_with_length(instants.len() as u32);
    for (i, &t) in instants.iter().enumerate() {
        array.set(i as u32, slotwise::time::format_instant(t).into());
    }
    array.into()
}

/// Instants as epoch milliseconds, copied once into a Float64Array.
pub fn epoch_ms(instants: &[Instant]) -> js_sys::Float64Array {
    let ms: Vec<f64> = instants.iter().map(|&t| t as f64 * 1000.0).collect();
    js_sys::Float64Array::from(ms.as_slice())
}
