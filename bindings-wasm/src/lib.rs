//! slotwise for JavaScript: the engine's binding surface through wasm-bindgen.
//!
//! This crate is the raw layer: functions and a `RawEngine` class that take plain JS
//! values in the engine's JSON shapes and give them back. The package's JavaScript
//! entry (`js/slotwise.js`) wraps it: it turns `Date`s and epoch milliseconds into
//! the text forms read here, errors into `SlotwiseError`, and traps into a module
//! that keeps working. Nothing here re-implements a rule of the engine.

mod convert;
mod engine;
mod error;
mod pages;
mod panic;
mod text;

use wasm_bindgen::prelude::*;

pub use engine::RawEngine;
pub use pages::RawSlotPages;

/// The instants of a recurrence set over `[from, to)`, at most `limit` of them when
/// given, as epoch milliseconds in a Float64Array (one copy; the package's `expand`
/// formats them as RFC 3339 text in JavaScript).
#[wasm_bindgen(js_name = expandEpochMs)]
pub fn expand_epoch_ms(
    ical: &str,
    from: &str,
    to: &str,
    limit: Option<f64>,
) -> Result<js_sys::Float64Array, JsValue> {
    let from = convert::window_edge(from, "from")?;
    let to = convert::window_edge(to, "to")?;
    let limit = convert::limit(limit)?;
    let instants = slotwise::expand(ical, from, to, limit).map_err(error::to_js)?;
    Ok(convert::epoch_ms(&instants))
}

/// The instants of a recurrence set over `[from, to)` as the 20 bytes of each one's
/// RFC 3339 UTC text, back to back (the package's `expand` cuts them apart); none
/// (`undefined`) if one lies outside the years 0001-9999.
#[wasm_bindgen(js_name = expandText)]
pub fn expand_text(
    ical: &str,
    from: &str,
    to: &str,
    limit: Option<f64>,
) -> Result<Option<Vec<u8>>, JsValue> {
    let from = convert::window_edge(from, "from")?;
    let to = convert::window_edge(to, "to")?;
    let limit = convert::limit(limit)?;
    let instants = slotwise::expand(ical, from, to, limit).map_err(error::to_js)?;
    Ok(text::fixed_width(&instants))
}

/// The version of the engine.
#[wasm_bindgen]
pub fn version() -> String {
    slotwise::version().to_owned()
}

/// The version of the bundled IANA time zone database (`2026b`).
#[wasm_bindgen(js_name = tzdataVersion)]
pub fn tzdata_version() -> String {
    slotwise::tzdata_version().to_owned()
}

/// The WebAssembly memory's size in bytes (it only grows).
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    let pages = core::arch::wasm32::memory_size(0);
    #[cfg(not(target_arch = "wasm32"))]
    let pages = 0usize;
    pages as f64 * 65_536.0
}
