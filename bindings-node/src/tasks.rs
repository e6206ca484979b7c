//! The async forms: the same calls on libuv's thread pool (rayon spreads them over
//! the cores from there), resolving a Promise so the event loop keeps running.
//!
//! A task holds the engine as it was when the call was made (a shared, immutable
//! `Arc`); a later write on the same `Engine` copies it first. Bad arguments are
//! read before the task starts and reject its Promise.

use std::sync::Arc;

use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{Env, Task};
use slotwise::time::Instant;
use slotwise::{Bucket, Engine, ExistingSlot, Query};

use crate::columns::Columns;
use crate::failure::{catch, to_js, Failure};
use crate::json::JsonText;
use crate::slots::Slots;

/// A call to make on the engine.
type Call<Out> = Box<dyn FnOnce(&Engine) -> slotwise::Result<Out> + Send>;

/// Run a call on the engine off the event loop; `Out` is its answer, made ready for
/// JavaScript there too (columns, JSON text), so the event loop only builds objects.
pub struct Job<Out: Send + 'static> {
    engine: Arc<Engine>,
    /// The call, or why it cannot be made; taken when the job runs.
    run: Option<Result<Call<Out>, Failure>>,
}

impl<Out: Send + 'static> Job<Out> {
    /// A job whose arguments, read by `args`, feed `call`; if reading fails, the
    /// job only rejects.
    pub fn new<A: Send + 'static>(
        engine: &Arc<Engine>,
        args: impl FnOnce() -> slotwise::Result<A>,
        call: impl FnOnce(&Engine, A) -> slotwise::Result<Out> + Send + 'static,
    ) -> Self {
        let run = catch(args).map(|a| -> Call<Out> { Box::new(move |e: &Engine| call(e, a)) });
        Job {
            engine: Arc::clone(engine),
            run: Some(run),
        }
    }
}

impl<Out: Send + ToNapiValue + TypeName + 'static> Task for Job<Out> {
    type Output = Result<Out, Failure>;
    type JsValue = Out;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let engine = &self.engine;
        Ok(match self.run.take() {
            Some(Ok(run)) => catch(|| run(engine)),
            Some(Err(failure)) => Err(failure),
            None => Err(Failure::Panic("the task ran twice".to_owned())),
        })
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output.map_err(|failure| to_js(&env, failure))
    }
}

/// `availabilityAsync(query)`.
pub fn availability(
    engine: &Arc<Engine>,
    query: impl FnOnce() -> slotwise::Result<Query>,
) -> Job<Slots> {
    Job::new(engine, query, |e, q| {
        Ok(Slots::new(e.availability_columns(&q)?))
    })
}

/// `availabilityColumnsAsync(query)`.
pub fn availability_columns(
    engine: &Arc<Engine>,
    query: impl FnOnce() -> slotwise::Result<Query>,
) -> Job<Columns> {
    Job::new(engine, query, |e, q| {
        Ok(Columns(e.availability_columns(&q)?))
    })
}

/// `reportAsync(from, to, bucket)`.
pub fn report(
    engine: &Arc<Engine>,
    args: impl FnOnce() -> slotwise::Result<(Instant, Instant, Bucket)>,
) -> Job<JsonText> {
    Job::new(engine, args, |e, (from, to, bucket)| {
        JsonText::of(&e.report(from, to, bucket)?)
    })
}

/// `reconcileAsync(from, to, existing)`.
pub fn reconcile(
    engine: &Arc<Engine>,
    args: impl FnOnce() -> slotwise::Result<(Instant, Instant, Vec<ExistingSlot>)>,
) -> Job<JsonText> {
    Job::new(engine, args, |e, (from, to, existing)| {
        JsonText::of(&e.reconcile(from, to, &existing)?)
    })
}
