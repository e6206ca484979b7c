//! `class Engine`: schedules and appointments held in the addon, with every call of
//! the binding surface. Arguments arrive as plain JavaScript objects in the JSON
//! shapes (instants may also be `Date`s); answers leave the same way.

use std::sync::{Arc, Mutex};

use napi::bindgen_prelude::{AsyncTask, Buffer, Unknown};
use napi::Env;
use napi_derive::napi;
use slotwise::time::Instant;
use slotwise::{
    Appointment, BookingCheck, BookingRules, Bucket, Engine, ExistingSlot, Explanation, Plan,
    Query, ReportRow, Schedule,
};

use crate::columns::Columns;
use crate::convert::{arg, bytes_arg, instant_arg, string_arg};
use crate::failure::{catch, guard, plain, to_js, Failure};
use crate::json::{Json, JsonText};
use crate::pages::SlotPages;
use crate::slots::Slots;
use crate::tasks::{self, Job};

/// The scheduling engine.
///
/// Every method takes `&self`: an async call in flight keeps a shared borrow of the
/// object until it settles, and writes must still be possible meanwhile.
#[napi(js_name = "Engine")]
pub struct JsEngine {
    state: Mutex<State>,
}

/// Where an engine stands.
enum State {
    /// In use; shared with the async calls in flight (a write copies it if one
    /// holds it).
    Live(Arc<Engine>),
    /// `free()` was called.
    Freed,
    /// A write panicked half-way: its state can no longer be trusted.
    Lost,
}

impl JsEngine {
    /// The engine as it is now.
    fn current(&self, env: &Env) -> napi::Result<Arc<Engine>> {
        match &*self.lock(env)? {
            State::Live(engine) => Ok(Arc::clone(engine)),
            gone => Err(unusable(env, gone)),
        }
    }

    fn lock(&self, env: &Env) -> napi::Result<std::sync::MutexGuard<'_, State>> {
        self.state.lock().map_err(|_| unusable(env, &State::Lost))
    }

    fn read<T>(
        &self,
        env: &Env,
        f: impl FnOnce(&Engine) -> slotwise::Result<T>,
    ) -> napi::Result<T> {
        let engine = self.current(env)?;
        guard(env, || f(&engine))
    }

    fn write(
        &self,
        env: &Env,
        f: impl FnOnce(&mut Engine) -> slotwise::Result<()>,
    ) -> napi::Result<()> {
        let mut state = self.lock(env)?;
        let State::Live(engine) = &mut *state else {
            return Err(unusable(env, &state));
        };
        let result = catch(|| f(Arc::make_mut(engine)));
        if matches!(result, Err(Failure::Panic(_))) {
            *state = State::Lost;
        }
        result.map_err(|failure| to_js(env, failure))
    }

    fn wrap(engine: Engine) -> JsEngine {
        JsEngine {
            state: Mutex::new(State::Live(Arc::new(engine))),
        }
    }
}

/// The plain `Error` for an engine that can no longer be used.
fn unusable(env: &Env, state: &State) -> napi::Error {
    plain(
        env,
        match state {
            State::Freed => "slotwise: this Engine was freed",
            _ => "slotwise: this Engine was lost to an internal error; build a new one",
        },
    )
}

/// A window's two instant arguments.
fn window(from: &Unknown<'_>, to: &Unknown<'_>) -> slotwise::Result<(Instant, Instant)> {
    Ok((instant_arg(from, "from")?, instant_arg(to, "to")?))
}

#[napi]
impl JsEngine {
    /// An empty engine.
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> JsEngine {
        JsEngine::wrap(Engine::new())
    }

    #[napi]
    pub fn add_schedule(&self, env: Env, schedule: Unknown<'_>) -> napi::Result<()> {
        self.write(&env, |e| e.add_schedule(arg::<Schedule>(&schedule, "")?))
    }

    #[napi]
    pub fn replace_schedule(&self, env: Env, schedule: Unknown<'_>) -> napi::Result<()> {
        self.write(&env, |e| {
            e.replace_schedule(arg::<Schedule>(&schedule, "")?)
        })
    }

    #[napi]
    pub fn remove_schedule(&self, env: Env, id: Unknown<'_>) -> napi::Result<()> {
        self.write(&env, |e| e.remove_schedule(&string_arg(&id, "id")?))
    }

    #[napi]
    pub fn add_appointment(&self, env: Env, appointment: Unknown<'_>) -> napi::Result<()> {
        self.write(&env, |e| {
            e.add_appointment(arg::<Appointment>(&appointment, "")?)
        })
    }

    #[napi]
    pub fn update_appointment(&self, env: Env, appointment: Unknown<'_>) -> napi::Result<()> {
        self.write(&env, |e| {
            e.update_appointment(arg::<Appointment>(&appointment, "")?)
        })
    }

    #[napi]
    pub fn remove_appointment(&self, env: Env, id: Unknown<'_>) -> napi::Result<()> {
        self.write(&env, |e| e.remove_appointment(&string_arg(&id, "id")?))
    }

    /// Bookable slots, ordered by (start, schedule id).
    #[napi]
    pub fn availability(&self, env: Env, query: Unknown<'_>) -> napi::Result<Slots> {
        self.read(&env, |e| {
            Ok(Slots::new(
                e.availability_columns(&arg::<Query>(&query, "")?)?,
            ))
        })
    }

    /// The same slots as columns (typed arrays), for big answers.
    #[napi]
    pub fn availability_columns(&self, env: Env, query: Unknown<'_>) -> napi::Result<Columns> {
        self.read(&env, |e| {
            Ok(Columns(e.availability_columns(&arg::<Query>(&query, "")?)?))
        })
    }

    /// `availability` off the event loop.
    #[napi]
    pub fn availability_async(
        &self,
        env: Env,
        query: Unknown<'_>,
    ) -> napi::Result<AsyncTask<Job<Slots>>> {
        let engine = self.current(&env)?;
        Ok(AsyncTask::new(tasks::availability(&engine, || {
            arg::<Query>(&query, "")
        })))
    }

    /// `availabilityColumns` off the event loop.
    #[napi]
    pub fn availability_columns_async(
        &self,
        env: Env,
        query: Unknown<'_>,
    ) -> napi::Result<AsyncTask<Job<Columns>>> {
        let engine = self.current(&env)?;
        Ok(AsyncTask::new(tasks::availability_columns(&engine, || {
            arg::<Query>(&query, "")
        })))
    }

    /// The slots a query selects, handed over a page at a time by index.js's
    /// `availabilityPages`.
    #[napi(js_name = "_availabilityPages")]
    pub fn availability_pages(&self, env: Env, query: Unknown<'_>) -> napi::Result<SlotPages> {
        let engine = self.current(&env)?;
        guard(&env, || SlotPages::new(engine, &arg::<Query>(&query, "")?))
    }

    /// Release the engine's memory now; later calls throw. Calling it twice is
    /// harmless.
    #[napi]
    pub fn free(&self, env: Env) -> napi::Result<()> {
        let mut state = self.lock(&env)?;
        if let State::Live(_) = &*state {
            *state = State::Freed;
        }
        Ok(())
    }

    /// Would `appointment` fit, and if not, why not.
    #[napi]
    pub fn check_booking(
        &self,
        env: Env,
        appointment: Unknown<'_>,
        rules: Option<Unknown<'_>>,
    ) -> napi::Result<Json<BookingCheck>> {
        self.read(&env, |e| {
            let appointment = arg::<Appointment>(&appointment, "")?;
            let rules = match &rules {
                Some(r) => arg::<Option<BookingRules>>(r, "rules")?.unwrap_or_default(),
                None => BookingRules::default(),
            };
            e.check_booking(&appointment, &rules)
        })
        .map(Json)
    }

    /// What the engine sees at one instant of a schedule.
    #[napi]
    pub fn explain(
        &self,
        env: Env,
        schedule_id: Unknown<'_>,
        at: Unknown<'_>,
    ) -> napi::Result<Json<Explanation>> {
        self.read(&env, |e| {
            let id = string_arg(&schedule_id, "schedule")?;
            e.explain(&id, instant_arg(&at, "instant")?)
        })
        .map(Json)
    }

    /// What to create, update and delete in the host's stored slots.
    #[napi]
    pub fn reconcile(
        &self,
        env: Env,
        from: Unknown<'_>,
        to: Unknown<'_>,
        existing: Unknown<'_>,
    ) -> napi::Result<Json<Plan>> {
        self.read(&env, |e| {
            let (from, to) = window(&from, &to)?;
            e.reconcile(from, to, &arg::<Vec<ExistingSlot>>(&existing, "existing")?)
        })
        .map(Json)
    }

    /// `reconcile` off the event loop.
    #[napi]
    pub fn reconcile_async(
        &self,
        env: Env,
        from: Unknown<'_>,
        to: Unknown<'_>,
        existing: Unknown<'_>,
    ) -> napi::Result<AsyncTask<Job<JsonText>>> {
        let engine = self.current(&env)?;
        Ok(AsyncTask::new(tasks::reconcile(&engine, || {
            let (from, to) = window(&from, &to)?;
            Ok((from, to, arg::<Vec<ExistingSlot>>(&existing, "existing")?))
        })))
    }

    /// Offered and booked seat-minutes, rates and counts per schedule and bucket.
    #[napi]
    pub fn report(
        &self,
        env: Env,
        from: Unknown<'_>,
        to: Unknown<'_>,
        bucket: Unknown<'_>,
    ) -> napi::Result<Json<Vec<ReportRow>>> {
        self.read(&env, |e| {
            let (from, to) = window(&from, &to)?;
            e.report(from, to, arg::<Bucket>(&bucket, "bucket")?)
        })
        .map(Json)
    }

    /// `report` off the event loop.
    #[napi]
    pub fn report_async(
        &self,
        env: Env,
        from: Unknown<'_>,
        to: Unknown<'_>,
        bucket: Unknown<'_>,
    ) -> napi::Result<AsyncTask<Job<JsonText>>> {
        let engine = self.current(&env)?;
        Ok(AsyncTask::new(tasks::report(&engine, || {
            let (from, to) = window(&from, &to)?;
            Ok((from, to, arg::<Bucket>(&bucket, "bucket")?))
        })))
    }

    /// The engine as snapshot bytes.
    #[napi]
    pub fn to_snapshot(&self, env: Env) -> napi::Result<Buffer> {
        self.read(&env, |e| e.to_snapshot()).map(Buffer::from)
    }

    /// An engine from snapshot bytes (a `Uint8Array` or `Buffer`).
    #[napi(factory)]
    pub fn from_snapshot(env: Env, bytes: Unknown<'_>) -> napi::Result<JsEngine> {
        guard(&env, || {
            let bytes = bytes_arg(&bytes, "bytes")?;
            Engine::from_snapshot_vec(bytes, slotwise::Limits::default())
        })
        .map(JsEngine::wrap)
    }

    /// The whole state as JSON text.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self, env: Env) -> napi::Result<String> {
        self.read(&env, |e| e.to_json())
    }

    /// An engine from the JSON text of `toJSON`.
    #[napi(factory, js_name = "fromJSON")]
    pub fn from_json(env: Env, text: Unknown<'_>) -> napi::Result<JsEngine> {
        guard(&env, || Engine::from_json(&string_arg(&text, "text")?)).map(JsEngine::wrap)
    }
}

// Declared after `JsEngine`: napi-derive names the class of an `impl` block after the
// struct's `js_name` only if the struct's attribute was expanded first; otherwise
// that block registers the class as `JsEngine`, and whichever registration runs last
// names the export (seen: `Engine` missing from the addon).
mod combined;
