//! The JavaScript functions the addon calls back, registered once per JavaScript
//! environment by index.js: the `SlotwiseError` class, the builder of slot objects
//! from an answer's rows, and the environment's `JSON.parse`.
//!
//! Answers leave as JSON text through `JSON.parse`, and availability answers as
//! columns turned into objects in JavaScript: both build objects several times faster
//! than setting their properties one napi call at a time.

use napi::bindgen_prelude::JsObjectValue;
use napi::bindgen_prelude::{FnArgs, Function, FunctionRef, Object, Unknown};
use napi::Env;

use crate::rows::SlotRows;

/// `(code, path, message)` of `new SlotwiseError(code, path, message)`.
pub type ErrorArgs = FnArgs<(String, String, String)>;

/// The registered functions.
pub struct Host {
    pub error_class: FunctionRef<ErrorArgs, Unknown<'static>>,
    pub slots_from_columns: FunctionRef<SlotRows, Unknown<'static>>,
    pub json_parse: FunctionRef<String, Unknown<'static>>,
}

/// Register the functions of this JavaScript environment.
pub fn register(
    env: &Env,
    error_class: Function<ErrorArgs, Unknown<'static>>,
    slots_from_columns: Function<SlotRows, Unknown<'static>>,
) -> napi::Result<()> {
    let json: Object = env.get_global()?.get_named_property("JSON")?;
    let parse: Function<String, Unknown<'static>> = json.get_named_property("parse")?;
    let host = Host {
        error_class: error_class.create_ref()?,
        slots_from_columns: slots_from_columns.create_ref()?,
        json_parse: parse.create_ref()?,
    };
    env.set_instance_data(host, (), |_| {})
}

/// The functions of this environment.
pub fn host(env: &Env) -> napi::Result<&'static Host> {
    env.get_instance_data::<Host>()?
        .map(|h| &*h)
        .ok_or_else(|| napi::Error::from_reason("slotwise: load the package through its index.js"))
}
