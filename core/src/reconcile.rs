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
//!
//! The plan is produced as a stream of [`PlanItem`]s in order of (start, schedule
//! id): the desired slots (streamed, see [`crate::SlotStream`]) are merged with the
//! stored ones sorted the same way, so memory holds the stored list and one span of
//! desired slots, never the plan. [`crate::Engine::reconcile`] collects the stream
//! into a [`Plan`].

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::availability::SlotStream;
use crate::error::{Error, Result};
use crate::interval::Span;
use crate::limits::too_many_slots;
use crate::query::Query;
use crate::slots::{slot_key, Slot};
use crate::state::View;
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

/// One step of a plan, as [`crate::Engine::reconcile_each`] hands them out: every
/// step in order of (start, schedule id), whatever its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum PlanItem {
    /// A generated slot the host does not have.
    Create {
        /// The slot.
        slot: Slot,
    },
    /// A stored slot whose end or capacity differ from the generated one.
    Update(SlotUpdate),
    /// The key of a stored slot no longer generated and holding no appointment.
    Delete {
        /// The slot's key.
        key: String,
    },
    /// A stored slot no longer generated that holds appointments.
    Conflict(Conflict),
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

/// The plan for `[from, to)` step by step (see the module documentation), given to
/// `step` in order of (start, schedule id); returns how many stored slots are
/// unchanged. Errors: the window (`invalid_window` at `to`), a stored slot
/// (`invalid_input` at `existing[i]...`), both before the first step; and whatever
/// `step` returns, which ends the walk. Not held to `limits.max_slots`.
pub(crate) fn reconcile_each(
    view: View<'_>,
    from: Instant,
    to: Instant,
    existing: &[ExistingSlot],
    mut step: impl FnMut(PlanItem) -> Result<()>,
) -> Result<usize> {
    Query::new(from, to).validate(view.limits())?;
    check(existing)?;
    let mut stored: Vec<&ExistingSlot> = existing
        .iter()
        .filter(|s| (from..to).contains(&s.start))
        .collect();
    stored.sort_unstable_by(|a, b| (a.start, &a.schedule).cmp(&(b.start, &b.schedule)));
    let mut stored = stored.into_iter().peekable();
    let mut query = Query::new(from, to);
    query.seats = 0;
    let mut desired = SlotStream::new(view, &query)?.peekable();
    let mut unchanged = 0;
    loop {
        let generated_first = match (desired.peek(), stored.peek()) {
            (None, None) => break,
            (Some(d), Some(s)) if d.start == s.start && *d.schedule == *s.schedule => {
                if d.end == s.end && d.capacity == s.capacity {
                    unchanged += 1;
                    desired.next();
                } else if let Some(after) = desired.next() {
                    step(PlanItem::Update(SlotUpdate {
                        key: s.key.clone(),
                        before: (*s).clone(),
                        after,
                    }))?;
                }
                stored.next();
                continue;
            }
            (Some(d), Some(s)) => (d.start, &*d.schedule) < (s.start, s.schedule.as_str()),
            (Some(_), None) => true,
            (None, Some(_)) => false,
        };
        if generated_first {
            if let Some(slot) = desired.next() {
                step(PlanItem::Create { slot })?;
            }
        } else if let Some(s) = stored.next() {
            // A schedule the engine does not hold has no appointment.
            let holders: Vec<String> = if view.has_schedule(&s.schedule) {
                view.entry(&s.schedule)?
                    .index
                    .overlapping(Span::new(s.start, s.end))
                    .map(|h| h.id.clone())
                    .collect()
            } else {
                Vec::new()
            };
            step(if holders.is_empty() {
                PlanItem::Delete { key: s.key.clone() }
            } else {
                PlanItem::Conflict(Conflict {
                    key: s.key.clone(),
                    appointments: holders,
                })
            })?;
        }
    }
    Ok(unchanged)
}

/// The whole plan for `[from, to)`. Errors: those of [`reconcile_each`], and
/// `limit_exceeded` when more than `limits.max_slots` slots are desired.
pub(crate) fn reconcile(
    view: View<'_>,
    from: Instant,
    to: Instant,
    existing: &[ExistingSlot],
) -> Result<Plan> {
    let limits = view.limits();
    let mut plan = Plan::default();
    let mut desired = 0usize;
    plan.unchanged = reconcile_each(view, from, to, existing, |item| {
        match item {
            PlanItem::Create { slot } => {
                desired += 1;
                plan.create.push(slot);
            }
            PlanItem::Update(update) => {
                desired += 1;
                plan.update.push(update);
            }
            PlanItem::Delete { key } => plan.delete.push(key),
            PlanItem::Conflict(conflict) => plan.conflicts.push(conflict),
        }
        if desired > limits.max_slots {
            return Err(too_many_slots(limits));
        }
        Ok(())
    })?;
    if desired.saturating_add(plan.unchanged) > limits.max_slots {
        return Err(too_many_slots(limits));
    }
    Ok(plan)
}
