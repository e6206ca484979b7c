//! An availability answer handed to JavaScript a page at a time (index.js turns it
//! into the `availabilityPages` iterator), so a huge answer never becomes one array.

use napi::Env;
use napi_derive::napi;
use slotwise::{Availability, Slot};

use crate::failure::guard;
use crate::json::Json;

/// A cursor over one answer.
#[napi]
pub struct SlotPages {
    answer: Availability,
    next: usize,
}

impl SlotPages {
    pub fn new(answer: Availability) -> SlotPages {
        SlotPages { answer, next: 0 }
    }
}

#[napi]
impl SlotPages {
    /// The number of slots in the whole answer.
    #[napi(getter)]
    pub fn length(&self) -> f64 {
        self.answer.len() as f64
    }

    /// The next `n` slots (fewer at the end, none after it).
    #[napi]
    pub fn next(&mut self, env: Env, n: u32) -> napi::Result<Json<Vec<Slot>>> {
        guard(&env, || {
            let n = (n as usize).max(1);
            let end = self.next.saturating_add(n).min(self.answer.len());
            let page: Vec<Slot> = (self.next..end)
                .filter_map(|i| self.answer.get(i))
                .collect();
            self.next = end;
            Ok(Json(page))
        })
    }
}
