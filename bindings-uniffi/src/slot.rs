//! Slots, one record each or as columns.

use std::time::SystemTime;

use crate::time::from_seconds;

/// A bookable slot of a schedule.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Slot {
    /// Stable key `{schedule}@{start as RFC 3339 UTC}`, the same on every host.
    pub key: String,
    /// The schedule's id.
    pub schedule: String,
    /// First instant.
    pub start: SystemTime,
    /// First instant after the slot.
    pub end: SystemTime,
    /// Seats the slot offers.
    pub capacity: u32,
    /// Peak seats held during the slot's blocked span (buffers included).
    pub booked: u32,
    /// Seats left: `max(0, capacity - booked)`.
    pub remaining: u32,
}

impl From<&slotwise::Slot> for Slot {
    fn from(s: &slotwise::Slot) -> Self {
        Slot {
            key: s.key(),
            schedule: s.schedule.to_string(),
            start: from_seconds(s.start),
            end: from_seconds(s.end),
            capacity: s.capacity,
            booked: s.booked,
            remaining: s.remaining,
        }
    }
}

impl Slot {
    /// The core's form.
    pub fn to_core(&self) -> Result<slotwise::Slot, slotwise::Error> {
        Ok(slotwise::Slot {
            schedule: self.schedule.as_str().into(),
            start: crate::time::to_seconds(self.start, "start")?,
            end: crate::time::to_seconds(self.end, "end")?,
            capacity: self.capacity,
            booked: self.booked,
            remaining: self.remaining,
        })
    }
}

/// An availability answer as columns, for big answers (a month grid): row `i` is the
/// slot of schedule `ids[schedule[i]]` starting at `start[i]`. Instants are seconds
/// since the Unix epoch (UTC); the key of a row is `{id}@{start as RFC 3339 UTC}`.
/// No record or key is built per row.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct SlotColumns {
    /// The schedule ids the rows refer to, each once.
    pub ids: Vec<String>,
    /// Per row: the position of its schedule in `ids`.
    pub schedule: Vec<u32>,
    /// Per row: first instant, in seconds since the Unix epoch.
    pub start: Vec<i64>,
    /// Per row: first instant after the slot, in seconds since the Unix epoch.
    pub end: Vec<i64>,
    /// Per row: seats the slot offers.
    pub capacity: Vec<u32>,
    /// Per row: peak seats held.
    pub booked: Vec<u32>,
    /// Per row: seats left.
    pub remaining: Vec<u32>,
}

impl From<slotwise::SlotColumns> for SlotColumns {
    fn from(c: slotwise::SlotColumns) -> Self {
        SlotColumns {
            ids: c.ids,
            schedule: c.schedule,
            start: c.start,
            end: c.end,
            capacity: c.capacity,
            booked: c.booked,
            remaining: c.remaining,
        }
    }
}
