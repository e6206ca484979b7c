//! Big answers: the columnar form as typed arrays, and a cursor that hands an
//! availability answer over a page at a time.

use slotwise::{Availability, SlotColumns};
use wasm_bindgen::prelude::*;

use crate::convert::to_js_value;

/// `{ids, schedule, start, end, capacity, booked, remaining, length}`: starts and ends
/// as Float64Array of epoch milliseconds, the rest as Uint32Array, `schedule[i]` an
/// index into `ids`. Each column is copied once out of WebAssembly memory.
pub fn columns_to_js(columns: &SlotColumns) -> JsValue {
    let ms = |v: &[i64]| -> js_sys::Float64Array {
        let ms: Vec<f64> = v.iter().map(|&t| t as f64 * 1000.0).collect();
        js_sys::Float64Array::from(ms.as_slice())
    };
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
    set(
        "schedule",
        &js_sys::Uint32Array::from(columns.schedule.as_slice()),
    );
    set("start", &ms(&columns.start));
    set("end", &ms(&columns.end));
    set(
        "capacity",
        &js_sys::Uint32Array::from(columns.capacity.as_slice()),
    );
    set(
        "booked",
        &js_sys::Uint32Array::from(columns.booked.as_slice()),
    );
    set(
        "remaining",
        &js_sys::Uint32Array::from(columns.remaining.as_slice()),
    );
    set("length", &(columns.len() as f64).into());
    object.into()
}

/// An availability answer read a page at a time (`next(n)` until it is empty).
#[wasm_bindgen]
pub struct RawSlotPages {
    answer: Availability,
    next: usize,
}

impl RawSlotPages {
    pub(crate) fn new(answer: Availability) -> RawSlotPages {
        RawSlotPages { answer, next: 0 }
    }
}

#[wasm_bindgen]
impl RawSlotPages {
    /// The number of slots in the whole answer.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> f64 {
        self.answer.len() as f64
    }

    /// The next `n` slots (fewer at the end, none after it) as plain objects.
    pub fn next(&mut self, n: u32) -> Result<JsValue, JsValue> {
        let n = (n as usize).max(1);
        let end = self.next.saturating_add(n).min(self.answer.len());
        let page: Vec<_> = (self.next..end)
            .filter_map(|i| self.answer.get(i))
            .collect();
        self.next = end;
        to_js_value(&page)
    }
}
