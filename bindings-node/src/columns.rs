//! The columnar availability answer: the core's `SlotColumns` handed to JavaScript
//! as typed arrays (`typed`: one copy each into memory the JavaScript engine owns;
//! instants become epoch milliseconds, the one conversion).

use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{sys, ValueType};
use slotwise::SlotColumns;

use crate::typed::{object, typed_arrays, Column};

/// Slots as columns: row `i` is the slot of `ids[schedule[i]]` starting at
/// `start[i]` (epoch milliseconds); `{ids, schedule, start, end, capacity, booked,
/// remaining, length}` in JavaScript.
pub struct Columns(pub SlotColumns);

impl ToNapiValue for Columns {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let c = val.0;
        let length = u32::try_from(c.len()).unwrap_or(u32::MAX);
        let ids = unsafe { Vec::<String>::to_napi_value(env, c.ids) }?;
        let arrays = unsafe {
            typed_arrays(
                env,
                vec![
                    Column::U32(c.schedule),
                    Column::Millis(c.start),
                    Column::Millis(c.end),
                    Column::U32(c.capacity),
                    Column::U32(c.booked),
                    Column::U32(c.remaining),
                ],
            )
        }?;
        let length = unsafe { u32::to_napi_value(env, length) }?;
        unsafe {
            object(
                env,
                &[
                    (c"ids", ids),
                    (c"schedule", arrays[0]),
                    (c"start", arrays[1]),
                    (c"end", arrays[2]),
                    (c"capacity", arrays[3]),
                    (c"booked", arrays[4]),
                    (c"remaining", arrays[5]),
                    (c"length", length),
                ],
            )
        }
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
