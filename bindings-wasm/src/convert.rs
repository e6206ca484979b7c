//! Values across the boundary: plain JS objects to the core's serde types (with the
//! field's path in errors) and answers back as plain objects or typed arrays.
//!
//! Instants and durations arrive here in their text forms (RFC 3339, ISO 8601): the
//! package's entry has already turned `Date`s and milliseconds into them.

use serde::de::DeserializeOwned;
use serde::Serialize;
use slotwise::time::{parse_instant, Instant};
use wasm_bindgen::JsValue;

use crate::error::{invalid_input, to_js};

/// A JS value as `T`; a malformed field is `invalid_input` naming it from `root`
/// (`slot.step`, or `existing[2].end` when `root` is `existing`).
pub fn from_js<T: DeserializeOwned>(value: JsValue, root: &str) -> Result<T, JsValue> {
    let de = serde_wasm_bindgen::Deserializer::from(value);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let detail = e.into_inner().to_string();
        let path = match (root.is_empty(), path.as_str()) {
            (_, ".") => root.to_owned(),
            (true, _) => path,
            (false, p) if p.starts_with('[') => format!("{root}{p}"),
            (false, p) => format!("{root}.{p}"),
        };
        invalid_input(&path, detail)
    })
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
