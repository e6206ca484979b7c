//! Values across the boundary: inputs to the core's serde types (with the field's
//! path in errors), answers back as JSON text or typed arrays.
//!
//! Objects cross as JSON text: the package's entry calls `JSON.stringify` on the
//! caller's plain object (after turning `Date`s and milliseconds into RFC 3339 and
//! ISO 8601 text) and `JSON.parse` on answers, so callers only ever see plain
//! objects. Reading input with the core's own JSON reader refuses unknown fields and
//! names the same paths as every other binding (serde-wasm-bindgen's object reader
//! asks an object for the known fields only, so a misspelt `bufer_after` would be
//! silently ignored). Big answers cross as typed arrays instead (200,000 slots as
//! JSON took 2 s where the columns take tens of milliseconds; the package builds the
//! slot objects from the columns in JavaScript), or, for `expand`'s instants, as the
//! bytes of their RFC 3339 texts (`text.rs`) that the package cuts apart.

use serde::de::DeserializeOwned;
use serde::Serialize;
use slotwise::time::{parse_instant, parse_window_edge, Instant};
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

/// An answer as JSON text (`JSON.parse` makes it the plain object).
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, JsValue> {
    serde_json::to_string(value).map_err(|e| to_js(slotwise::Error::invalid_input(e.to_string())))
}

/// An RFC 3339 instant argument; errors name `field`.
pub fn instant(text: &str, field: &str) -> Result<Instant, JsValue> {
    parse_instant(text).map_err(|e| to_js(e.at(field)))
}

/// An RFC 3339 edge of a window (`from`, `to`): one outside the years 0001 to 9999 is
/// left to the window's own check (`invalid_window`), as in the engine's documents.
pub fn window_edge(text: &str, field: &str) -> Result<Instant, JsValue> {
    parse_window_edge(text).map_err(|e| to_js(e.at(field)))
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

/// Instants as epoch milliseconds, copied once into a Float64Array.
pub fn epoch_ms(instants: &[Instant]) -> js_sys::Float64Array {
    let ms: Vec<f64> = instants.iter().map(|&t| t as f64 * 1000.0).collect();
    js_sys::Float64Array::from(ms.as_slice())
}
