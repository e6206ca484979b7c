//! Big answers: the core's columnar form as typed arrays, whole, or a page at a time
//! streamed from the core.

use std::ops::Range;
use std::rc::Rc;

use slotwise::{Engine, Query, SlotColumns, SlotStream};
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

self_cell::self_cell!(
    /// A stream of the core that owns (a share of) the engine it reads.
    struct OwnedStream {
        owner: Rc<Engine>,
        #[not_covariant]
        dependent: SlotStream,
    }
);

/// An availability answer streamed from the core a page at a time (`next(n)` until
/// a page is empty): only one page of slots is ever held, whatever the window.
#[wasm_bindgen]
pub struct RawSlotPages {
    stream: OwnedStream,
}

impl RawSlotPages {
    /// The stream of `query` over `engine` (errors come now, before any page).
    pub(crate) fn new(engine: Rc<Engine>, query: &Query) -> slotwise::Result<RawSlotPages> {
        let stream = OwnedStream::try_new(engine, |engine| engine.availability_stream(query))?;
        Ok(RawSlotPages { stream })
    }
}

#[wasm_bindgen]
impl RawSlotPages {
    /// The next `n` slots (fewer at the end, none after it), as columns.
    pub fn next(&mut self, n: u32) -> JsValue {
        let n = (n as usize).max(1);
        self.stream.with_dependent_mut(|_, stream| {
            let mut page = stream.columns(n.min(stream.bound()));
            let rows = stream.next_columns(n, &mut page);
            columns_to_js(&page, 0..rows)
        })
    }
}
