//! The opaque engine handle: a `slotwise::Engine` behind a read-write lock, so
//! queries from several threads run side by side and changes wait for them.

use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use slotwise::Engine;

use crate::result::Failure;

/// An engine: schedules and appointments held together. Opaque to C; create it
/// with `slotwise_engine_new`, `slotwise_engine_from_json` or
/// `slotwise_engine_from_snapshot`, free it with `slotwise_engine_free`.
pub struct SlotwiseEngine {
    engine: RwLock<Engine>,
}

const POISONED: &str =
    "internal error: the engine panicked during an earlier change and can no longer be used";

impl SlotwiseEngine {
    /// Wrap an engine.
    pub fn new(engine: Engine) -> SlotwiseEngine {
        SlotwiseEngine {
            engine: RwLock::new(engine),
        }
    }

    /// The engine, for a question.
    pub fn read(&self) -> Result<RwLockReadGuard<'_, Engine>, Failure> {
        self.engine
            .read()
            .map_err(|_| Failure::Internal(POISONED.to_owned()))
    }

    /// The engine, for a change.
    pub fn write(&self) -> Result<RwLockWriteGuard<'_, Engine>, Failure> {
        self.engine
            .write()
            .map_err(|_| Failure::Internal(POISONED.to_owned()))
    }
}
