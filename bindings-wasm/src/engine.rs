//! `RawEngine`: the core's `Engine` with its calls taking and giving plain JS values.

use std::rc::Rc;

use slotwise::{Appointment, BookingRules, Bucket, Engine, ExistingSlot, Limits, Query, Schedule};
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, instant, to_json, window_edge};
use crate::error::to_js;
use crate::pages::RawSlotPages;

/// Schedules and appointments, and the questions asked of them.
///
/// The engine is shared with the page readers of `availabilityPages` (each streams
/// from the engine as it was when the pages were asked): a write while a reader is
/// open changes a copy (`Rc::make_mut`), so the reader never sees it.
#[wasm_bindgen]
pub struct RawEngine {
    engine: Rc<Engine>,
}

impl RawEngine {
    fn wrap(engine: Engine) -> RawEngine {
        RawEngine {
            engine: Rc::new(engine),
        }
    }

    /// The engine to change (a copy if a page reader still reads this one).
    fn engine_mut(&mut self) -> &mut Engine {
        Rc::make_mut(&mut self.engine)
    }
}

impl Default for RawEngine {
    fn default() -> Self {
        RawEngine::new()
    }
}

#[wasm_bindgen]
impl RawEngine {
    /// An empty engine with default limits.
    #[wasm_bindgen(constructor)]
    pub fn new() -> RawEngine {
        RawEngine::wrap(Engine::with_limits(Limits::default()))
    }

    /// Add a schedule; errors name its field (`slot.step`, `id`).
    #[wasm_bindgen(js_name = addSchedule)]
    pub fn add_schedule(&mut self, schedule: &str) -> Result<(), JsValue> {
        let schedule: Schedule = from_js(schedule, "")?;
        self.engine_mut().add_schedule(schedule).map_err(to_js)
    }

    /// Replace the schedule with the same id, keeping its appointments.
    #[wasm_bindgen(js_name = replaceSchedule)]
    pub fn replace_schedule(&mut self, schedule: &str) -> Result<(), JsValue> {
        let schedule: Schedule = from_js(schedule, "")?;
        self.engine_mut().replace_schedule(schedule).map_err(to_js)
    }

    /// Remove a schedule and its appointments.
    #[wasm_bindgen(js_name = removeSchedule)]
    pub fn remove_schedule(&mut self, id: &str) -> Result<(), JsValue> {
        self.engine_mut().remove_schedule(id).map_err(to_js)
    }

    /// Add an appointment (it need not fit: overbooking stays visible).
    #[wasm_bindgen(js_name = addAppointment)]
    pub fn add_appointment(&mut self, appointment: &str) -> Result<(), JsValue> {
        let appointment: Appointment = from_js(appointment, "")?;
        self.engine_mut()
            .add_appointment(appointment)
            .map_err(to_js)
    }

    /// Replace the appointment with the same id.
    #[wasm_bindgen(js_name = updateAppointment)]
    pub fn update_appointment(&mut self, appointment: &str) -> Result<(), JsValue> {
        let appointment: Appointment = from_js(appointment, "")?;
        self.engine_mut()
            .update_appointment(appointment)
            .map_err(to_js)
    }

    /// Remove an appointment.
    #[wasm_bindgen(js_name = removeAppointment)]
    pub fn remove_appointment(&mut self, id: &str) -> Result<(), JsValue> {
        self.engine_mut().remove_appointment(id).map_err(to_js)
    }

    /// The slots a query selects, as columns: typed arrays copied once from the
    /// core's columnar answer.
    #[wasm_bindgen(js_name = availabilityColumns)]
    pub fn availability_columns(&self, query: &str) -> Result<JsValue, JsValue> {
        let query: Query = from_js(query, "")?;
        let columns = self.engine.availability_columns(&query).map_err(to_js)?;
        Ok(crate::pages::columns_to_js(&columns, 0..columns.len()))
    }

    /// The slots a query selects, streamed from the core a page at a time (the
    /// answer is never held whole).
    #[wasm_bindgen(js_name = availabilityPages)]
    pub fn availability_pages(&self, query: &str) -> Result<RawSlotPages, JsValue> {
        let query: Query = from_js(query, "")?;
        RawSlotPages::new(Rc::clone(&self.engine), &query).map_err(to_js)
    }

    /// The rows of a combined query (`combine`: all, any, k of n), as JSON text.
    pub fn combined(&self, query: &str) -> Result<String, JsValue> {
        let query: Query = from_js(query, "")?;
        let rows = self.engine.combined(&query).map_err(to_js)?;
        to_json(&rows)
    }

    /// Would the appointment fit, and if not, why.
    #[wasm_bindgen(js_name = checkBooking)]
    pub fn check_booking(
        &self,
        appointment: &str,
        rules: Option<String>,
    ) -> Result<String, JsValue> {
        let appointment: Appointment = from_js(appointment, "")?;
        let rules: BookingRules = match rules {
            None => BookingRules::default(),
            Some(json) => from_js(&json, "rules")?,
        };
        let check = self
            .engine
            .check_booking(&appointment, &rules)
            .map_err(to_js)?;
        to_json(&check)
    }

    /// What the engine sees at one instant of a schedule.
    pub fn explain(&self, schedule_id: &str, at: &str) -> Result<String, JsValue> {
        let at = instant(at, "instant")?;
        let explanation = self.engine.explain(schedule_id, at).map_err(to_js)?;
        to_json(&explanation)
    }

    /// The plan that brings the host's stored slots in line with `[from, to)`.
    pub fn reconcile(&self, from: &str, to: &str, existing: &str) -> Result<String, JsValue> {
        let from = window_edge(from, "from")?;
        let to = window_edge(to, "to")?;
        let existing: Vec<ExistingSlot> = from_js(existing, "existing")?;
        let plan = self.engine.reconcile(from, to, &existing).map_err(to_js)?;
        to_json(&plan)
    }

    /// Report rows per schedule and bucket over `[from, to)`.
    pub fn report(&self, from: &str, to: &str, bucket: &str) -> Result<String, JsValue> {
        let from = window_edge(from, "from")?;
        let to = window_edge(to, "to")?;
        let bucket: Bucket = from_js(bucket, "bucket")?;
        let rows = self.engine.report(from, to, bucket).map_err(to_js)?;
        to_json(&rows)
    }

    /// The engine as snapshot bytes.
    #[wasm_bindgen(js_name = toSnapshot)]
    pub fn to_snapshot(&self) -> Result<Vec<u8>, JsValue> {
        self.engine.to_snapshot().map_err(to_js)
    }

    /// An engine opened from snapshot bytes.
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(bytes: Vec<u8>) -> Result<RawEngine, JsValue> {
        Engine::from_snapshot_vec(bytes, Limits::default())
            .map(RawEngine::wrap)
            .map_err(to_js)
    }

    /// The whole state as JSON text.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        self.engine.to_json().map_err(to_js)
    }

    /// An engine from the JSON text of `toJSON`.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(text: &str) -> Result<RawEngine, JsValue> {
        Engine::from_json(text).map(RawEngine::wrap).map_err(to_js)
    }

    /// Panics, to test that the package survives one (not part of the API).
    #[wasm_bindgen(js_name = __panicForTests)]
    pub fn panic_for_tests(&mut self) {
        crate::panic::for_tests();
    }
}
