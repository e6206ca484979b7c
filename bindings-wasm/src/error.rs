//! The engine's errors as JS values: an `Error` named `SlotwiseError` with `code`
//! (the engine's stable code) and `path` (the field, empty for the whole input).
//! The package's entry turns it into an instance of its `SlotwiseError` class.

use wasm_bindgen::JsValue;

/// A thrown value for an engine error.
pub fn to_js(e: slotwise::Error) -> JsValue {
    let error = js_sys::Error::new(&e.message());
    error.set_name("SlotwiseError");
    let object: &JsValue = error.as_ref();
    // Setting a property of a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(object, &"code".into(), &e.code().as_str().into());
    let _ = js_sys::Reflect::set(object, &"path".into(), &e.path().into());
    error.into()
}

/// An `invalid_input` error about the field `path`.
pub fn invalid_input(path: &str, detail: impl Into<String>) -> JsValue {
    to_js(slotwise::Error::invalid_input(detail).at(path))
}
