//! The engine object: one [`slotwise::Engine`] behind a read-write lock, so queries
//! from many threads run at once and a change waits for them.

use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::SystemTime;

use slotwise::{from_json, Error};

use crate::appointment::Appointment;
use crate::combine::CombinedRow;
use crate::error::Result;
use crate::explain::{BookingCheck, Explanation};
use crate::limits::{core_limits, Limits};
use crate::plan::{ExistingSlot, Plan};
use crate::query::{BookingRules, Query};
use crate::report::{Bucket, ReportRow};
use crate::schedule::Schedule;
use crate::slot::{Slot, SlotColumns};
use crate::time::to_seconds;

/// The scheduling engine: schedules and appointments, and the questions asked of them.
/// Safe to share between threads: queries run concurrently, changes one at a time.
/// Every call either succeeds whole or fails with a `SlotwiseError` and changes
/// nothing.
#[derive(Debug, uniffi::Object)]
pub struct Engine {
    inner: RwLock<slotwise::Engine>,
}

impl Engine {
    fn wrap(engine: slotwise::Engine) -> Arc<Self> {
        Arc::new(Engine {
            inner: RwLock::new(engine),
        })
    }

    // A panic cannot happen halfway through a change (changes validate first), so a
    // poisoned lock still guards a consistent engine.
    fn read(&self) -> RwLockReadGuard<'_, slotwise::Engine> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, slotwise::Engine> {
        self.inner.write().unwrap_or_else(PoisonError::into_inner)
    }

    fn core_limits(&self) -> slotwise::Limits {
        *self.read().limits()
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine {
            inner: RwLock::new(slotwise::Engine::new()),
        }
    }
}

fn slots(answer: &slotwise::Availability) -> Vec<Slot> {
    answer.iter().map(|s| Slot::from(&s)).collect()
}

fn rows(answer: &[slotwise::CombinedRow]) -> Vec<CombinedRow> {
    answer.iter().map(CombinedRow::from).collect()
}

#[uniffi::export]
impl Engine {
    /// An empty engine with the default limits.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(Engine::default())
    }

    /// An empty engine under these limits (start from `defaultLimits()`).
    #[uniffi::constructor]
    pub fn with_limits(limits: Limits) -> Result<Arc<Self>> {
        Ok(Engine::wrap(slotwise::Engine::with_limits(core_limits(
            &limits,
        )?)))
    }

    /// An engine opened from snapshot bytes (`toSnapshot`), under the default limits.
    /// Schedules are read when first used, so opening is fast; `loadAll` validates
    /// everything at once. Errors: `InvalidSnapshot` (truncated, corrupted, another
    /// format version), `LimitExceeded`.
    #[uniffi::constructor]
    pub fn from_snapshot(bytes: Vec<u8>) -> Result<Arc<Self>> {
        let engine = slotwise::Engine::from_snapshot_vec(bytes, slotwise::Limits::default())?;
        Ok(Engine::wrap(engine))
    }

    /// `fromSnapshot` under these limits.
    #[uniffi::constructor]
    pub fn from_snapshot_with_limits(bytes: Vec<u8>, limits: Limits) -> Result<Arc<Self>> {
        let engine = slotwise::Engine::from_snapshot_vec(bytes, core_limits(&limits)?)?;
        Ok(Engine::wrap(engine))
    }

    /// An engine from the JSON form of `toJson`
    /// (`{"version": 1, "schedules": [...], "appointments": [...]}`), under the default
    /// limits; errors name the field (`schedules[2].slot.step`).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>> {
        Ok(Engine::wrap(slotwise::Engine::from_json(&json)?))
    }

    /// `fromJson` under these limits.
    #[uniffi::constructor]
    pub fn from_json_with_limits(json: String, limits: Limits) -> Result<Arc<Self>> {
        let engine = slotwise::Engine::from_json_with(&json, core_limits(&limits)?)?;
        Ok(Engine::wrap(engine))
    }

    /// The limits this engine checks.
    pub fn limits(&self) -> Limits {
        Limits::from(self.read().limits())
    }

    /// Build and validate every part of the snapshot this engine was opened from;
    /// afterwards no call fails with `InvalidSnapshot`.
    pub fn load_all(&self) -> Result<()> {
        Ok(self.read().load_all()?)
    }

    /// Add a schedule. Errors: its fields (`slot.step`), `DuplicateId` (`id`).
    pub fn add_schedule(&self, schedule: Schedule) -> Result<()> {
        let s = schedule.to_core()?;
        Ok(self.write().add_schedule(s)?)
    }

    /// Add a schedule given as JSON.
    pub fn add_schedule_json(&self, json: String) -> Result<()> {
        let s = from_json(&json, &self.core_limits())?;
        Ok(self.write().add_schedule(s)?)
    }

    /// Replace the schedule with the same id; its appointments stay.
    pub fn replace_schedule(&self, schedule: Schedule) -> Result<()> {
        let s = schedule.to_core()?;
        Ok(self.write().replace_schedule(s)?)
    }

    /// Replace a schedule, given as JSON.
    pub fn replace_schedule_json(&self, json: String) -> Result<()> {
        let s = from_json(&json, &self.core_limits())?;
        Ok(self.write().replace_schedule(s)?)
    }

    /// Remove a schedule and its appointments. Errors: `UnknownSchedule`.
    pub fn remove_schedule(&self, id: String) -> Result<()> {
        Ok(self.write().remove_schedule(&id)?)
    }

    /// Add an appointment. Errors: its fields (`end`), `UnknownSchedule`
    /// (`schedule`), `DuplicateId` (`id`).
    pub fn add_appointment(&self, appointment: Appointment) -> Result<()> {
        let a = appointment.to_core()?;
        Ok(self.write().add_appointment(a)?)
    }

    /// Add an appointment given as JSON.
    pub fn add_appointment_json(&self, json: String) -> Result<()> {
        let a = from_json(&json, &self.core_limits())?;
        Ok(self.write().add_appointment(a)?)
    }

    /// Replace the appointment with the same id (a move, a status change).
    pub fn update_appointment(&self, appointment: Appointment) -> Result<()> {
        let a = appointment.to_core()?;
        Ok(self.write().update_appointment(a)?)
    }

    /// Replace an appointment, given as JSON.
    pub fn update_appointment_json(&self, json: String) -> Result<()> {
        let a = from_json(&json, &self.core_limits())?;
        Ok(self.write().update_appointment(a)?)
    }

    /// Remove an appointment by id.
    pub fn remove_appointment(&self, id: String) -> Result<()> {
        Ok(self.write().remove_appointment(&id)?)
    }

    /// The slots with start in the query's window and enough seats free, ordered by
    /// start, then schedule id. Errors name the query's field (`to`, `min_notice`).
    pub fn availability(&self, query: Query) -> Result<Vec<Slot>> {
        let q = query.to_core()?;
        Ok(slots(&self.read().availability(&q)?))
    }

    /// `availability` with the query given as JSON (`{"from", "to", "seats", ...}`).
    pub fn availability_json(&self, json: String) -> Result<Vec<Slot>> {
        let q: slotwise::Query = from_json(&json, &self.core_limits())?;
        Ok(slots(&self.read().availability(&q)?))
    }

    /// The same answer as `availability`, as columns filled straight from the
    /// engine's walk: for big answers (a month grid), without a record or key per
    /// slot.
    pub fn availability_columns(&self, query: Query) -> Result<SlotColumns> {
        let q = query.to_core()?;
        Ok(self.read().availability_columns(&q)?.into())
    }

    /// The times that every (`All`), any (`Any`, a pool) or at least `k` (`KOfN`) of
    /// the query's `combine.schedules` can take, ordered by start, then end, selected
    /// by the query's window, notice rules and `first`. Errors name the query's field
    /// (`combine.k`, `combine.schedules[1]`, `first`).
    pub fn combined(&self, query: Query) -> Result<Vec<CombinedRow>> {
        let q = query.to_core()?;
        Ok(rows(&self.read().combined(&q)?))
    }

    /// `combined` with the query given as JSON (`{"from", "first", "combine": {"mode",
    /// "schedules", ...}}`).
    pub fn combined_json(&self, json: String) -> Result<Vec<CombinedRow>> {
        let q: slotwise::Query = from_json(&json, &self.core_limits())?;
        Ok(rows(&self.read().combined(&q)?))
    }

    /// Would `appointment` fit? It must match a slot of its schedule exactly, the
    /// slot must not be excluded, must have its seats free counting every other
    /// appointment (one with the same id is left out, so a move can be checked) and
    /// must start within the booking rules.
    #[uniffi::method(default(rules = None))]
    pub fn check_booking(
        &self,
        appointment: Appointment,
        rules: Option<BookingRules>,
    ) -> Result<BookingCheck> {
        let a = appointment.to_core()?;
        let r = rules.map(|r| r.to_core()).transpose()?.unwrap_or_default();
        Ok(BookingCheck::from(&self.read().check_booking(&a, &r)?))
    }

    /// Why `instant` is or is not bookable in a schedule: the window and exclusions
    /// holding it and every slot holding it, with what stops it.
    pub fn explain(&self, schedule_id: String, instant: SystemTime) -> Result<Explanation> {
        let t = to_seconds(instant, "instant")?;
        Ok(Explanation::from(&self.read().explain(&schedule_id, t)?))
    }

    /// The plan that brings the host's stored slots (`existing`) in line with the
    /// slots generated with start in `[from, to)`. Errors: the window (`to`), a stored
    /// slot (`existing[2].key`).
    pub fn reconcile(
        &self,
        from: SystemTime,
        to: SystemTime,
        existing: Vec<ExistingSlot>,
    ) -> Result<Plan> {
        let from = to_seconds(from, "from")?;
        let to = to_seconds(to, "to")?;
        let existing = existing
            .iter()
            .enumerate()
            .map(|(i, s)| s.to_core().map_err(|e| e.at_index("existing", i)))
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(Plan::from(&self.read().reconcile(from, to, &existing)?))
    }

    /// Offered and booked seat-minutes, utilization and appointment outcomes per
    /// schedule and per bucket over `[from, to)`.
    pub fn report(
        &self,
        from: SystemTime,
        to: SystemTime,
        bucket: Bucket,
    ) -> Result<Vec<ReportRow>> {
        let from = to_seconds(from, "from")?;
        let to = to_seconds(to, "to")?;
        let rows = self.read().report(from, to, bucket.into())?;
        Ok(rows.iter().map(ReportRow::from).collect())
    }

    /// The engine as snapshot bytes, to store or ship to a device.
    pub fn to_snapshot(&self) -> Result<Vec<u8>> {
        Ok(self.read().to_snapshot()?)
    }

    /// The whole state as JSON (`{"version": 1, "schedules": [...], "appointments":
    /// [...]}`, each list ordered by id).
    pub fn to_json(&self) -> Result<String> {
        Ok(self.read().to_json()?)
    }

    /// The ids of every schedule, in byte-wise order.
    pub fn schedule_ids(&self) -> Vec<String> {
        self.read().schedule_ids().map(str::to_owned).collect()
    }

    /// A schedule by id, as it was given.
    pub fn schedule(&self, id: String) -> Option<Schedule> {
        self.read().schedule(&id).map(Schedule::from)
    }

    /// An appointment by id.
    pub fn appointment(&self, id: String) -> Option<Appointment> {
        self.read().appointment(&id).map(Appointment::from)
    }

    /// Every appointment, by id.
    pub fn appointments(&self) -> Vec<Appointment> {
        self.read().appointments().map(Appointment::from).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn the_engine_is_send_and_sync() {
        assert_send_sync::<Engine>();
    }
}
