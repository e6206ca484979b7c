//! The engine: schedules and appointments held together, and the questions asked of
//! them (availability, check_booking, explain).
//!
//! Every question walks the same path: a schedule's merged windows, the slot grid
//! carved from them, exclusions marked, capacity swept over the appointment index
//! ([`Engine::slots_of`] and the private `walk`). Listing and validating therefore
//! cannot disagree.
//!
//! Every mutating call validates everything first and changes nothing on error.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::capacity::{Appointment, AppointmentIndex, Hold, Occupancy};
use crate::error::{Error, ErrorCode, Result};
use crate::interval::Span;
use crate::limits::{exceeded, Limits};
use crate::reconcile::{ExistingSlot, Plan};
use crate::report::{Bucket, ReportRow};
use crate::rrule::check_window;
use crate::schedule::{CompiledSchedule, ExclusionKind, Schedule};
use crate::slots::{carve, merge_chunks, Availability, Chunks, Row, Slot, SlotSource};
use crate::snapshot::{Block, Lazy};
use crate::time::{check_instant, format_instant, serde_forms, Instant};

fn one() -> u32 {
    1
}

/// An availability query (docs/reference.md, docs/semantics.md "Queries").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// Slots start at or after this instant.
    #[serde(with = "serde_forms::window_edge")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Instant"))]
    pub from: Instant,
    /// Slots start before this instant.
    #[serde(with = "serde_forms::window_edge")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Instant"))]
    pub to: Instant,
    /// Seats a slot must have free (default 1; 0 lists every slot, full ones too).
    #[serde(default = "one")]
    pub seats: u32,
    /// The present; with it, slots start no earlier than `now + min_notice` and no
    /// later than `now + max_advance`.
    #[serde(
        default,
        with = "serde_forms::opt_instant",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::time::schema::Instant>")
    )]
    pub now: Option<Instant>,
    /// Least time between `now` and a slot's start (ISO 8601 in JSON, seconds in Rust;
    /// default 0).
    #[serde(default, with = "serde_forms::duration")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Duration"))]
    pub min_notice: i64,
    /// Most time between `now` and a slot's start (ISO 8601 in JSON, seconds in Rust;
    /// default: no limit).
    #[serde(
        default,
        with = "serde_forms::opt_duration",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::time::schema::Duration>")
    )]
    pub max_advance: Option<i64>,
    /// Only these schedules (default: all), for re-asking one schedule after it
    /// changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedules: Option<Vec<String>>,
}

impl Query {
    /// All schedules, one seat, no notice rules.
    pub fn new(from: Instant, to: Instant) -> Query {
        Query {
            from,
            to,
            seats: 1,
            now: None,
            min_notice: 0,
            max_advance: None,
            schedules: None,
        }
    }

    /// The notice rules of this query.
    pub fn rules(&self) -> BookingRules {
        BookingRules {
            now: self.now,
            min_notice: self.min_notice,
            max_advance: self.max_advance,
        }
    }

    /// Check the window and durations; errors name the field (`to`, `min_notice`).
    /// The window follows [`check_window`]: empty, reversed or out of the years 0001
    /// to 9999 is `invalid_window`, longer than `limits.max_window_seconds` is
    /// `limit_exceeded`.
    pub fn validate(&self, limits: &Limits) -> Result<()> {
        check_instant(self.from)
            .map_err(|e| Error::new(ErrorCode::InvalidWindow, e.detail()).at("from"))?;
        check_window(self.from, self.to, limits).map_err(|e| e.at("to"))?;
        if let Some(now) = self.now {
            check_instant(now).map_err(|e| e.at("now"))?;
        }
        self.rules().validate()
    }
}

/// When a booking may be made, relative to the present.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BookingRules {
    /// The present; without it the other two are ignored.
    #[serde(
        default,
        with = "serde_forms::opt_instant",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::time::schema::Instant>")
    )]
    pub now: Option<Instant>,
    /// Least time between `now` and a start (ISO 8601 in JSON, seconds in Rust).
    #[serde(default, with = "serde_forms::duration")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Duration"))]
    pub min_notice: i64,
    /// Most time between `now` and a start (ISO 8601 in JSON, seconds in Rust).
    #[serde(
        default,
        with = "serde_forms::opt_duration",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::time::schema::Duration>")
    )]
    pub max_advance: Option<i64>,
}

impl BookingRules {
    /// Check the durations; errors name the field.
    pub fn validate(&self) -> Result<()> {
        if self.min_notice < 0 {
            return Err(Error::invalid_input("must not be negative").at("min_notice"));
        }
        if self.max_advance.is_some_and(|d| d < 0) {
            return Err(Error::invalid_input("must not be negative").at("max_advance"));
        }
        Ok(())
    }

    /// The earliest allowed start, if any.
    fn earliest(&self) -> Option<Instant> {
        self.now.map(|now| now.saturating_add(self.min_notice))
    }

    /// The latest allowed start, if any.
    fn latest(&self) -> Option<Instant> {
        self.now
            .zip(self.max_advance)
            .map(|(now, d)| now.saturating_add(d))
    }
}

/// A span of instants in JSON form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// First instant.
    #[serde(with = "serde_forms::instant")]
    pub start: Instant,
    /// First instant after.
    #[serde(with = "serde_forms::instant")]
    pub end: Instant,
}

impl From<Span> for Window {
    fn from(s: Span) -> Window {
        Window {
            start: s.start,
            end: s.end,
        }
    }
}

/// An exclusion of a schedule that a slot or instant runs into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionHit {
    /// Its index in the schedule's `exclusions`.
    pub index: usize,
    /// `day` or `range`.
    pub kind: ExclusionKind,
    /// The instants it covers.
    #[serde(with = "serde_forms::instant")]
    pub from: Instant,
    /// The first instant after it.
    #[serde(with = "serde_forms::instant")]
    pub to: Instant,
    /// Its `reason`, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Why a booking does not fit. JSON: `{"code": "full", ...fields}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// No availability window holds the booking's span.
    OutsideAvailability,
    /// Inside a window, but not one of the grid's slots (start or end off the grid).
    NotASlot,
    /// The slot overlaps an exclusion.
    Excluded(ExclusionHit),
    /// Fewer seats remain than asked for.
    Full {
        /// Seats the slot offers.
        capacity: u32,
        /// Peak seats held.
        booked: u32,
        /// Seats left.
        remaining: u32,
        /// Seat-holding appointments in the slot's blocked span.
        appointments: Vec<String>,
    },
    /// More seats are held than the slot offers.
    Overbooked {
        /// Seats the slot offers.
        capacity: u32,
        /// Peak seats held.
        booked: u32,
        /// Seat-holding appointments in the slot's blocked span.
        appointments: Vec<String>,
    },
    /// The slot itself has room, but appointments inside its buffers take the seats.
    InBuffer {
        /// Seat-holding appointments in the buffers and not in the slot.
        appointments: Vec<String>,
    },
    /// Starts before `now + min_notice`.
    BeforeMinimumNotice {
        /// The earliest start allowed.
        #[serde(with = "serde_forms::instant")]
        earliest: Instant,
    },
    /// Starts after `now + max_advance`.
    AfterMaximumAdvance {
        /// The latest start allowed.
        #[serde(with = "serde_forms::instant")]
        latest: Instant,
    },
}

/// The answer of [`Engine::check_booking`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookingCheck {
    /// Whether the appointment fits (no reasons).
    pub fits: bool,
    /// The slot starting at the appointment's start, if the grid has one.
    pub slot: Option<Slot>,
    /// Every reason it does not fit.
    pub reasons: Vec<Reason>,
}

/// A slot and why it can or cannot take one more seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlotVerdict {
    /// The slot.
    pub slot: Slot,
    /// Empty when it can take one more seat.
    pub reasons: Vec<Reason>,
}

/// The answer of [`Engine::explain`]: what the engine sees at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The schedule's id.
    pub schedule: String,
    /// The instant asked about.
    #[serde(with = "serde_forms::instant")]
    pub instant: Instant,
    /// The instant in the schedule's zone (`2026-03-02T09:00:00-03:00`).
    pub local_time: String,
    /// Whether a slot holding the instant can take one more seat.
    pub bookable: bool,
    /// The merged availability window holding the instant, if any.
    pub window: Option<Window>,
    /// The exclusions holding the instant.
    pub exclusions: Vec<ExclusionHit>,
    /// Every grid slot holding the instant (several when `step < duration`).
    pub slots: Vec<SlotVerdict>,
    /// One line for people.
    pub summary: String,
}

/// A schedule as the engine holds it: the input, its compiled form and its
/// appointment index.
#[derive(Debug, Clone)]
struct Entry {
    id: Arc<str>,
    input: Schedule,
    compiled: CompiledSchedule,
    index: AppointmentIndex,
}

impl Entry {
    /// A schedule's entry from its snapshot block, validated as `add_schedule` and
    /// `add_appointment` would.
    fn build(block: Option<&Block>) -> Result<Entry> {
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

    fn source(&self) -> SlotSource {
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
struct Cell {
    entry: Lazy<Entry>,
    block: Option<Block>,
}

impl Cell {
    fn ready(entry: Entry) -> Cell {
        Cell {
            entry: Lazy::ready(entry),
            block: None,
        }
    }

    fn get(&self) -> Result<&Entry> {
        self.entry.get(|| Entry::build(self.block.as_ref()))
    }

    fn get_mut(&mut self) -> Result<&mut Entry> {
        self.entry.get_mut(|| Entry::build(self.block.as_ref()))
    }
}

/// A schedule's grid over a window: its merged windows and the occupancy by its
/// appointments, from [`Engine::walk`].
struct Walk<'a> {
    entry: &'a Entry,
    runs: Vec<Span>,
    occupancy: Occupancy,
    lo: Instant,
    hi: Instant,
}

impl Walk<'_> {
    /// Every grid position in order, with its exclusion and capacity state.
    fn visit(&self, mut f: impl FnMut(Position) -> Result<()>) -> Result<()> {
        let grid = self.entry.compiled.grid();
        let (before, after) = (
            grid.buffer_before,
            grid.duration.saturating_add(grid.buffer_after),
        );
        let mut peaks = self.occupancy.peaks();
        carve(
            &self.runs,
            self.entry.compiled.excluded(),
            grid.duration,
            grid.step,
            self.lo,
            self.hi,
            |start, excluded| {
                f(Position {
                    start,
                    end: start + grid.duration,
                    excluded,
                    booked: peaks.peak(Span::new(
                        start.saturating_sub(before),
                        start.saturating_add(after),
                    )),
                })
            },
        )
    }
}

/// A grid position with its capacity state: what [`Walk::visit`] yields.
#[derive(Debug, Clone, Copy)]
struct Position {
    start: Instant,
    end: Instant,
    excluded: bool,
    booked: u32,
}

/// The scheduling engine: schedules, appointments, and queries over them.
///
/// An engine opened from a snapshot builds each schedule the first time a call needs
/// it, and its appointments by id the first time a call needs those
/// ([`crate::snapshot`]).
#[derive(Debug, Clone)]
pub struct Engine {
    limits: Limits,
    parallel: bool,
    schedules: BTreeMap<String, Cell>,
    /// Every appointment by id; built on first use after opening a snapshot.
    appointments: Lazy<BTreeMap<String, Appointment>>,
    /// The blocks of the snapshot the engine was opened from, if any.
    blocks: Arc<[Block]>,
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
            limits,
            parallel: true,
            schedules: BTreeMap::new(),
            appointments: Lazy::ready(BTreeMap::new()),
            blocks: Arc::new([]),
        }
    }

    /// An engine over the blocks of an opened snapshot, each built on first use.
    pub(crate) fn opened(limits: Limits, blocks: Vec<Block>) -> Engine {
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
        Engine {
            limits,
            parallel: true,
            schedules,
            appointments: Lazy::pending(),
            blocks: blocks.into(),
        }
    }

    /// Every appointment by id (built from the snapshot on first use).
    pub(crate) fn all_appointments(&self) -> Result<&BTreeMap<String, Appointment>> {
        self.appointments
            .get(|| crate::snapshot::all_appointments(&self.blocks))
    }

    fn all_appointments_mut(&mut self) -> Result<&mut BTreeMap<String, Appointment>> {
        let blocks = Arc::clone(&self.blocks);
        self.appointments
            .get_mut(|| crate::snapshot::all_appointments(&blocks))
    }

    /// A schedule as given, without building it when it is still in a snapshot.
    pub(crate) fn stored_schedule(&self, id: &str) -> Result<Cow<'_, Schedule>> {
        let cell = self
            .schedules
            .get(id)
            .ok_or_else(|| unknown_schedule(id).at("schedule"))?;
        match &cell.block {
            Some(block) if !cell.entry.is_built() => Ok(Cow::Owned(block.decode(|_| ())?)),
            _ => Ok(Cow::Borrowed(&cell.get()?.input)),
        }
    }

    /// Build every part of the snapshot the engine was opened from that is not built
    /// yet, validating it; the first failure is returned. After it succeeds no call
    /// fails with `invalid_snapshot`. Engines not opened from a snapshot have
    /// nothing to build.
    pub fn load_all(&self) -> Result<()> {
        let cells: Vec<&Cell> = self.schedules.values().collect();
        self.each(&cells, |cell| cell.get().map(|_| ()))?;
        self.all_appointments().map(|_| ())
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
        &self.limits
    }

    /// Spread queries over schedules on rayon's pool (the default where the
    /// `parallel` feature is on), or run them on the calling thread. The answers are
    /// the same either way.
    pub fn set_parallel(&mut self, on: bool) {
        self.parallel = on;
    }

    /// Whether queries run in parallel.
    pub fn parallel(&self) -> bool {
        self.parallel && cfg!(all(feature = "parallel", not(target_arch = "wasm32")))
    }

    /// A schedule by id, as it was given.
    /// On an engine opened from a snapshot, a schedule whose part fails to build is
    /// `None` here and `invalid_snapshot` in the calls that can fail.
    pub fn schedule(&self, id: &str) -> Option<&Schedule> {
        self.schedules.get(id)?.get().ok().map(|e| &e.input)
    }

    /// A schedule's compiled form.
    pub fn compiled_schedule(&self, id: &str) -> Option<&CompiledSchedule> {
        self.schedules.get(id)?.get().ok().map(|e| &e.compiled)
    }

    /// Every schedule, by id.
    pub fn schedules(&self) -> impl Iterator<Item = &Schedule> {
        self.schedules
            .values()
            .filter_map(|c| c.get().ok())
            .map(|e| &e.input)
    }

    /// An appointment by id.
    /// On an engine opened from a snapshot whose appointments fail to build, `None`.
    pub fn appointment(&self, id: &str) -> Option<&Appointment> {
        self.all_appointments().ok()?.get(id)
    }

    /// The ids of every schedule, in byte-wise order.
    pub fn schedule_ids(&self) -> impl Iterator<Item = &str> {
        self.schedules.keys().map(String::as_str)
    }

    /// A schedule's compiled form and the index of its seat-holding appointments.
    pub(crate) fn parts(
        &self,
        schedule_id: &str,
    ) -> Result<(&CompiledSchedule, &AppointmentIndex)> {
        let entry = self.entry(schedule_id)?;
        Ok((&entry.compiled, &entry.index))
    }

    /// The plan that brings a host's stored slots in line with the slots generated
    /// with start in `[from, to)`; see [`crate::reconcile`]. Errors: the window
    /// (`to`), a stored slot (`existing[i].key`, `existing[i].end`), `limit_exceeded`.
    pub fn reconcile(&self, from: Instant, to: Instant, existing: &[ExistingSlot]) -> Result<Plan> {
        crate::reconcile::reconcile(self, from, to, existing)
    }

    /// Offered and booked seat-minutes, utilization and appointment outcomes per
    /// schedule and per `bucket` over `[from, to)`; see [`crate::report`]. Errors: the
    /// window (`to`), `limit_exceeded`.
    pub fn report(&self, from: Instant, to: Instant, bucket: Bucket) -> Result<Vec<ReportRow>> {
        crate::report::report(self, from, to, bucket)
    }

    /// Every appointment, by id.
    /// On an engine opened from a snapshot whose appointments fail to build, none.
    pub fn appointments(&self) -> impl Iterator<Item = &Appointment> {
        self.all_appointments()
            .ok()
            .into_iter()
            .flat_map(BTreeMap::values)
    }

    /// Add a schedule. Errors: its validation (`slot.step`...), `duplicate_id` (`id`).
    pub fn add_schedule(&mut self, schedule: Schedule) -> Result<()> {
        if self.schedules.contains_key(&schedule.id) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("a schedule `{}` already exists", schedule.id),
            )
            .at("id"));
        }
        if self.schedules.len() >= self.limits.max_schedules {
            return Err(exceeded(
                "max_schedules",
                format!(
                    "the engine already holds {} schedules",
                    self.schedules.len()
                ),
            ));
        }
        let compiled = schedule.compile(&self.limits)?;
        self.schedules.insert(
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
        let compiled = schedule.compile(&self.limits)?;
        let entry = self
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
        if !self.schedules.contains_key(id) {
            return Err(unknown_schedule(id).at("id"));
        }
        self.all_appointments_mut()?.retain(|_, a| a.schedule != id);
        self.schedules.remove(id);
        Ok(())
    }

    /// Add an appointment; it need not fit (hosts record what exists; overbooking
    /// stays visible). Errors: its validation, `unknown_schedule` (`schedule`),
    /// `duplicate_id` (`id`).
    pub fn add_appointment(&mut self, appointment: Appointment) -> Result<()> {
        appointment.validate()?;
        let all = self.all_appointments()?;
        if all.contains_key(&appointment.id) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("an appointment `{}` already exists", appointment.id),
            )
            .at("id"));
        }
        if all.len() >= self.limits.max_appointments {
            return Err(exceeded(
                "max_appointments",
                format!("the engine already holds {} appointments", all.len()),
            ));
        }
        self.entry_mut(&appointment.schedule)?
            .index
            .insert(&appointment);
        self.all_appointments_mut()?
            .insert(appointment.id.clone(), appointment);
        Ok(())
    }

    /// Replace the appointment with the same id (to move, resize or cancel it).
    pub fn update_appointment(&mut self, appointment: Appointment) -> Result<()> {
        appointment.validate()?;
        self.entry_mut(&appointment.schedule)?;
        let old = self
            .all_appointments()?
            .get(&appointment.id)
            .ok_or_else(|| unknown_appointment(&appointment.id))?
            .clone();
        self.entry_mut(&old.schedule)?.index.remove(&old);
        self.entry_mut(&appointment.schedule)?
            .index
            .insert(&appointment);
        self.all_appointments_mut()?
            .insert(appointment.id.clone(), appointment);
        Ok(())
    }

    /// Remove an appointment.
    pub fn remove_appointment(&mut self, id: &str) -> Result<()> {
        let old = self
            .all_appointments()?
            .get(id)
            .ok_or_else(|| unknown_appointment(id))?
            .clone();
        self.entry_mut(&old.schedule)?.index.remove(&old);
        self.all_appointments_mut()?.remove(id);
        Ok(())
    }

    fn entry(&self, id: &str) -> Result<&Entry> {
        self.schedules
            .get(id)
            .ok_or_else(|| unknown_schedule(id).at("schedule"))?
            .get()
    }

    fn entry_mut(&mut self, id: &str) -> Result<&mut Entry> {
        self.schedules
            .get_mut(id)
            .ok_or_else(|| unknown_schedule(id).at("schedule"))?
            .get_mut()
    }

    /// The slots with start in `[from, to)` and at least `seats` free (`0`: every
    /// slot, full and overbooked ones too), ordered by (start, schedule id); ids
    /// compare byte-wise.
    /// Errors name the query's field (`to`, `schedules[0]`).
    pub fn availability(&self, query: &Query) -> Result<Availability> {
        query.validate(&self.limits)?;
        let cells: Vec<&Cell> = match &query.schedules {
            None => self.schedules.values().collect(),
            Some(ids) => {
                let mut picked = BTreeMap::new();
                for (i, id) in ids.iter().enumerate() {
                    let cell = self
                        .schedules
                        .get(id)
                        .ok_or_else(|| unknown_schedule(id).at_index("schedules", i))?;
                    picked.insert(id.as_str(), cell);
                }
                picked.into_values().collect()
            }
        };
        // Schedules still in a snapshot are built here, in parallel.
        let entries: Vec<&Entry> = self.each(&cells, |cell| cell.get())?;
        let rules = query.rules();
        let lo = rules.earliest().map_or(query.from, |t| t.max(query.from));
        let hi = rules
            .latest()
            .map_or(query.to, |t| t.saturating_add(1).min(query.to));
        if hi <= lo {
            return Ok(Availability::default());
        }
        let indexed: Vec<(u32, &Entry)> = (0u32..).zip(entries.iter().copied()).collect();
        // Each group of consecutive schedules fills its own chunk collector.
        let estimate = indexed
            .iter()
            .map(|(_, e)| grid_bound(e, lo, hi))
            .fold(0, usize::saturating_add);
        let groups: Vec<&[(u32, &Entry)]> =
            indexed.chunks(self.group_size(indexed.len())).collect();
        let parts = self.each(&groups, |group| {
            let mut chunks = Chunks::new(lo, hi, estimate);
            for &(rank, entry) in group.iter() {
                self.rows_into(entry, rank, lo, hi, query.seats, &mut chunks)?;
            }
            Ok(chunks)
        })?;
        let total: usize = parts.iter().map(Chunks::len).sum();
        if total > self.limits.max_slots {
            return Err(too_many_slots(&self.limits));
        }
        Ok(Availability::new(
            entries.iter().map(|e| e.source()).collect(),
            merge_chunks(parts),
        ))
    }

    /// One schedule's slots with start in `[from, to)` and at least `seats` free
    /// (`0`: every slot, full ones too), in order of start; no notice rules apply.
    /// The building block of reconciliation (the desired slots of a window).
    pub fn slots_of(
        &self,
        schedule_id: &str,
        from: Instant,
        to: Instant,
        seats: u32,
    ) -> Result<Vec<Slot>> {
        Query::new(from, to).validate(&self.limits)?;
        let entry = self.entry(schedule_id)?;
        let mut chunks = Chunks::new(from, to, 0);
        self.rows_into(entry, 0, from, to, seats, &mut chunks)?;
        let source = entry.source();
        Ok(merge_chunks(vec![chunks])
            .iter()
            .map(|row| source.slot(row.start, row.booked))
            .collect())
    }

    /// Add the rows of `entry`'s slots with start in `[lo, hi)` and `seats` free,
    /// tagged with `rank`.
    fn rows_into(
        &self,
        entry: &Entry,
        rank: u32,
        lo: Instant,
        hi: Instant,
        seats: u32,
        out: &mut Chunks,
    ) -> Result<()> {
        let capacity = entry.compiled.grid().capacity;
        let max = self.limits.max_slots;
        self.walk(entry, lo, hi, None)?.visit(|p| {
            if !p.excluded && capacity.saturating_sub(p.booked) >= seats {
                if out.len() >= max {
                    return Err(too_many_slots(&self.limits));
                }
                out.push(Row {
                    start: p.start,
                    schedule: rank,
                    booked: p.booked,
                });
            }
            Ok(())
        })
    }

    /// The grid of `entry` over starts in `[lo, hi)`, ready to visit; `skip` leaves
    /// one appointment out of the count. The one path all queries share.
    fn walk<'a>(
        &self,
        entry: &'a Entry,
        lo: Instant,
        hi: Instant,
        skip: Option<&str>,
    ) -> Result<Walk<'a>> {
        let grid = entry.compiled.grid();
        let runs = entry.compiled.runs(lo, hi, &self.limits)?;
        let occupancy = Occupancy::build(
            &entry.index,
            Span::new(
                lo.saturating_sub(grid.buffer_before),
                hi.saturating_add(grid.duration.saturating_add(grid.buffer_after)),
            ),
            skip,
        );
        Ok(Walk {
            entry,
            runs,
            occupancy,
            lo,
            hi,
        })
    }

    /// How many schedules fill one chunk collector: at most 128, so that its chunk
    /// vectors stay small (measured faster even on one thread), and few enough that
    /// every thread of rayon's pool gets a few groups when parallel.
    fn group_size(&self, schedules: usize) -> usize {
        #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
        let tasks = if self.parallel() {
            rayon::current_num_threads() * 4
        } else {
            1
        };
        #[cfg(not(all(feature = "parallel", not(target_arch = "wasm32"))))]
        let tasks = 1;
        schedules.div_ceil(tasks).clamp(1, 128)
    }

    /// `f` over `items`, on rayon's pool when parallel; results in order, and the first
    /// error in order either way.
    pub(crate) fn each<I: Sync, T: Send>(
        &self,
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
        appointment.validate()?;
        rules.validate()?;
        let entry = self.entry(&appointment.schedule)?;
        let start = appointment.start;
        let mut found = None;
        self.walk(entry, start, start.saturating_add(1), Some(&appointment.id))?
            .visit(|p| {
                found = Some(p);
                Ok(())
            })?;
        let mut reasons = Vec::new();
        match found {
            Some(p) if p.end == appointment.end => {
                reasons.extend(self.reasons_at(entry, &p, appointment.seats, Some(&appointment.id)))
            }
            _ => {
                let span = appointment.span();
                let runs = entry.compiled.runs(span.start, span.end, &self.limits)?;
                let inside = runs
                    .iter()
                    .any(|r| r.start <= span.start && span.end <= r.end);
                reasons.push(if inside {
                    Reason::NotASlot
                } else {
                    Reason::OutsideAvailability
                });
            }
        }
        if let Some(earliest) = rules.earliest().filter(|&t| start < t) {
            reasons.push(Reason::BeforeMinimumNotice { earliest });
        }
        if let Some(latest) = rules.latest().filter(|&t| start > t) {
            reasons.push(Reason::AfterMaximumAdvance { latest });
        }
        Ok(BookingCheck {
            fits: reasons.is_empty(),
            slot: found.map(|p| entry.source().slot(p.start, p.booked)),
            reasons,
        })
    }

    /// Why `instant` is or is not bookable in a schedule: the window and exclusions
    /// holding it, and every grid slot holding it with what stops it from taking one
    /// more seat. Notice rules play no part.
    pub fn explain(&self, schedule_id: &str, instant: Instant) -> Result<Explanation> {
        let entry = self.entry(schedule_id)?;
        check_instant(instant).map_err(|e| e.at("instant"))?;
        let compiled = &entry.compiled;
        let window = compiled
            .runs(instant, instant + 1, &self.limits)?
            .into_iter()
            .find(|r| r.contains(instant));
        let exclusions = self.exclusion_hits(entry, Span::new(instant, instant + 1));
        let mut positions = Vec::new();
        let duration = compiled.grid().duration;
        self.walk(
            entry,
            instant.saturating_sub(duration - 1),
            instant + 1,
            None,
        )?
        .visit(|p| {
            positions.push(p);
            Ok(())
        })?;
        let slots: Vec<SlotVerdict> = positions
            .iter()
            .map(|p| SlotVerdict {
                slot: entry.source().slot(p.start, p.booked),
                reasons: self.reasons_at(entry, p, 1, None),
            })
            .collect();
        let bookable = slots.iter().any(|v| v.reasons.is_empty());
        let local_time = local_rfc3339(compiled, instant);
        let summary = summarize(&local_time, window.is_some(), &exclusions, &slots);
        Ok(Explanation {
            schedule: schedule_id.to_owned(),
            instant,
            local_time,
            bookable,
            window: window.map(Window::from),
            exclusions,
            slots,
            summary,
        })
    }

    fn exclusion_hits(&self, entry: &Entry, span: Span) -> Vec<ExclusionHit> {
        entry
            .compiled
            .exclusions()
            .iter()
            .zip(&entry.input.exclusions)
            .enumerate()
            .filter(|(_, (x, _))| x.overlaps(&span))
            .map(|(index, (x, input))| ExclusionHit {
                index,
                kind: input.kind,
                from: x.start,
                to: x.end,
                reason: input.reason.clone(),
            })
            .collect()
    }

    /// What stops the grid position `p` from taking `seats` more seats.
    fn reasons_at(
        &self,
        entry: &Entry,
        p: &Position,
        seats: u32,
        skip: Option<&str>,
    ) -> Vec<Reason> {
        let own = Span::new(p.start, p.end);
        let mut reasons: Vec<Reason> = if p.excluded {
            self.exclusion_hits(entry, own)
                .into_iter()
                .map(Reason::Excluded)
                .collect()
        } else {
            Vec::new()
        };
        let grid = entry.compiled.grid();
        let remaining = grid.capacity.saturating_sub(p.booked);
        if remaining >= seats {
            return reasons;
        }
        let blocked = Span::new(
            p.start.saturating_sub(grid.buffer_before),
            p.end.saturating_add(grid.buffer_after),
        );
        let holders = |span: Span, also_own: bool| -> Vec<String> {
            entry
                .index
                .overlapping(span)
                .filter(|h| skip != Some(h.id.as_str()) && (also_own || !h.span.overlaps(&own)))
                .map(|h| h.id.clone())
                .collect()
        };
        let in_slot = Occupancy::build(&entry.index, own, skip).peaks().peak(own);
        reasons.push(if grid.capacity.saturating_sub(in_slot) >= seats {
            Reason::InBuffer {
                appointments: holders(blocked, false),
            }
        } else if p.booked > grid.capacity {
            Reason::Overbooked {
                capacity: grid.capacity,
                booked: p.booked,
                appointments: holders(blocked, true),
            }
        } else {
            Reason::Full {
                capacity: grid.capacity,
                booked: p.booked,
                remaining,
                appointments: holders(blocked, true),
            }
        });
        reasons
    }
}

/// At most how many slots `entry` has with start in `[lo, hi)`: its grid without
/// windows.
fn grid_bound(entry: &Entry, lo: Instant, hi: Instant) -> usize {
    let step = entry.compiled.grid().step;
    usize::try_from(hi.saturating_sub(lo) / step + 1).unwrap_or(usize::MAX)
}

fn unknown_schedule(id: &str) -> Error {
    Error::new(
        ErrorCode::UnknownSchedule,
        format!("no schedule has id `{id}`"),
    )
}

fn unknown_appointment(id: &str) -> Error {
    Error::invalid_input(format!("no appointment has id `{id}`")).at("id")
}

pub(crate) fn too_many_slots(limits: &Limits) -> Error {
    exceeded(
        "max_slots",
        format!("the answer has more than {} slots", limits.max_slots),
    )
}

/// `2026-03-02T09:00:00-03:00`: an instant as local time with its offset.
fn local_rfc3339(compiled: &CompiledSchedule, t: Instant) -> String {
    let zone = compiled.zone();
    let offset = zone.offset_at(t);
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.abs();
    format!(
        "{}{sign}{:02}:{:02}",
        zone.to_local(t).format("%Y-%m-%dT%H:%M:%S"),
        abs / 3600,
        abs % 3600 / 60
    )
}

fn summarize(
    local_time: &str,
    in_window: bool,
    exclusions: &[ExclusionHit],
    slots: &[SlotVerdict],
) -> String {
    if let Some(v) = slots.iter().find(|v| v.reasons.is_empty()) {
        return format!(
            "bookable: {local_time} is in slot {} with {} of {} seats free",
            v.slot.key(),
            v.slot.remaining,
            v.slot.capacity
        );
    }
    if !in_window {
        return format!("not bookable: {local_time} is outside every availability window");
    }
    match (slots.first(), exclusions.first()) {
        (Some(v), _) => format!(
            "not bookable: {local_time} is in slot {}, which is {}",
            v.slot.key(),
            v.reasons
                .iter()
                .map(describe)
                .collect::<Vec<_>>()
                .join("; ")
        ),
        (None, Some(x)) => format!("not bookable: {local_time} is {}", excluded(x)),
        (None, None) => {
            format!("not bookable: {local_time} is in a window but in no slot of its grid")
        }
    }
}

/// A reason in words, for [`Explanation::summary`].
fn describe(reason: &Reason) -> String {
    let ids = |a: &[String]| a.join(", ");
    match reason {
        Reason::OutsideAvailability => "outside every availability window".into(),
        Reason::NotASlot => "not a slot of the grid".into(),
        Reason::Excluded(x) => excluded(x),
        Reason::Full {
            capacity,
            booked,
            appointments,
            ..
        } => format!(
            "full ({booked} of {capacity} seats held by {})",
            ids(appointments)
        ),
        Reason::Overbooked {
            capacity,
            booked,
            appointments,
        } => format!(
            "overbooked ({booked} seats held of {capacity} by {})",
            ids(appointments)
        ),
        Reason::InBuffer { appointments } => format!(
            "free itself but blocked by appointments in its buffers ({})",
            ids(appointments)
        ),
        Reason::BeforeMinimumNotice { earliest } => {
            format!("too soon (earliest {})", format_instant(*earliest))
        }
        Reason::AfterMaximumAdvance { latest } => {
            format!("too far ahead (latest {})", format_instant(*latest))
        }
    }
}

fn excluded(x: &ExclusionHit) -> String {
    format!(
        "excluded ({} exclusion #{}{})",
        match x.kind {
            ExclusionKind::Day => "day",
            ExclusionKind::Range => "range",
        },
        x.index,
        x.reason
            .as_deref()
            .map(|r| format!(": {r}"))
            .unwrap_or_default()
    )
}
