//! JavaScript values out: an answer as plain objects in its JSON shape, written as
//! JSON text here and parsed by the environment's `JSON.parse` (several times faster
//! than setting each property through napi).

use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{sys, Env, JsValue, ValueType};
use serde::Serialize;

use crate::host::host;

/// An answer handed to JavaScript in its JSON shape.
pub struct Json<T>(pub T);

impl<T: Serialize> ToNapiValue for Json<T> {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let text =
            JsonText::of(&val.0).map_err(|e| napi::Error::from_reason(format!("slotwise: {e}")))?;
        unsafe { JsonText::to_napi_value(env, text) }
    }
}

impl<T> TypeName for Json<T> {
    fn type_name() -> &'static str {
        "Object"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

/// An answer already written as JSON text (on a worker thread, for the async forms).
pub struct JsonText(String);

impl JsonText {
    /// The JSON text of `value`.
    pub fn of<T: Serialize>(value: &T) -> slotwise::Result<JsonText> {
        serde_json::to_string(value)
            .map(JsonText)
            .map_err(|e| slotwise::Error::invalid_input(e.to_string()))
    }
}

impl ToNapiValue for JsonText {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let env = Env::from_raw(env);
        let parse = host(&env)?.json_parse.borrow_back(&env)?;
        Ok(parse.call(val.0)?.raw())
    }
}

impl TypeName for JsonText {
    fn type_name() -> &'static str {
        "Object"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}
