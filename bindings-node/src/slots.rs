//! An availability answer handed to JavaScript as slot objects: its rows (`rows`,
//! prepared where the answer is made, on the worker thread for the async forms),
//! turned into objects by the package's JavaScript (answers.js, registered in `host`).

use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{sys, Env, JsValue, ValueType};
use slotwise::SlotColumns;

use crate::host::host;
use crate::rows::SlotRows;

/// An availability answer, made into slot objects when it reaches JavaScript.
pub struct Slots(SlotRows);

impl Slots {
    pub fn new(columns: SlotColumns) -> Slots {
        Slots(SlotRows::from(columns))
    }
}

impl ToNapiValue for Slots {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let env = Env::from_raw(env);
        let build = host(&env)?.slots_from_columns.borrow_back(&env)?;
        Ok(build.call(val.0)?.raw())
    }
}

impl TypeName for Slots {
    fn type_name() -> &'static str {
        "Array"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}
