//! Where the engine's work runs: outside the GIL, on a rayon pool that belongs to
//! the process that made it. After `os.fork()` the child has none of its parent's
//! worker threads, so the first call in the child makes a new pool (the parent's
//! is leaked, never dropped: its threads are not there to be told to stop).

use std::sync::{Arc, Mutex};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};

static POOL: Mutex<Option<(u32, Arc<ThreadPool>)>> = Mutex::new(None);

/// This process's pool, made on first use (and again in a forked child).
fn pool() -> Result<Arc<ThreadPool>, String> {
    let pid = std::process::id();
    let mut guard = POOL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((owner, pool)) = guard.as_ref() {
        if *owner == pid {
            return Ok(Arc::clone(pool));
        }
    }
    if let Some(inherited) = guard.take() {
        std::mem::forget(inherited);
    }
    let pool = ThreadPoolBuilder::new()
        .thread_name(|i| format!("slotwise-{i}"))
        .build()
        .map(Arc::new)
        .map_err(|e| format!("slotwise cannot start its worker threads: {e}"))?;
    *guard = Some((pid, Arc::clone(&pool)));
    Ok(pool)
}

/// Run `f` on this process's pool (so the engine's parallel queries never wait on
/// threads a fork left behind). Call it with the GIL released, and take any lock
/// `f` needs before, on the calling thread: a pool worker waiting for its own
/// parallel work may run another call's `f`, which must never block on a lock
/// held further down the same worker's stack.
pub fn install<T: Send>(f: impl FnOnce() -> T + Send) -> PyResult<T> {
    pool()
        .map(|p| p.install(f))
        .map_err(PyRuntimeError::new_err)
}

/// Run `f` with the GIL released, on this process's pool.
pub fn run<T: Send>(py: Python<'_>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    py.detach(|| install(f))
}
