//! JavaScript values out: an engine answer as plain objects in its JSON shape
//! (napi's serde serializer, no JSON text in between).

use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{sys, Env, JsValue, ValueType};
use serde::Serialize;

/// An answer handed to JavaScript in its JSON shape.
pub struct Json<T>(pub T);

impl<T: Serialize> ToNapiValue for Json<T> {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let env = Env::from_raw(env);
        Ok(env.to_js_value(&val.0)?.raw())
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
