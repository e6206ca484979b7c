//! The columnar availability answer: the core's `SlotColumns` handed to JavaScript
//! as typed arrays (`typed`: one copy each into memory the JavaScript engine owns;
//! instants become epoch milliseconds, the one conversion).

use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{sys, ValueType};
use slotwise::SlotColumns;

use crate::typed::{rows_object, Column};

/// Slots as columns: row `i` is the slot of `ids[schedule[i]]` starting at
/// `start[i]` (epoch milliseconds); `{ids, schedule, start, end, capacity, booked,
/// remaining, length}` in JavaScript.
pub struct Columns(pub SlotColumns);

impl ToNapiValue for Columns {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let c = val.0;
        let columns = vec![
            (c"schedule", Column::U32(c.schedule)),
            (c"start", Column::Millis(c.start)),
            (c"end", Column::Millis(c.end)),
            (c"capacity", Column::U32(c.capacity)),
            (c"booked", Column::U32(c.booked)),
            (c"remaining", Column::U32(c.remaining)),
        ];
        unsafe { rows_object(env, c.ids, &[], columns) }
    }
}

impl TypeName for Columns {
    fn type_name() -> &'static str {
        "SlotColumns"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}
