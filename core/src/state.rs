//! The engine's state, the bottom layer every question reads: compiled schedules with
//! their appointment indexes, every appointment by id, and the blocks of the snapshot
//! the state was opened from (built on first use). [`State`] is owned and changed by
//! [`crate::Engine`] only; the questions read it through a [`View`], which can
//! look things up but change nothing.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use crate::capacity::{Appointment, AppointmentIndex, Hold};
use crate::error::{Error, ErrorCode, Result};
use crate::limits::Limits;
use crate::schedule::{CompiledSchedule, Schedule};
use crate::slots::SlotSource;
use crate::snapshot::Block;

/// A schedule as the engine holds it: the input, its compiled form and its
/// appointment index.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) id: Arc<str>,
    pub(crate) input: Schedule,
    pub(crate) compiled: CompiledSchedule,
    pub(crate) index: AppointmentIndex,
}

impl Entry {
    /// A schedule's entry from its snapshot block, validated as `add_schedule` and
    /// `add_appointment` would.
    pub(crate) fn build(block: Option<&Block>) -> Result<Entry> {
        let block = block
            .ok_or_else(|| Error::new(ErrorCode::InvalidSnapshot, "a schedule has no data"))?;
        let mut holds = Vec::new();
        let input = block.decode(|a| {
            if a.status.holds_seats() {
                holds.push(Hold {
                    span: a.span(),
                    seats: a.seats,
                    id: a.id,
                });
            }
        })?;
        let compiled = input.compile(block.limits()).map_err(|e| {
            Error::new(
                ErrorCode::InvalidSnapshot,
                format!("schedule `{}`: {e}", input.id),
            )
        })?;
        Ok(Entry {
            id: Arc::from(input.id.as_str()),
            input,
            compiled,
            // Decoded in order of (start, id).
            index: AppointmentIndex::from_sorted(holds),
        })
    }

    pub(crate) fn source(&self) -> SlotSource {
        let grid = self.compiled.grid();
        SlotSource {
            id: Arc::clone(&self.id),
            duration: grid.duration,
            capacity: grid.capacity,
        }
    }
}

/// A schedule of the engine: built when added, or still in the snapshot the engine
/// was opened from and built on first use.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub(crate) entry: Lazy<Entry>,
    pub(crate) block: Option<Block>,
}

impl Cell {
    pub(crate) fn ready(entry: Entry) -> Cell {
        Cell {
            entry: Lazy::ready(entry),
            block: None,
        }
    }

    pub(crate) fn get(&self) -> Result<&Entry> {
        self.entry.get(|| Entry::build(self.block.as_ref()))
    }

    pub(crate) fn get_mut(&mut self) -> Result<&mut Entry> {
        self.entry.get_mut(|| Entry::build(self.block.as_ref()))
    }
}

/// Everything the engine holds.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub(crate) limits: Limits,
    pub(crate) parallel: bool,
    /// By id, in byte-wise order.
    pub(crate) schedules: BTreeMap<String, Cell>,
    /// Every appointment by id; built on first use after opening a snapshot.
    appointments: Lazy<BTreeMap<String, Appointment>>,
    /// Changes by id made while `appointments` is not built (an opened snapshot
    /// with an id index): the appointment as it is now, or `None` once removed.
    pending: BTreeMap<String, Option<Appointment>>,
    /// How many appointments there are.
    count: usize,
    /// The blocks of the snapshot the state was opened from, if any.
    pub(crate) blocks: Arc<[Block]>,
}

impl State {
    /// An empty state.
    pub(crate) fn new(limits: Limits) -> State {
        State {
            limits,
            parallel: true,
            schedules: BTreeMap::new(),
            appointments: Lazy::ready(BTreeMap::new()),
            pending: BTreeMap::new(),
            count: 0,
            blocks: Arc::new([]),
        }
    }

    /// The state of an opened snapshot's blocks, each built on first use.
    pub(crate) fn opened(limits: Limits, blocks: Vec<Block>) -> State {
        let count = blocks.iter().map(Block::appointments).sum();
        let schedules = blocks
            .iter()
            .map(|block| {
                let cell = Cell {
                    entry: Lazy::pending(),
                    block: Some(block.clone()),
                };
                (block.id().to_owned(), cell)
            })
            .collect();
        State {
            limits,
            parallel: true,
            schedules,
            appointments: Lazy::pending(),
            pending: BTreeMap::new(),
            count,
            blocks: blocks.into(),
        }
    }

    /// The read-only view the questions get.
    pub(crate) fn view(&self) -> View<'_> {
        View { state: self }
    }

    /// Every appointment by id, to change (built from the snapshot on first use).
    pub(crate) fn all_appointments_mut(&mut self) -> Result<&mut BTreeMap<String, Appointment>> {
        let blocks = Arc::clone(&self.blocks);
        let pending = std::mem::take(&mut self.pending);
        self.appointments
            .get_mut(|| build_appointments(&blocks, &pending))
    }

    /// How many appointments there are.
    pub(crate) fn appointment_count(&self) -> usize {
        self.count
    }

    /// Record `appointment`, new or replacing the one with its id (`added`: new).
    pub(crate) fn put_appointment(&mut self, appointment: Appointment, added: bool) -> Result<()> {
        if self.appointments.is_built() {
            self.all_appointments_mut()?
                .insert(appointment.id.clone(), appointment);
        } else {
            self.pending
                .insert(appointment.id.clone(), Some(appointment));
        }
        if added {
            self.count += 1;
        }
        Ok(())
    }

    /// Forget the appointment with id `id` (which exists).
    pub(crate) fn remove_appointment(&mut self, id: &str) -> Result<()> {
        if self.appointments.is_built() {
            self.all_appointments_mut()?.remove(id);
        } else {
            self.pending.insert(id.to_owned(), None);
        }
        self.count = self.count.saturating_sub(1);
        Ok(())
    }

    /// Forget the appointments of schedule `id`.
    pub(crate) fn remove_appointments_of(&mut self, id: &str) -> Result<()> {
        let all = self.all_appointments_mut()?;
        all.retain(|_, a| a.schedule != id);
        self.count = all.len();
        Ok(())
    }

    /// A schedule's entry, to change.
    pub(crate) fn entry_mut(&mut self, id: &str) -> Result<&mut Entry> {
        self.schedules
            .get_mut(id)
            .ok_or_else(|| unknown_schedule(id).at("schedule"))?
            .get_mut()
    }
}

/// A read-only view of a [`State`]: what the questions (availability, booking
/// checks, reconcile, report) may look at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct View<'a> {
    state: &'a State,
}

impl<'a> View<'a> {
    /// The limits every call checks.
    pub(crate) fn limits(self) -> &'a Limits {
        &self.state.limits
    }

    /// Whether work is spread over rayon's pool.
    pub(crate) fn parallel(self) -> bool {
        self.state.parallel && cfg!(all(feature = "parallel", not(target_arch = "wasm32")))
    }

    /// The ids of every schedule, in byte-wise order.
    pub(crate) fn schedule_ids(self) -> impl Iterator<Item = &'a str> {
        self.state.schedules.keys().map(String::as_str)
    }

    /// Whether a schedule has this id.
    pub(crate) fn has_schedule(self, id: &str) -> bool {
        self.state.schedules.contains_key(id)
    }

    /// A schedule's entry (built from the snapshot on first use). Errors:
    /// `unknown_schedule` at `schedule`, `invalid_snapshot`.
    pub(crate) fn entry(self, id: &str) -> Result<&'a Entry> {
        self.state
            .schedules
            .get(id)
            .ok_or_else(|| unknown_schedule(id).at("schedule"))?
            .get()
    }

    /// The entries of `ids` (each once, by id; default every schedule), built in
    /// parallel when still in a snapshot. Errors: `unknown_schedule` at `schedules[i]`.
    pub(crate) fn entries(self, ids: Option<&[String]>) -> Result<Vec<&'a Entry>> {
        let cells: Vec<&Cell> = match ids {
            None => self.state.schedules.values().collect(),
            Some(ids) => {
                let mut picked = BTreeMap::new();
                for (i, id) in ids.iter().enumerate() {
                    let cell = self
                        .state
                        .schedules
                        .get(id)
                        .ok_or_else(|| unknown_schedule(id).at_index("schedules", i))?;
                    picked.insert(id.as_str(), cell);
                }
                picked.into_values().collect()
            }
        };
        self.each(&cells, |cell| cell.get())
    }

    /// Every appointment by id (built from the snapshot on first use).
    pub(crate) fn all_appointments(self) -> Result<&'a BTreeMap<String, Appointment>> {
        self.state
            .appointments
            .get(|| build_appointments(&self.state.blocks, &self.state.pending))
    }

    /// The appointment with id `id`, if any. On an opened snapshot with an id index
    /// it is looked up there (decoding only its block) until every appointment is
    /// built; otherwise every appointment is built first.
    pub(crate) fn appointment(self, id: &str) -> Result<Option<Cow<'a, Appointment>>> {
        let state = self.state;
        if !state.appointments.is_built() {
            if let Some(change) = state.pending.get(id) {
                return Ok(change.as_ref().map(Cow::Borrowed));
            }
            if let Some(found) = crate::snapshot::find(&state.blocks, id) {
                return Ok(found?.map(Cow::Owned));
            }
        }
        Ok(self.all_appointments()?.get(id).map(Cow::Borrowed))
    }

    /// A schedule as given, without building it when it is still in a snapshot.
    pub(crate) fn stored_schedule(self, id: &str) -> Result<Cow<'a, Schedule>> {
        let cell = self
            .state
            .schedules
            .get(id)
            .ok_or_else(|| unknown_schedule(id).at("schedule"))?;
        match &cell.block {
            Some(block) if !cell.entry.is_built() => Ok(Cow::Owned(block.decode(|_| ())?)),
            _ => Ok(Cow::Borrowed(&cell.get()?.input)),
        }
    }

    /// `f` over `items`, on rayon's pool when parallel; results in order, and the
    /// first error in order either way.
    pub(crate) fn each<I: Sync, T: Send>(
        self,
        items: &[I],
        f: impl Fn(&I) -> Result<T> + Sync + Send,
    ) -> Result<Vec<T>> {
        #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
        if self.parallel() && items.len() > 1 {
            use rayon::prelude::*;
            let results: Vec<Result<T>> = items.par_iter().map(&f).collect();
            return results.into_iter().collect();
        }
        items.iter().map(f).collect()
    }
}

/// Every appointment of a snapshot's blocks, with the changes made since it was
/// opened.
fn build_appointments(
    blocks: &[Block],
    pending: &BTreeMap<String, Option<Appointment>>,
) -> Result<BTreeMap<String, Appointment>> {
    let mut all = crate::snapshot::all_appointments(blocks)?;
    for (id, change) in pending {
        match change {
            Some(a) => all.insert(id.clone(), a.clone()),
            None => all.remove(id),
        };
    }
    Ok(all)
}

/// `unknown_schedule` for `id`.
pub(crate) fn unknown_schedule(id: &str) -> Error {
    Error::new(
        ErrorCode::UnknownSchedule,
        format!("no schedule has id `{id}`"),
    )
}

/// A value that is there from the start, or built on first use (from a snapshot).
/// A build that fails keeps failing with the same error.
#[derive(Debug, Clone)]
pub(crate) struct Lazy<T> {
    value: OnceLock<Result<T>>,
}

impl<T> Lazy<T> {
    /// A value there from the start.
    pub(crate) fn ready(value: T) -> Self {
        Lazy {
            value: OnceLock::from(Ok(value)),
        }
    }

    /// A value to build on first use.
    pub(crate) fn pending() -> Self {
        Lazy {
            value: OnceLock::new(),
        }
    }

    /// Whether it is built (or failed to build).
    pub(crate) fn is_built(&self) -> bool {
        self.value.get().is_some()
    }

    /// The value, built by `build` if it is not yet.
    pub(crate) fn get(&self, build: impl FnOnce() -> Result<T>) -> Result<&T> {
        self.value.get_or_init(build).as_ref().map_err(Clone::clone)
    }

    /// The value to change, built by `build` if it is not yet.
    pub(crate) fn get_mut(&mut self, build: impl FnOnce() -> Result<T>) -> Result<&mut T> {
        if self.value.get().is_none() {
            let _ = self.value.set(build());
        }
        match self.value.get_mut() {
            Some(Ok(value)) => Ok(value),
            Some(Err(e)) => Err(e.clone()),
            None => Err(Error::new(
                ErrorCode::InvalidSnapshot,
                "a part of the snapshot could not be built",
            )),
        }
    }
}
