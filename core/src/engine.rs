//! The engine: the owner of the state. It validates every change and makes it
//! whole or not at all, and forwards every question to the module that answers it
//! (availability, booking, reconcile, report) with a read-only view of the state.
//!
//! Every mutating call validates everything first and changes nothing on error.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::availability::SlotStream;
use crate::capacity::{Appointment, AppointmentIndex};
use crate::columns::SlotColumns;
use crate::error::{Error, ErrorCode, Result};
use crate::limits::{exceeded, Limits};
use crate::reconcile::{ExistingSlot, Plan, PlanItem};
use crate::report::{Bucket, ReportRow};
use crate::schedule::{CompiledSchedule, Schedule};
use crate::slots::{Availability, Slot};
use crate::snapshot::EngineState;
use crate::state::{unknown_schedule, Cell, Entry, State, View};
use crate::time::Instant;

pub use crate::booking::{BookingCheck, ExclusionHit, Explanation, Reason, SlotVerdict, Window};
pub use crate::query::{BookingRules, Query};

/// The scheduling engine: schedules, appointments, and queries over them.
///
/// An engine opened from a snapshot builds each schedule the first time a call needs
/// it, and its appointments by id the first time a call needs those
/// ([`crate::snapshot`]).
#[derive(Debug, Clone)]
pub struct Engine {
    state: State,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// An empty engine with default limits.
    pub fn new() -> Engine {
        Engine::with_limits(Limits::default())
    }

    /// An empty engine with these limits.
    pub fn with_limits(limits: Limits) -> Engine {
        Engine {
            state: State::new(limits),
        }
    }

    fn view(&self) -> View<'_> {
        self.state.view()
    }

    /// Build every part of the snapshot the engine was opened from that is not built
    /// yet, validating it; the first failure is returned. After it succeeds no call
    /// fails with `invalid_snapshot`. Engines not opened from a snapshot have
    /// nothing to build.
    pub fn load_all(&self) -> Result<()> {
        self.view().entries(None)?;
        self.view().all_appointments().map(|_| ())
    }

    /// An engine holding these schedules and appointments, or the first error, its
    /// path prefixed with `schedules[i]` or `appointments[i]`.
    pub fn from_parts(
        schedules: Vec<Schedule>,
        appointments: Vec<Appointment>,
        limits: Limits,
    ) -> Result<Engine> {
        let mut engine = Engine::with_limits(limits);
        for (i, s) in schedules.into_iter().enumerate() {
            engine
                .add_schedule(s)
                .map_err(|e| e.at_index("schedules", i))?;
        }
        for (i, a) in appointments.into_iter().enumerate() {
            engine
                .add_appointment(a)
                .map_err(|e| e.at_index("appointments", i))?;
        }
        Ok(engine)
    }

    /// The limits every call checks.
    pub fn limits(&self) -> &Limits {
        &self.state.limits
    }

    /// Spread queries over schedules on rayon's pool (the default where the
    /// `parallel` feature is on), or run them on the calling thread. The answers are
    /// the same either way.
    pub fn set_parallel(&mut self, on: bool) {
        self.state.parallel = on;
    }

    /// Whether queries run in parallel.
    pub fn parallel(&self) -> bool {
        self.view().parallel()
    }

    /// A schedule by id, as it was given.
    /// On an engine opened from a snapshot, a schedule whose part fails to build is
    /// `None` here and `invalid_snapshot` in the calls that can fail.
    pub fn schedule(&self, id: &str) -> Option<&Schedule> {
        self.view().entry(id).ok().map(|e| &e.input)
    }

    /// A schedule's compiled form.
    pub fn compiled_schedule(&self, id: &str) -> Option<&CompiledSchedule> {
        self.view().entry(id).ok().map(|e| &e.compiled)
    }

    /// Every schedule, by id.
    pub fn schedules(&self) -> impl Iterator<Item = &Schedule> {
        self.state
            .schedules
            .values()
            .filter_map(|c| c.get().ok())
            .map(|e| &e.input)
    }

    /// An appointment by id.
    /// On an engine opened from a snapshot whose appointments fail to build, `None`.
    pub fn appointment(&self, id: &str) -> Option<&Appointment> {
        self.view().all_appointments().ok()?.get(id)
    }

    /// The ids of every schedule, in byte-wise order.
    pub fn schedule_ids(&self) -> impl Iterator<Item = &str> {
        self.view().schedule_ids()
    }

    /// Every appointment, by id.
    /// On an engine opened from a snapshot whose appointments fail to build, none.
    pub fn appointments(&self) -> impl Iterator<Item = &Appointment> {
        self.view()
            .all_appointments()
            .ok()
            .into_iter()
            .flat_map(BTreeMap::values)
    }

    /// Add a schedule. Errors: its validation (`slot.step`...), `duplicate_id` (`id`).
    pub fn add_schedule(&mut self, schedule: Schedule) -> Result<()> {
        if self.state.schedules.contains_key(&schedule.id) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("a schedule `{}` already exists", schedule.id),
            )
            .at("id"));
        }
        if self.state.schedules.len() >= self.state.limits.max_schedules {
            return Err(exceeded(
                "max_schedules",
                format!(
                    "the engine already holds {} schedules",
                    self.state.schedules.len()
                ),
            ));
        }
        let compiled = schedule.compile(&self.state.limits)?;
        self.state.schedules.insert(
            schedule.id.clone(),
            Cell::ready(Entry {
                id: Arc::from(schedule.id.as_str()),
                input: schedule,
                compiled,
                index: AppointmentIndex::default(),
            }),
        );
        Ok(())
    }

    /// Replace the schedule with the same id, keeping its appointments.
    pub fn replace_schedule(&mut self, schedule: Schedule) -> Result<()> {
        let compiled = schedule.compile(&self.state.limits)?;
        let entry = self
            .state
            .schedules
            .get_mut(&schedule.id)
            .ok_or_else(|| unknown_schedule(&schedule.id).at("id"))?
            .get_mut()?;
        entry.compiled = compiled;
        entry.input = schedule;
        Ok(())
    }

    /// Remove a schedule and its appointments.
    pub fn remove_schedule(&mut self, id: &str) -> Result<()> {
        if !self.state.schedules.contains_key(id) {
            return Err(unknown_schedule(id).at("id"));
        }
        self.state.remove_appointments_of(id)?;
        self.state.schedules.remove(id);
        Ok(())
    }

    /// Add an appointment; it need not fit (hosts record what exists; overbooking
    /// stays visible). Errors: its validation, `unknown_schedule` (`schedule`),
    /// `duplicate_id` (`id`).
    pub fn add_appointment(&mut self, appointment: Appointment) -> Result<()> {
        appointment.validate()?;
        if self.view().appointment(&appointment.id)?.is_some() {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("an appointment `{}` already exists", appointment.id),
            )
            .at("id"));
        }
        let count = self.state.appointment_count();
        if count >= self.state.limits.max_appointments {
            return Err(exceeded(
                "max_appointments",
                format!("the engine already holds {count} appointments"),
            ));
        }
        self.state
            .entry_mut(&appointment.schedule)?
            .index
            .insert(&appointment);
        self.state.put_appointment(appointment, true)
    }

    /// Replace the appointment with the same id (to move, resize or cancel it).
    pub fn update_appointment(&mut self, appointment: Appointment) -> Result<()> {
        appointment.validate()?;
        self.state.entry_mut(&appointment.schedule)?;
        let old = self
            .view()
            .appointment(&appointment.id)?
            .ok_or_else(|| unknown_appointment(&appointment.id))?
            .into_owned();
        self.state.entry_mut(&old.schedule)?.index.remove(&old);
        self.state
            .entry_mut(&appointment.schedule)?
            .index
            .insert(&appointment);
        self.state.put_appointment(appointment, false)
    }

    /// Remove an appointment.
    pub fn remove_appointment(&mut self, id: &str) -> Result<()> {
        let old = self
            .view()
            .appointment(id)?
            .ok_or_else(|| unknown_appointment(id))?
            .into_owned();
        self.state.entry_mut(&old.schedule)?.index.remove(&old);
        self.state.remove_appointment(id)
    }

    // ---- questions, answered by the modules below over a read-only view ----

    /// The slots with start in `[from, to)` and at least `seats` free (`0`: every
    /// slot, full and overbooked ones too), ordered by (start, schedule id); ids
    /// compare byte-wise. The whole answer, built in parallel over schedules; more
    /// than `limits.max_slots` slots is `limit_exceeded`.
    /// Errors name the query's field (`to`, `schedules[0]`).
    pub fn availability(&self, query: &Query) -> Result<Availability> {
        crate::availability::availability(self.view(), query)
    }

    /// The same slots as [`Engine::availability`], in the same order, handed out as
    /// they are produced: memory stays bounded however long the answer (see
    /// [`SlotStream`]). Read it as an iterator of [`Slot`]s or in column batches
    /// ([`SlotStream::next_columns`]). Errors (the query's fields, unknown schedules,
    /// the windows' expansion) come here, before the first slot; the stream is not
    /// held to `limits.max_slots`.
    pub fn availability_stream(&self, query: &Query) -> Result<SlotStream<'_>> {
        SlotStream::new(self.view(), query)
    }

    /// The answer of [`Engine::availability`] as columns, filled straight from the
    /// stream (no [`Slot`] or key is built). Errors as [`Engine::availability`].
    pub fn availability_columns(&self, query: &Query) -> Result<SlotColumns> {
        crate::availability::columns(self.view(), query)
    }

    /// One schedule's slots with start in `[from, to)` and at least `seats` free
    /// (`0`: every slot, full ones too), in order of start; no notice rules apply.
    pub fn slots_of(
        &self,
        schedule_id: &str,
        from: Instant,
        to: Instant,
        seats: u32,
    ) -> Result<Vec<Slot>> {
        crate::availability::slots_of(self.view(), schedule_id, from, to, seats)
    }

    /// The rows of a combined query (`query.combine`: `all`, `any` or `k_of_n`), ordered
    /// by start, then end (docs/semantics.md "Combined queries"). Errors: the query's
    /// (`invalid_window`, `invalid_input` naming the field; `schedules` given beside
    /// `combine` is `invalid_input` at `schedules`), `unknown_schedule` at
    /// `combine.schedules[i]`, `limit_exceeded` past `limits.max_slots` rows.
    pub fn combined(&self, query: &Query) -> Result<Vec<crate::combine::CombinedRow>> {
        crate::combine::combined(self.view(), query)
    }

    /// Would `appointment` fit? It must match a slot of its schedule exactly (start and
    /// end), the slot must not be excluded, must have `seats` free counting every other
    /// appointment (one with the same id is left out, so a move can be checked), and
    /// must start within the notice rules. Errors: invalid appointment or rules,
    /// `unknown_schedule`.
    pub fn check_booking(
        &self,
        appointment: &Appointment,
        rules: &BookingRules,
    ) -> Result<BookingCheck> {
        crate::booking::check_booking(self.view(), appointment, rules)
    }

    /// Why `instant` is or is not bookable in a schedule: the window and exclusions
    /// holding it, and every grid slot holding it with what stops it from taking one
    /// more seat. Notice rules play no part.
    pub fn explain(&self, schedule_id: &str, instant: Instant) -> Result<Explanation> {
        crate::booking::explain(self.view(), schedule_id, instant)
    }

    /// The plan that brings a host's stored slots in line with the slots generated
    /// with start in `[from, to)`; see [`crate::reconcile`]. Errors: the window
    /// (`to`), a stored slot (`existing[i].key`, `existing[i].end`), `limit_exceeded`.
    pub fn reconcile(&self, from: Instant, to: Instant, existing: &[ExistingSlot]) -> Result<Plan> {
        crate::reconcile::reconcile(self.view(), from, to, existing)
    }

    /// The plan of [`Engine::reconcile`] handed out step by step as it is produced,
    /// every step in order of (start, schedule id) whatever its kind; returns the
    /// number of unchanged stored slots. Memory holds the stored slots and a short
    /// span of desired ones, never the plan. Errors of the input come before the
    /// first step; an error `step` returns ends the walk and is returned. Not held to
    /// `limits.max_slots`.
    pub fn reconcile_each(
        &self,
        from: Instant,
        to: Instant,
        existing: &[ExistingSlot],
        step: impl FnMut(PlanItem) -> Result<()>,
    ) -> Result<usize> {
        crate::reconcile::reconcile_each(self.view(), from, to, existing, step)
    }

    /// Offered and booked seat-minutes, utilization and appointment outcomes per
    /// schedule and per `bucket` over `[from, to)`; see [`crate::report`]. Errors: the
    /// window (`to`), `limit_exceeded`.
    pub fn report(&self, from: Instant, to: Instant, bucket: Bucket) -> Result<Vec<ReportRow>> {
        crate::report::report(self.view(), from, to, bucket)
    }

    /// The rows of [`Engine::report`], in the same order (schedules by id, each one's
    /// buckets in order), handed to `row` as they are produced, a run of at most
    /// 1,024 buckets at a time: memory stays bounded however many rows. An error
    /// `row` returns ends the walk and is returned. Not held to `limits.max_slots`.
    pub fn report_each(
        &self,
        from: Instant,
        to: Instant,
        bucket: Bucket,
        row: impl FnMut(ReportRow) -> Result<()>,
    ) -> Result<()> {
        crate::report::report_each(self.view(), from, to, bucket, row)
    }

    // ---- the state moved out and back in ----

    /// The engine as a snapshot (see [`crate::snapshot`]): schedules by id with their
    /// appointments. Errors only for an engine opened from a snapshot whose parts
    /// fail to build (`invalid_snapshot`).
    pub fn to_snapshot(&self) -> Result<Vec<u8>> {
        let view = self.view();
        let mut by_schedule: BTreeMap<&str, Vec<&Appointment>> = BTreeMap::new();
        for a in view.all_appointments()?.values() {
            by_schedule.entry(a.schedule.as_str()).or_default().push(a);
        }
        let mut schedules = Vec::new();
        for id in view.schedule_ids() {
            let mut appointments = by_schedule.remove(id).unwrap_or_default();
            appointments.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
            schedules.push((view.stored_schedule(id)?, appointments));
        }
        crate::snapshot::write(&schedules)
    }

    /// Open a snapshot with default limits; see [`Engine::from_snapshot_vec`].
    pub fn from_snapshot(bytes: &[u8]) -> Result<Engine> {
        Engine::from_snapshot_vec(bytes.to_vec(), Limits::default())
    }

    /// Open a snapshot, taking the bytes (no copy). Checks the header, the checksum
    /// and the table; each schedule is validated and built when first used (see
    /// [`crate::snapshot`]). Errors: `invalid_snapshot` (truncated, corrupted, another
    /// format version), `limit_exceeded` (`limits.max_snapshot_bytes`, more schedules
    /// or appointments than the limits allow).
    pub fn from_snapshot_vec(bytes: Vec<u8>, limits: Limits) -> Result<Engine> {
        let blocks = crate::snapshot::open(bytes, &limits)?;
        Ok(Engine {
            state: State::opened(limits, blocks),
        })
    }

    /// The whole state as JSON: `{"version": 1, "schedules": [...], "appointments":
    /// [...]}`, each list ordered by id.
    pub fn to_json(&self) -> Result<String> {
        let view = self.view();
        let schedules = view
            .schedule_ids()
            .map(|id| view.stored_schedule(id).map(Cow::into_owned))
            .collect::<Result<Vec<_>>>()?;
        let state = EngineState {
            version: 1,
            schedules,
            appointments: view.all_appointments()?.values().cloned().collect(),
        };
        serde_json::to_string(&state).map_err(|e| Error::invalid_input(e.to_string()))
    }

    /// An engine from the JSON form of [`Engine::to_json`], with default limits.
    /// Errors name the field (`schedules[2].slot.step`, `appointments[0].schedule`).
    pub fn from_json(text: &str) -> Result<Engine> {
        Engine::from_json_with(text, Limits::DEFAULT)
    }

    /// Like [`Engine::from_json`], under these limits.
    pub fn from_json_with(text: &str, limits: Limits) -> Result<Engine> {
        let state = EngineState::from_json(text, &limits)?;
        Engine::from_parts(state.schedules, state.appointments, limits)
    }
}

fn unknown_appointment(id: &str) -> Error {
    Error::invalid_input(format!("no appointment has id `{id}`")).at("id")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{reseal, HEADER};

    fn engine() -> Engine {
        Engine::from_json(
            r#"{"version": 1, "schedules": [
                {"id": "a", "timezone": "Europe/Lisbon",
                 "availability": [{"rule": "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", "end": "12:00"}],
                 "slot": {"duration": "PT30M", "capacity": 2},
                 "exclusions": [{"kind": "day", "date": "2026-03-04"}]},
                {"id": "b", "timezone": "UTC",
                 "availability": [{"rule": "DTSTART:20260302T140000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH", "duration": "PT2H"}],
                 "slot": {"duration": "PT1H", "capacity": 1}}],
              "appointments": [
                {"id": "x", "schedule": "a", "start": "2026-03-02T09:00:00Z", "end": "2026-03-02T09:30:00Z"},
                {"id": "y", "schedule": "a", "start": "2026-03-03T10:00:00Z", "end": "2026-03-03T10:30:00Z", "status": "no_show", "version": 1},
                {"id": "z", "schedule": "b", "start": "2026-03-02T14:00:00Z", "end": "2026-03-02T15:00:00Z", "seats": 2, "status": "cancelled"}]}"#,
        )
        .unwrap()
    }

    /// Every query, or the first error.
    fn run(e: &Engine) -> Result<String> {
        let (from, to) = (1_772_323_200, 1_772_928_000); // 2026-03-01..08
        let mut q = Query::new(from, to);
        q.seats = 0;
        Ok(format!(
            "{:?} {:?} {:?} {:?}",
            e.availability(&q)?.to_vec(),
            e.reconcile(from, to, &[])?,
            e.report(from, to, Bucket::Week)?,
            e.to_json()?
        ))
    }

    /// Bytes changed anywhere after the header, with every checksum made to match:
    /// the table and the blocks are still validated, so the engine either refuses
    /// them or is whole; never a panic.
    #[test]
    fn crafted_corruptions_with_a_valid_checksum_never_panic() {
        let original = engine();
        let bytes = original.to_snapshot().unwrap();
        let expected = run(&original).unwrap();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        let (mut refused, mut failed_later, mut same) = (0, 0, 0);
        for _ in 0..10_000 {
            let mut bad = bytes.clone();
            for _ in 0..=next(2) {
                let at = HEADER + next(bad.len() - HEADER);
                bad[at] ^= 1 << next(8);
            }
            reseal(&mut bad);
            let Ok(e) = Engine::from_snapshot(&bad) else {
                refused += 1;
                continue;
            };
            let answer = run(&e);
            match e.load_all() {
                Err(err) => {
                    assert_eq!(err.code(), ErrorCode::InvalidSnapshot);
                    failed_later += 1;
                }
                // A flip that still decodes to valid data (a letter of an id, a
                // time) is a different engine, not a broken one.
                Ok(()) => {
                    assert!(answer.is_ok(), "{answer:?}");
                    if answer.is_ok_and(|a| a == expected) {
                        same += 1;
                    }
                }
            }
        }
        // Every outcome is reached: refused at open, refused when the blocks are
        // built, and whole engines, some giving the same answers (a flip in a byte no
        // answer reads) and some others (a flip in a letter or a time).
        let whole = 10_000 - refused - failed_later;
        assert!(
            refused > 1_000 && failed_later > 1_000 && same > 100 && whole - same > 100,
            "{refused} refused, {failed_later} failed later, {same} of {whole} whole engines the same"
        );
    }

    /// An id index resealed to lie (two entries' positions swapped, checksums made
    /// to match) is caught when the appointments are built, and a lookup that lands
    /// on the wrong appointment fails.
    #[test]
    fn a_resealed_lying_id_index_is_caught() {
        let bytes = engine().to_snapshot().unwrap();
        let table_len = u64::from_le_bytes(bytes[24..32].try_into().unwrap()) as usize;
        let count = 3;
        let index_start = bytes.len() - table_len - (count * 16 + 8);
        let mut lie = bytes.clone();
        // Entries 0 and 1: swap their positions, keeping the order of (hash, ...)
        // only if the blocks differ; either way the index no longer matches.
        for k in 8..16 {
            lie.swap(index_start + k, index_start + 16 + k);
        }
        reseal(&mut lie);
        // Opening reads only the table; the lie shows when the index is used.
        let mut e = Engine::from_snapshot(&lie).expect("the table is intact");
        let ids = ["x", "y", "z"];
        let lookups: Vec<_> = ids
            .iter()
            .map(|id| e.view().appointment(id).map(|a| a.map(|a| a.id.clone())))
            .collect();
        // Every lookup either finds the right appointment or fails; never another.
        for (id, found) in ids.iter().zip(&lookups) {
            if let Ok(Some(found)) = found {
                assert_eq!(found, id);
            }
        }
        assert!(lookups.iter().any(|l| l.is_err()), "{lookups:?}");
        assert_eq!(e.load_all().unwrap_err().code(), ErrorCode::InvalidSnapshot);
        assert!(e.remove_appointment("nobody").is_err());
    }
}
