//! Big answers: the core's columnar form as typed arrays, whole or a page at a time.

use std::ops::Range;

use slotwise::SlotColumns;
use wasm_bindgen::prelude::*;

/// Rows `rows` of `columns` as `{ids, schedule, start, end, capacity, booked,
/// remaining, length}`: starts and ends as Float64Array of epoch milliseconds, the
/// rest as Uint32Array, `schedule[i]` an index into `ids` (every id of the answer).
/// Each column is copied once out of WebAssembly memory.
pub fn columns_to_js(columns: &SlotColumns, rows: Range<usize>) -> JsValue {
    let ms = |v: &[i64]| -> js_sys::Float64Array {
        let ms: Vec<f64> = v
            .get(rows.clone())
            .unwrap_or_default()
            .iter()
            .map(|&t| t as f64 * 1000.0)
            .collect();
        js_sys::Float64Array::from(ms.as_slice())
    };
    let u32s = |v: &[u32]| js_sys::Uint32Array::from(v.get(rows.clone()).unwrap_or_default());
    let ids = js_sys::Array::new_with_length(columns.ids.len() as u32);
    for (i, id) in columns.ids.iter().enumerate() {
        ids.set(i as u32, id.into());
    }
    let object = js_sys::Object::new();
    let set = |name: &str, value: &JsValue| {
        // Setting a property of a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&object, &name.into(), value);
    };
    set("ids", &ids);
    set("schedule", &u32s(&columns.schedule));
    set("start", &ms(&columns.start));
    set("end", &ms(&columns.end));
    set("capacity", &u32s(&columns.capacity));
    set("booked", &u32s(&columns.booked));
    set("remaining", &u32s(&columns.remaining));
    set("length", &(rows.len() as f64).into());
    object.into()
}

/// An availability answer read a page at a time (`next(n)` until a page is empty).
#[wasm_bindgen]
pub struct RawSlotPages {
    columns: SlotColumns,
    next: usize,
}

impl RawSlotPages {
    pub(crate) fn new(columns: SlotColumns) -> RawSlotPages {
        RawSlotPages { columns, next: 0 }
    }
}

#[wasm_bindgen]
impl RawSlotPages {
    /// The number of slots in the whole answer.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> f64 {
        self.columns.len() as f64
    }

    /// The next `n` slots (fewer at the end, none after it), as columns.
    pub fn next(&mut self, n: u32) -> JsValue {
        let end = self
            .next
            .saturating_add((n as usize).max(1))
            .min(self.columns.len());
        let page = columns_to_js(&self.columns, self.next..end);
        self.next = end;
        page
    }
}
