//! Reconciliation: the plan that brings the slots a host has stored in line with the
//! slots the schedules generate over a window (docs/semantics.md, "Reconciliation").
//!
//! The desired slots are every slot with start in the window, full and overbooked
//! ones included (an availability query with `seats: 0`). A stored slot is matched
//! by key; one that is no longer desired is deleted unless a seat-holding
//! appointment of its schedule overlaps it, in which case it is a conflict and is
//! never deleted. Stored slots starting outside the window are ignored.
//!
//! A stored slot of a schedule the engine does not hold is not desired: it is
//! deleted, as the engine holds no appointment of an unknown schedule (removing a
//! schedule removes its appointments). A host that spreads its schedules over
//! several engines passes each engine only the slots of its own schedules.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::engine::{too_many_slots, Engine, Query};
use crate::error::{Error, Result};
use crate::interval::Span;
use crate::slots::{slot_key, Slot};
use crate::time::{serde_forms, Instant};

/// A slot as the host stored it: `{key, schedule, start, end, capacity}`. Other
/// fields (`booked`, `remaining`, the host's own) are ignored, so slots of an
/// answer can be passed back as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExistingSlot {
    /// `{schedule}@{start as RFC 3339 UTC}`.
    pub key: String,
    /// The schedule's id.
    pub schedule: String,
    /// First instant of the slot.
    #[serde(with = "serde_forms::instant")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Instant"))]
    pub start: Instant,
    /// First instant after the slot.
    #[serde(with = "serde_forms::instant")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::schema::Instant"))]
    pub end: Instant,
    /// Seats the host offers in it.
    pub capacity: u32,
}

impl From<&Slot> for ExistingSlot {
    fn from(slot: &Slot) -> Self {
        ExistingSlot {
            key: slot.key(),
            schedule: slot.schedule.to_string(),
            start: slot.start,
            end: slot.end,
            capacity: slot.capacity,
        }
    }
}

/// A stored slot whose end or capacity changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlotUpdate {
    /// The slot's key (the same before and after).
    pub key: String,
    /// As stored.
    pub before: ExistingSlot,
    /// As generated.
    pub after: Slot,
}

/// A stored slot that is no longer generated but holds appointments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The slot's key.
    pub key: String,
    /// Ids of the seat-holding appointments of its schedule that overlap it, in
    /// order of start.
    pub appointments: Vec<String>,
}

/// What to do to the stored slots. Every list is ordered by (start, schedule id).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// Generated slots the host does not have.
    pub create: Vec<Slot>,
    /// Stored slots whose end or capacity differ from the generated ones.
    pub update: Vec<SlotUpdate>,
    /// Keys of stored slots no longer generated and holding no appointment.
    pub delete: Vec<String>,
    /// Stored slots no longer generated that hold appointments: never deleted; they
    /// are listed again on every reconciliation until the host resolves them.
    pub conflicts: Vec<Conflict>,
    /// Stored slots that match the generated ones.
    pub unchanged: usize,
}

impl Plan {
    /// Whether the plan changes anything (creates, updates or deletes); conflicts
    /// change nothing.
    pub fn has_changes(&self) -> bool {
        !(self.create.is_empty() && self.update.is_empty() && self.delete.is_empty())
    }

    /// `existing` with the plan applied, as a host would store it: updates replace,
    /// deletes remove, creates are added; conflicts stay. Ordered by (start, schedule).
    pub fn apply_to(&self, existing: &[ExistingSlot]) -> Vec<ExistingSlot> {
        let mut by_key: BTreeMap<(Instant, &str), ExistingSlot> = existing
            .iter()
            .map(|s| ((s.start, s.schedule.as_str()), s.clone()))
            .collect();
        let deleted: HashSet<&str> = self.delete.iter().map(String::as_str).collect();
        by_key.retain(|_, s| !deleted.contains(s.key.as_str()));
        for slot in self
            .create
            .iter()
            .chain(self.update.iter().map(|u| &u.after))
        {
            by_key.insert((slot.start, &slot.schedule), ExistingSlot::from(slot));
        }
        by_key.into_values().collect()
    }
}

/// The plan of one schedule, each list in order of start.
#[derive(Default)]
struct Part<'a> {
    create: Vec<Slot>,
    update: Vec<SlotUpdate>,
    delete: Vec<&'a ExistingSlot>,
    conflicts: Vec<(&'a ExistingSlot, Vec<String>)>,
    unchanged: usize,
}

/// Check the stored slots: keys that belong to their schedule and start, ends after
/// starts, no key twice. Errors name the entry (`existing[3].key`).
fn check(existing: &[ExistingSlot]) -> Result<()> {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(existing.len());
    for (i, slot) in existing.iter().enumerate() {
        let at = |field: &str| format!("existing[{i}].{field}");
        let expected = slot_key(&slot.schedule, slot.start);
        if slot.key != expected {
            return Err(Error::invalid_input(format!(
                "`{}` is not the key of its schedule and start (`{expected}`)",
                slot.key
            ))
            .at(&at("key")));
        }
        if slot.end <= slot.start {
            return Err(Error::invalid_input("must be after `start`").at(&at("end")));
        }
        if let Some(first) = seen.insert(&slot.key, i) {
            return Err(Error::invalid_input(format!(
                "`{}` is already the key of existing[{first}]: a key may appear once",
                slot.key
            ))
            .at(&at("key")));
        }
    }
    Ok(())
}

/// The plan for `[from, to)` (see the module documentation). Errors: the window
/// (`invalid_window` at `to`), a stored slot (`invalid_input` at `existing[i]...`),
/// `limit_exceeded` when more than `limits.max_slots` slots are desired.
pub(crate) fn reconcile(
    engine: &Engine,
    from: Instant,
    to: Instant,
    existing: &[ExistingSlot],
) -> Result<Plan> {
    Query::new(from, to).validate(engine.limits())?;
    check(existing)?;
    let mut stored: BTreeMap<&str, Vec<&ExistingSlot>> = BTreeMap::new();
    for slot in existing.iter().filter(|s| (from..to).contains(&s.start)) {
        stored.entry(slot.schedule.as_str()).or_default().push(slot);
    }
    for list in stored.values_mut() {
        list.sort_unstable_by_key(|s| s.start);
    }
    // In byte-wise order, as the engine keeps them.
    let ids: Vec<&str> = engine.schedule_ids().collect();
    let parts = engine.each(&ids, |&id| {
        let mine = stored.get(id).map_or(&[][..], Vec::as_slice);
        plan_schedule(engine, id, from, to, mine)
    })?;
    let desired: usize = parts
        .iter()
        .map(|p| p.create.len() + p.update.len() + p.unchanged)
        .sum();
    if desired > engine.limits().max_slots {
        return Err(too_many_slots(engine.limits()));
    }
    let mut plan = Plan::default();
    let mut delete = Vec::new();
    let mut conflicts = Vec::new();
    for part in parts {
        plan.create.extend(part.create);
        plan.update.extend(part.update);
        delete.extend(part.delete);
        conflicts.extend(part.conflicts);
        plan.unchanged += part.unchanged;
    }
    // Stored slots of schedules the engine does not hold: nothing generates them and
    // no appointment can hold them.
    for (schedule, list) in &stored {
        if ids.binary_search(schedule).is_err() {
            delete.extend(list.iter().copied());
        }
    }
    plan.create
        .sort_by(|a, b| (a.start, &*a.schedule).cmp(&(b.start, &*b.schedule)));
    plan.update.sort_by(|a, b| {
        (a.after.start, &*a.after.schedule).cmp(&(b.after.start, &*b.after.schedule))
    });
    delete.sort_by(|a, b| (a.start, &a.schedule).cmp(&(b.start, &b.schedule)));
    conflicts.sort_by(|a, b| (a.0.start, &a.0.schedule).cmp(&(b.0.start, &b.0.schedule)));
    plan.delete = delete.into_iter().map(|s| s.key.clone()).collect();
    plan.conflicts = conflicts
        .into_iter()
        .map(|(s, appointments)| Conflict {
            key: s.key.clone(),
            appointments,
        })
        .collect();
    Ok(plan)
}

/// One schedule's part: its desired slots against its stored ones (sorted by start).
fn plan_schedule<'a>(
    engine: &Engine,
    id: &str,
    from: Instant,
    to: Instant,
    stored: &[&'a ExistingSlot],
) -> Result<Part<'a>> {
    let mut part = Part::default();
    let mut desired = engine.slots_of(id, from, to, 0)?.into_iter().peekable();
    let mut stored = stored.iter().copied().peekable();
    loop {
        let generated_first = match (desired.peek(), stored.peek()) {
            (None, None) => break,
            (Some(d), Some(s)) if d.start == s.start => {
                if d.end == s.end && d.capacity == s.capacity {
                    part.unchanged += 1;
                } else {
                    part.update.push(SlotUpdate {
                        key: s.key.clone(),
                        before: (*s).clone(),
                        after: d.clone(),
                    });
                }
                desired.next();
                stored.next();
                continue;
            }
            (Some(d), Some(s)) => d.start < s.start,
            (Some(_), None) => true,
            (None, Some(_)) => false,
        };
        if generated_first {
            part.create.extend(desired.next());
        } else if let Some(s) = stored.next() {
            let holders: Vec<String> = engine
                .parts(id)?
                .1
                .overlapping(Span::new(s.start, s.end))
                .map(|h| h.id.clone())
                .collect();
            if holders.is_empty() {
                part.delete.push(s);
            } else {
                part.conflicts.push((s, holders));
            }
        }
    }
    Ok(part)
}
