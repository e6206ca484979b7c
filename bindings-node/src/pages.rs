//! An availability answer streamed from the core a page at a time (index.js turns it
//! into the `availabilityPages` iterator): only one page of slots is ever held,
//! whatever the window. Each page crosses as slot objects the way `availability`'s
//! answer does (`slots`).

use std::sync::Arc;

use napi::Env;
use napi_derive::napi;
use slotwise::{Engine, Query, SlotStream};

use crate::failure::guard;
use crate::slots::Slots;

self_cell::self_cell!(
    /// A stream of the core that owns (a share of) the engine it reads: the engine
    /// as it was when the pages were asked for.
    struct OwnedStream {
        owner: Arc<Engine>,
        #[not_covariant]
        dependent: SlotStream,
    }
);

/// A cursor over one answer.
#[napi]
pub struct SlotPages {
    stream: OwnedStream,
}

impl SlotPages {
    /// The stream of `query` over `engine` (errors come now, before any page).
    pub fn new(engine: Arc<Engine>, query: &Query) -> slotwise::Result<SlotPages> {
        let stream = OwnedStream::try_new(engine, |engine| engine.availability_stream(query))?;
        Ok(SlotPages { stream })
    }
}

#[napi]
impl SlotPages {
    /// The next `n` slots (fewer at the end, none after it).
    #[napi]
    pub fn next(&mut self, env: Env, n: u32) -> napi::Result<Slots> {
        let n = (n as usize).max(1);
        guard(&env, || {
            Ok(self.stream.with_dependent_mut(|_, stream| {
                let mut page = stream.columns(n.min(stream.bound()));
                stream.next_columns(n, &mut page);
                Slots::new(page)
            }))
        })
    }
}
