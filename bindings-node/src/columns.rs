//! The columnar availability answer: the core's `SlotColumns` handed to JavaScript
//! as typed arrays (each vector moves into its array without another copy; instants
//! become epoch milliseconds, the one conversion).

use napi::bindgen_prelude::{Float64Array, Uint32Array};
use napi_derive::napi;
use slotwise::SlotColumns;

/// Slots as columns: row `i` is the slot of `ids[schedule[i]]` starting at
/// `start[i]` (epoch milliseconds).
#[napi(object, js_name = "SlotColumns")]
pub struct Columns {
    pub ids: Vec<String>,
    pub schedule: Uint32Array,
    pub start: Float64Array,
    pub end: Float64Array,
    pub capacity: Uint32Array,
    pub booked: Uint32Array,
    pub remaining: Uint32Array,
    /// The number of rows.
    pub length: u32,
}

fn millis(seconds: Vec<i64>) -> Float64Array {
    Float64Array::new(seconds.into_iter().map(|s| s as f64 * 1000.0).collect())
}

impl From<SlotColumns> for Columns {
    fn from(c: SlotColumns) -> Columns {
        Columns {
            length: u32::try_from(c.len()).unwrap_or(u32::MAX),
            ids: c.ids,
            schedule: Uint32Array::new(c.schedule),
            start: millis(c.start),
            end: millis(c.end),
            capacity: Uint32Array::new(c.capacity),
            booked: Uint32Array::new(c.booked),
            remaining: Uint32Array::new(c.remaining),
        }
    }
}
