//! The columnar form of an availability answer: one plain vector per field, for
//! hosts that hand big answers over as typed arrays or Arrow columns in one copy.

use crate::slots::{slot_key, Availability, Row, SlotSource};
use crate::time::Instant;

/// Slots as columns, in the answer's order (start, then schedule id). Row `i` is
/// the slot of schedule `ids[schedule[i]]` starting at `start[i]`; its key is
/// derivable as [`SlotColumns::key`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlotColumns {
    /// The schedule ids the rows refer to, each once.
    pub ids: Vec<String>,
    /// Per row: the position of its schedule in `ids`.
    pub schedule: Vec<u32>,
    /// Per row: first instant of the slot (seconds since the Unix epoch, UTC).
    pub start: Vec<Instant>,
    /// Per row: first instant after the slot.
    pub end: Vec<Instant>,
    /// Per row: seats the slot offers.
    pub capacity: Vec<u32>,
    /// Per row: peak seats held during the slot's blocked span.
    pub booked: Vec<u32>,
    /// Per row: `max(0, capacity - booked)`.
    pub remaining: Vec<u32>,
}

impl SlotColumns {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.start.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.start.is_empty()
    }

    /// The stable key of row `row` (`{schedule_id}@{start}`), if there is one.
    pub fn key(&self, row: usize) -> Option<String> {
        let schedule = usize::try_from(*self.schedule.get(row)?).ok()?;
        Some(slot_key(self.ids.get(schedule)?, *self.start.get(row)?))
    }
}

impl SlotColumns {
    /// Empty columns over schedules `ids`, with room for `rows` rows.
    pub fn with_capacity(ids: Vec<String>, rows: usize) -> SlotColumns {
        SlotColumns {
            ids,
            schedule: Vec::with_capacity(rows),
            start: Vec::with_capacity(rows),
            end: Vec::with_capacity(rows),
            capacity: Vec::with_capacity(rows),
            booked: Vec::with_capacity(rows),
            remaining: Vec::with_capacity(rows),
        }
    }

    /// Append compact rows whose schedules are `sources` (by position).
    pub(crate) fn push_rows(&mut self, rows: &[Row], sources: &[SlotSource]) {
        let n = rows.len();
        self.schedule.reserve(n);
        self.start.reserve(n);
        self.end.reserve(n);
        self.capacity.reserve(n);
        self.booked.reserve(n);
        self.remaining.reserve(n);
        for row in rows {
            let Some(source) = usize::try_from(row.schedule)
                .ok()
                .and_then(|i| sources.get(i))
            else {
                continue;
            };
            self.schedule.push(row.schedule);
            self.start.push(row.start);
            self.end.push(row.start + source.duration);
            self.capacity.push(source.capacity);
            self.booked.push(row.booked);
            self.remaining
                .push(source.capacity.saturating_sub(row.booked));
        }
    }
}

impl Availability {
    /// The slots as columns, in order, without building a slot or key per row.
    pub fn to_columns(&self) -> SlotColumns {
        let (sources, rows) = self.parts();
        let mut columns = SlotColumns::with_capacity(
            sources.iter().map(|s| s.id.to_string()).collect(),
            rows.len(),
        );
        columns.push_rows(rows, sources);
        columns
    }
}

#[cfg(test)]
mod tests {
    use crate::{AvailabilityRequest, Limits};

    #[test]
    fn columns_hold_the_slots_in_order() {
        let doc = include_str!("../../examples/data/clinic.json");
        let request = AvailabilityRequest::from_json(doc, &Limits::default()).unwrap();
        let answer = request.run(Limits::default()).unwrap();
        let columns = answer.to_columns();
        assert_eq!(columns.len(), answer.len());
        assert!(!columns.is_empty());
        for (i, slot) in answer.iter().enumerate() {
            let id = &columns.ids[columns.schedule[i] as usize];
            assert_eq!(id.as_str(), &*slot.schedule);
            assert_eq!(columns.start[i], slot.start);
            assert_eq!(columns.end[i], slot.end);
            assert_eq!(columns.capacity[i], slot.capacity);
            assert_eq!(columns.booked[i], slot.booked);
            assert_eq!(columns.remaining[i], slot.remaining);
            assert_eq!(columns.key(i).unwrap(), slot.key());
        }
        assert_eq!(columns.key(columns.len()), None);
    }
}
