//! slotwise for Node.js (napi-rs): the engine in the host process, on every core.
//!
//! The addon is loaded by the package's index.js, which defines `SlotwiseError` and
//! registers it here with answers.js's builder of slot objects; every call converts
//! JavaScript values to the engine's serde types and back, and never lets a panic
//! cross into Node.

mod columns;
mod convert;
mod engine;
mod failure;
mod host;
mod json;
mod pages;
mod rows;
mod slots;
mod tasks;
mod text;
mod typed;

use napi::bindgen_prelude::{Function, Unknown};
use napi::Env;
use napi_derive::napi;

use crate::convert::{instant_arg, limit_arg, string_arg};
use crate::failure::guard;
use crate::text::InstantTexts;
use crate::typed::EpochMs;

/// The instants of iCalendar text `ical` (floating times in UTC) in `[from, to)`, as
/// epoch milliseconds in order; at most `limit` of them when given.
#[napi(js_name = "expandEpochMs")]
pub fn expand_epoch_ms(
    env: Env,
    ical: Unknown<'_>,
    from: Unknown<'_>,
    to: Unknown<'_>,
    limit: Option<Unknown<'_>>,
) -> napi::Result<EpochMs> {
    guard(&env, || {
        Ok(EpochMs(expand(&ical, &from, &to, limit.as_ref())?))
    })
}

/// The same instants as RFC 3339 UTC text, packed in one string (see `text`);
/// index.js's `expand` cuts it into strings.
#[napi(js_name = "_expandText")]
pub fn expand_text(
    env: Env,
    ical: Unknown<'_>,
    from: Unknown<'_>,
    to: Unknown<'_>,
    limit: Option<Unknown<'_>>,
) -> napi::Result<InstantTexts> {
    guard(&env, || {
        Ok(InstantTexts::of(expand(&ical, &from, &to, limit.as_ref())?))
    })
}

/// The arguments of `expand` read, and the expansion.
fn expand(
    ical: &Unknown<'_>,
    from: &Unknown<'_>,
    to: &Unknown<'_>,
    limit: Option<&Unknown<'_>>,
) -> slotwise::Result<Vec<slotwise::time::Instant>> {
    let ical = string_arg(ical, "ical")?;
    let from = instant_arg(from, "from")?;
    let to = instant_arg(to, "to")?;
    slotwise::expand(&ical, from, to, limit_arg(limit)?)
}

/// The version of the engine.
#[napi]
pub fn version() -> String {
    slotwise::version().to_owned()
}

/// The version of the bundled IANA time zone database.
#[napi]
pub fn tzdata_version() -> String {
    slotwise::tzdata_version().to_owned()
}

/// Called once by index.js: the error class this addon throws and the builder of
/// slot objects from columns (see `host`).
#[napi(js_name = "_register")]
pub fn register(
    env: Env,
    error_class: Function<host::ErrorArgs, Unknown<'static>>,
    slots_from_columns: Function<rows::SlotRows, Unknown<'static>>,
) -> napi::Result<()> {
    host::register(&env, error_class, slots_from_columns)
}

/// For the package's tests only: a task that panics on the thread pool; its
/// Promise rejects and the process lives on.
#[napi(js_name = "_panicAsyncForTest")]
pub fn panic_async_for_test() -> napi::bindgen_prelude::AsyncTask<tasks::Job<()>> {
    let engine = std::sync::Arc::new(slotwise::Engine::new());
    napi::bindgen_prelude::AsyncTask::new(tasks::Job::new(
        &engine,
        || Ok(()),
        |_, ()| -> slotwise::Result<()> { panic!("a panic raised on purpose by a test") },
    ))
}

/// For the package's tests only: panic inside a guarded call, to show that a panic
/// becomes an `Error` and the process lives on.
#[napi(js_name = "_panicForTest")]
pub fn panic_for_test(env: Env) -> napi::Result<()> {
    guard(&env, || -> slotwise::Result<()> {
        panic!("a panic raised on purpose by a test")
    })
}
