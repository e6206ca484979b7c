//! An availability answer handed to JavaScript as slot objects: its columns, turned
//! into objects by the package's JavaScript (answers.js, registered in `host`).

use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{sys, Env, JsValue, ValueType};
use slotwise::SlotColumns;

use crate::columns::Columns;
use crate::host::host;

/// An availability answer, made into slot objects when it reaches JavaScript.
pub struct Slots(pub SlotColumns);

impl ToNapiValue for Slots {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let env = Env::from_raw(env);
        let build = host(&env)?.slots_from_columns.borrow_back(&env)?;
        Ok(build.call(Columns::from(val.0))?.raw())
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
