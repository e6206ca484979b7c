//! Reconciliation: the host's stored slots in, the plan out.

use std::time::SystemTime;

use slotwise::Error;

use crate::slot::Slot;
use crate::time::{from_seconds, to_seconds};

/// A slot as the host stored it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExistingSlot {
    /// `{schedule}@{start as RFC 3339 UTC}`.
    pub key: String,
    /// The schedule's id.
    pub schedule: String,
    /// First instant of the slot.
    pub start: SystemTime,
    /// First instant after the slot.
    pub end: SystemTime,
    /// Seats the host offers in it.
    pub capacity: u32,
}

/// A stored slot whose end or capacity changed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SlotUpdate {
    /// The slot's key (the same before and after).
    pub key: String,
    /// As stored.
    pub before: ExistingSlot,
    /// As generated now.
    pub after: Slot,
}

/// A stored slot that is no longer generated but holds appointments: never deleted.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Conflict {
    /// The slot's key.
    pub key: String,
    /// The ids of the seat-holding appointments it holds.
    pub appointments: Vec<String>,
}

/// What to change in the host's stored slots so they match the generated ones.
/// Applying it and reconciling again gives an empty plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Plan {
    /// Generated slots the host does not have.
    pub create: Vec<Slot>,
    /// Stored slots whose end or capacity changed.
    pub update: Vec<SlotUpdate>,
    /// Keys of stored slots no longer generated and holding no appointment.
    pub delete: Vec<String>,
    /// Stored slots no longer generated but holding appointments.
    pub conflicts: Vec<Conflict>,
    /// How many stored slots need no change.
    pub unchanged: u64,
}

impl ExistingSlot {
    /// The core's form; conversion errors name the field (`start`).
    pub fn to_core(&self) -> Result<slotwise::ExistingSlot, Error> {
        Ok(slotwise::ExistingSlot {
            key: self.key.clone(),
            schedule: self.schedule.clone(),
            start: to_seconds(self.start, "start")?,
            end: to_seconds(self.end, "end")?,
            capacity: self.capacity,
        })
    }
}

impl From<&slotwise::ExistingSlot> for ExistingSlot {
    fn from(s: &slotwise::ExistingSlot) -> Self {
        ExistingSlot {
            key: s.key.clone(),
            schedule: s.schedule.clone(),
            start: from_seconds(s.start),
            end: from_seconds(s.end),
            capacity: s.capacity,
        }
    }
}

impl From<&slotwise::Plan> for Plan {
    fn from(p: &slotwise::Plan) -> Self {
        Plan {
            create: p.create.iter().map(Slot::from).collect(),
            update: p
                .update
                .iter()
                .map(|u| SlotUpdate {
                    key: u.key.clone(),
                    before: ExistingSlot::from(&u.before),
                    after: Slot::from(&u.after),
                })
                .collect(),
            delete: p.delete.clone(),
            conflicts: p
                .conflicts
                .iter()
                .map(|c| Conflict {
                    key: c.key.clone(),
                    appointments: c.appointments.clone(),
                })
                .collect(),
            unchanged: u64::try_from(p.unchanged).unwrap_or(u64::MAX),
        }
    }
}

impl Plan {
    /// The core's form; conversion errors name the field (`create[0].start`).
    pub fn to_core(&self) -> Result<slotwise::Plan, Error> {
        let create = self
            .create
            .iter()
            .enumerate()
            .map(|(i, s)| s.to_core().map_err(|e| e.at_index("create", i)))
            .collect::<Result<_, _>>()?;
        let update = self
            .update
            .iter()
            .enumerate()
            .map(|(i, u)| {
                Ok(slotwise::SlotUpdate {
                    key: u.key.clone(),
                    before: u.before.to_core().map_err(|e| e.at("before"))?,
                    after: u.after.to_core().map_err(|e| e.at("after"))?,
                })
                .map_err(|e: Error| e.at_index("update", i))
            })
            .collect::<Result<_, _>>()?;
        Ok(slotwise::Plan {
            create,
            update,
            delete: self.delete.clone(),
            conflicts: self
                .conflicts
                .iter()
                .map(|c| slotwise::Conflict {
                    key: c.key.clone(),
                    appointments: c.appointments.clone(),
                })
                .collect(),
            unchanged: usize::try_from(self.unchanged)
                .map_err(|_| Error::invalid_input("is too large").at("unchanged"))?,
        })
    }
}
