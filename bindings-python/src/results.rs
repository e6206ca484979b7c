//! The light result objects: each wraps the engine's own answer type, reads its
//! fields as Python values (aware UTC datetimes, dates, lists), prints a readable
//! `repr`, compares by value, and gives its JSON shape with `to_dict()`.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::Serialize;

use crate::convert::to_date;
use crate::datetimes::to_datetime;

/// `Name(field=value, ...)` from the JSON form of `value`, fields in order.
fn repr_of(py: Python<'_>, name: &str, value: &impl Serialize) -> PyResult<String> {
    let form = pythonize::pythonize(py, value)?;
    let fields = match form.cast::<PyDict>() {
        Ok(dict) => dict
            .iter()
            .map(|(k, v)| Ok(format!("{}={}", k.str()?, v.repr()?)))
            .collect::<PyResult<Vec<_>>>()?
            .join(", "),
        Err(_) => form.repr()?.to_string(),
    };
    Ok(format!("{name}({fields})"))
}

/// The JSON form of `value` as Python dicts and lists.
fn dict_of<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

/// The methods every result class shares.
macro_rules! common {
    ($ty:ident, $name:literal) => {
        #[pymethods]
        impl $ty {
            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                repr_of(py, $name, &self.0)
            }

            fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
                other
                    .cast::<$ty>()
                    .map(|o| o.get().0 == self.0)
                    .unwrap_or(false)
            }

            /// The JSON form (`{"start": "2026-03-02T12:00:00Z", ...}`), as the CLI
            /// prints it and as every input of the engine accepts it back.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                dict_of(py, &self.0)
            }
        }
    };
}

/// Getters reading instants of the wrapped answer as aware UTC datetimes, each
/// with its own docstring (`instants!(Slot { /// First instant. start = start })`).
macro_rules! instants {
    ($ty:ident { $( $(#[doc = $doc:literal])+ $name:ident = $field:ident ),+ $(,)? }) => {
        #[pymethods]
        impl $ty {
            $(
                $(#[doc = $doc])+
                #[getter]
                fn $name<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                    to_datetime(py, self.0.$field)
                }
            )+
        }
    };
}

/// Getters of plain fields of the wrapped answer, each with its own docstring
/// (`fields!(Slot { /// Seats it offers. capacity -> u32 = |s| s.capacity })`,
/// `s` being the engine's answer).
macro_rules! fields {
    ($ty:ident { $( $(#[doc = $doc:literal])+ $name:ident -> $ret:ty = |$s:ident| $body:expr ),+ $(,)? }) => {
        #[pymethods]
        impl $ty {
            $(
                $(#[doc = $doc])+
                #[getter]
                fn $name(&self) -> $ret {
                    let $s = &self.0;
                    $body
                }
            )+
        }
    };
}

/// A bookable slot: `key` (`{schedule}@{start}`), `schedule`, `start` and `end`
/// (aware UTC datetimes), `capacity`, `booked` (peak seats held) and `remaining`.
#[pyclass(frozen, module = "slotwise")]
#[derive(Clone)]
pub struct Slot(pub slotwise::Slot);

common!(Slot, "Slot");

instants!(Slot {
    /// First instant (aware, UTC).
    start = start,
    /// First instant after the slot (aware, UTC).
    end = end,
});

fields!(Slot {
    /// The stable key `{schedule_id}@{start as RFC 3339 UTC}`.
    key -> String = |s| s.key(),
    /// The schedule's id.
    schedule -> &str = |s| &s.schedule,
    /// Seats the slot offers.
    capacity -> u32 = |s| s.capacity,
    /// Peak seats held during the slot's blocked span (above `capacity`: overbooked).
    booked -> u32 = |s| s.booked,
    /// `max(0, capacity - booked)`.
    remaining -> u32 = |s| s.remaining,
});

/// A slot as the host stored it: `key`, `schedule`, `start`, `end`, `capacity`.
#[pyclass(frozen, module = "slotwise")]
#[derive(Clone)]
pub struct ExistingSlot(pub slotwise::ExistingSlot);

common!(ExistingSlot, "ExistingSlot");

instants!(ExistingSlot {
    /// First instant (aware, UTC).
    start = start,
    /// First instant after the slot (aware, UTC).
    end = end,
});

fields!(ExistingSlot {
    /// The stored key.
    key -> &str = |s| &s.key,
    /// The schedule's id.
    schedule -> &str = |s| &s.schedule,
    /// Seats the host offers in it.
    capacity -> u32 = |s| s.capacity,
});

/// A stored slot whose end or capacity changed: `key`, `before` (an
/// `ExistingSlot`), `after` (the generated `Slot`).
#[pyclass(frozen, module = "slotwise")]
pub struct SlotUpdate(pub slotwise::SlotUpdate);

common!(SlotUpdate, "SlotUpdate");

fields!(SlotUpdate {
    /// The slot's key (the same before and after).
    key -> &str = |s| &s.key,
    /// As stored.
    before -> ExistingSlot = |s| ExistingSlot(s.before.clone()),
    /// As generated.
    after -> Slot = |s| Slot(s.after.clone()),
});

/// A stored slot no longer generated that holds appointments: `key` and the
/// `appointments` ids (never deleted by a plan).
#[pyclass(frozen, module = "slotwise")]
pub struct Conflict(pub slotwise::Conflict);

common!(Conflict, "Conflict");

fields!(Conflict {
    /// The slot's key.
    key -> &str = |s| &s.key,
    /// Ids of the seat-holding appointments overlapping it, in order of start.
    appointments -> Vec<String> = |s| s.appointments.clone(),
});

/// What to do to a host's stored slots: `create` (slots), `update`, `delete`
/// (keys), `conflicts`, and `unchanged` (a count).
#[pyclass(frozen, module = "slotwise")]
pub struct Plan(pub slotwise::Plan);

common!(Plan, "Plan");

fields!(Plan {
    /// Stored slots whose end or capacity differ from the generated ones.
    update -> Vec<SlotUpdate> = |s| s.update.iter().cloned().map(SlotUpdate).collect(),
    /// Keys of stored slots no longer generated and holding no appointment.
    delete -> Vec<String> = |s| s.delete.clone(),
    /// Stored slots no longer generated that hold appointments.
    conflicts -> Vec<Conflict> = |s| s.conflicts.iter().cloned().map(Conflict).collect(),
    /// Stored slots that match the generated ones.
    unchanged -> usize = |s| s.unchanged,
});

#[pymethods]
impl Plan {
    /// Generated slots the host does not have.
    #[getter]
    fn create<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        slot_list(py, self.0.create.iter().cloned())
    }
    /// Whether the plan creates, updates or deletes anything.
    fn has_changes(&self) -> bool {
        self.0.has_changes()
    }
}

/// One schedule over one bucket of a report: `schedule`, `bucket_start` (a
/// `datetime.date`), `offered_seat_minutes`, `booked_seat_minutes`, `utilization`,
/// `appointments` (counts by status), `cancellation_rate`, `no_show_rate`.
#[pyclass(frozen, module = "slotwise")]
pub struct ReportRow(pub slotwise::ReportRow);

common!(ReportRow, "ReportRow");

fields!(ReportRow {
    /// The schedule's id.
    schedule -> &str = |s| &s.schedule,
    /// Offered time times capacity, in minutes.
    offered_seat_minutes -> f64 = |s| s.offered_seat_minutes,
    /// Seats times the overlap of seat-holding appointments with offered time.
    booked_seat_minutes -> f64 = |s| s.booked_seat_minutes,
    /// `booked / offered`, None when nothing is offered.
    utilization -> Option<f64> = |s| s.utilization,
    /// `cancelled / all`, None without appointments.
    cancellation_rate -> Option<f64> = |s| s.cancellation_rate,
    /// `no_show / (no_show + attended)`, None when both are 0.
    no_show_rate -> Option<f64> = |s| s.no_show_rate,
});

#[pymethods]
impl ReportRow {
    /// The bucket's first local date (also when the window starts later).
    #[getter]
    fn bucket_start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(to_date(py, self.0.bucket_start.0)?.into_any())
    }
    /// Appointments starting in the bucket, by status:
    /// `{"booked", "attended", "no_show", "cancelled"}`.
    #[getter]
    fn appointments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let c = &self.0.appointments;
        let d = PyDict::new(py);
        d.set_item("booked", c.booked)?;
        d.set_item("attended", c.attended)?;
        d.set_item("no_show", c.no_show)?;
        d.set_item("cancelled", c.cancelled)?;
        Ok(d)
    }
}

/// An exclusion of a schedule that an instant or slot runs into: `index` (in the
/// schedule's `exclusions`), `kind` (`day` or `range`), `from_`, `to`, `reason`.
#[pyclass(frozen, module = "slotwise")]
pub struct ExclusionHit(pub slotwise::engine::ExclusionHit);

common!(ExclusionHit, "ExclusionHit");

instants!(ExclusionHit {
    /// The first instant it covers (JSON `from`).
    from_ = from,
    /// The first instant after it.
    to = to,
});

fields!(ExclusionHit {
    /// Its index in the schedule's `exclusions`.
    index -> usize = |s| s.index,
    /// Its `reason`, if given.
    reason -> Option<String> = |s| s.reason.clone(),
});

#[pymethods]
impl ExclusionHit {
    /// `day` or `range`.
    #[getter]
    fn kind(&self) -> &'static str {
        match self.0.kind {
            slotwise::schedule::ExclusionKind::Day => "day",
            slotwise::schedule::ExclusionKind::Range => "range",
        }
    }
}

/// Why a booking does not fit or a slot cannot take one more seat. `code` is one
/// of `outside_availability`, `not_a_slot`, `excluded`, `full`, `overbooked`,
/// `in_buffer`, `limit_reached`, `before_minimum_notice`, `after_maximum_advance`;
/// the other attributes are None where the code has no such field.
#[pyclass(frozen, module = "slotwise")]
pub struct Reason(pub slotwise::Reason);

common!(Reason, "Reason");

#[pymethods]
impl Reason {
    /// The reason's code.
    #[getter]
    fn code(&self) -> &'static str {
        use slotwise::Reason as R;
        match &self.0 {
            R::OutsideAvailability => "outside_availability",
            R::NotASlot => "not_a_slot",
            R::Excluded(_) => "excluded",
            R::Full { .. } => "full",
            R::Overbooked { .. } => "overbooked",
            R::InBuffer { .. } => "in_buffer",
            R::LimitReached { .. } => "limit_reached",
            R::BeforeMinimumNotice { .. } => "before_minimum_notice",
            R::AfterMaximumAdvance { .. } => "after_maximum_advance",
        }
    }
    /// The slot's capacity (`full`, `overbooked`).
    #[getter]
    fn capacity(&self) -> Option<u32> {
        match &self.0 {
            slotwise::Reason::Full { capacity, .. }
            | slotwise::Reason::Overbooked { capacity, .. } => Some(*capacity),
            _ => None,
        }
    }
    /// Peak seats held (`full`, `overbooked`).
    #[getter]
    fn booked(&self) -> Option<u32> {
        match &self.0 {
            slotwise::Reason::Full { booked, .. } | slotwise::Reason::Overbooked { booked, .. } => {
                Some(*booked)
            }
            _ => None,
        }
    }
    /// Seats left (`full`).
    #[getter]
    fn remaining(&self) -> Option<u32> {
        match &self.0 {
            slotwise::Reason::Full { remaining, .. } => Some(*remaining),
            _ => None,
        }
    }
    /// The appointments taking the seats (`full`, `overbooked`, `in_buffer`; a
    /// `limit_reached` reason counts them in `appointment_count`).
    #[getter]
    fn appointments(&self) -> Option<Vec<String>> {
        match &self.0 {
            slotwise::Reason::Full { appointments, .. }
            | slotwise::Reason::Overbooked { appointments, .. }
            | slotwise::Reason::InBuffer { appointments } => Some(appointments.clone()),
            _ => None,
        }
    }
    /// The booking limit's index in the schedule's `limits` (`limit_reached`).
    #[getter]
    fn index(&self) -> Option<usize> {
        match &self.0 {
            slotwise::Reason::LimitReached { index, .. } => Some(*index),
            _ => None,
        }
    }
    /// The limit's period, `day`, `week` or `month` (`limit_reached`).
    #[getter]
    fn period(&self) -> Option<&'static str> {
        match &self.0 {
            slotwise::Reason::LimitReached { period, .. } => Some(match period {
                slotwise::LimitPeriod::Day => "day",
                slotwise::LimitPeriod::Week => "week",
                slotwise::LimitPeriod::Month => "month",
            }),
            _ => None,
        }
    }
    /// The period's first local date, a `datetime.date` (`limit_reached`).
    #[getter]
    fn period_start<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match &self.0 {
            slotwise::Reason::LimitReached { period_start, .. } => {
                let date = chrono::NaiveDate::parse_from_str(period_start, "%Y-%m-%d")
                    .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
                Ok(Some(to_date(py, date)?.into_any()))
            }
            _ => Ok(None),
        }
    }
    /// The limit's most appointments per period, if it has one (`limit_reached`).
    #[getter]
    fn max_appointments(&self) -> Option<u32> {
        match &self.0 {
            slotwise::Reason::LimitReached {
                max_appointments, ..
            } => *max_appointments,
            _ => None,
        }
    }
    /// The limit's most minutes per period, if it has one (`limit_reached`).
    #[getter]
    fn max_minutes(&self) -> Option<u32> {
        match &self.0 {
            slotwise::Reason::LimitReached { max_minutes, .. } => *max_minutes,
            _ => None,
        }
    }
    /// How many seat-holding appointments start in the period (`limit_reached`;
    /// `appointments` in the JSON form of `to_dict()`).
    #[getter]
    fn appointment_count(&self) -> Option<u32> {
        match &self.0 {
            slotwise::Reason::LimitReached { appointments, .. } => Some(*appointments),
            _ => None,
        }
    }
    /// Their minutes, rounded down (`limit_reached`).
    #[getter]
    fn minutes(&self) -> Option<i64> {
        match &self.0 {
            slotwise::Reason::LimitReached { minutes, .. } => Some(*minutes),
            _ => None,
        }
    }
    /// The exclusion hit (`excluded`).
    #[getter]
    fn exclusion(&self) -> Option<ExclusionHit> {
        match &self.0 {
            slotwise::Reason::Excluded(hit) => Some(ExclusionHit(hit.clone())),
            _ => None,
        }
    }
    /// The earliest start allowed (`before_minimum_notice`).
    #[getter]
    fn earliest<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match &self.0 {
            slotwise::Reason::BeforeMinimumNotice { earliest } => {
                to_datetime(py, *earliest).map(Some)
            }
            _ => Ok(None),
        }
    }
    /// The latest start allowed (`after_maximum_advance`).
    #[getter]
    fn latest<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match &self.0 {
            slotwise::Reason::AfterMaximumAdvance { latest } => to_datetime(py, *latest).map(Some),
            _ => Ok(None),
        }
    }
}

fn reasons(list: &[slotwise::Reason]) -> Vec<Reason> {
    list.iter().cloned().map(Reason).collect()
}

/// The answer of `Engine.check_booking`: `fits`, the grid's `slot` at the
/// appointment's start (or None) and every `reasons` it does not fit.
#[pyclass(frozen, module = "slotwise")]
pub struct BookingCheck(pub slotwise::BookingCheck);

common!(BookingCheck, "BookingCheck");

fields!(BookingCheck {
    /// Whether the appointment fits (no reasons).
    fits -> bool = |s| s.fits,
    /// The slot starting at the appointment's start, if the grid has one.
    slot -> Option<Slot> = |s| s.slot.clone().map(Slot),
    /// Every reason it does not fit.
    reasons -> Vec<Reason> = |s| reasons(&s.reasons),
});

#[pymethods]
impl BookingCheck {
    fn __bool__(&self) -> bool {
        self.0.fits
    }
}

/// A merged availability window: `start`, `end`.
#[pyclass(frozen, module = "slotwise")]
pub struct Window(pub slotwise::engine::Window);

common!(Window, "Window");

instants!(Window {
    /// First instant (aware, UTC).
    start = start,
    /// First instant after (aware, UTC).
    end = end,
});

/// A slot holding the explained instant and why it can or cannot take one more
/// seat: `slot`, `reasons` (empty when it can).
#[pyclass(frozen, module = "slotwise")]
pub struct SlotVerdict(pub slotwise::engine::SlotVerdict);

common!(SlotVerdict, "SlotVerdict");

fields!(SlotVerdict {
    /// The slot.
    slot -> Slot = |s| Slot(s.slot.clone()),
    /// Empty when it can take one more seat.
    reasons -> Vec<Reason> = |s| reasons(&s.reasons),
});

/// What the engine sees at one instant of a schedule: `schedule`, `instant`,
/// `local_time`, `bookable`, `window`, `exclusions`, `slots` and a `summary` line.
#[pyclass(frozen, module = "slotwise")]
pub struct Explanation(pub slotwise::Explanation);

common!(Explanation, "Explanation");

instants!(Explanation {
    /// The instant asked about (aware, UTC).
    instant = instant,
});

fields!(Explanation {
    /// The schedule's id.
    schedule -> &str = |s| &s.schedule,
    /// The instant on the schedule's clock (`2026-03-02T09:00:00-03:00`).
    local_time -> &str = |s| &s.local_time,
    /// Whether a slot holding the instant can take one more seat.
    bookable -> bool = |s| s.bookable,
    /// The merged availability window holding the instant, if any.
    window -> Option<Window> = |s| s.window.map(Window),
    /// The exclusions holding the instant.
    exclusions -> Vec<ExclusionHit> = |s| s.exclusions.iter().cloned().map(ExclusionHit).collect(),
    /// Every grid slot holding the instant.
    slots -> Vec<SlotVerdict> = |s| s.slots.iter().cloned().map(SlotVerdict).collect(),
    /// One line for people.
    summary -> &str = |s| &s.summary,
});

/// A time that the schedules of a combined query can take together (`all`), that
/// at least `k` of them can (`k_of_n`) or that any one of them can (`any`, a
/// pool): `start` and `end` (aware UTC datetimes), `schedules` (the ids that can
/// take it) and `remaining`.
#[pyclass(frozen, module = "slotwise")]
pub struct CombinedRow(pub slotwise::CombinedRow);

common!(CombinedRow, "CombinedRow");

instants!(CombinedRow {
    /// First instant (aware, UTC).
    start = start,
    /// First instant after (aware, UTC).
    end = end,
});

fields!(CombinedRow {
    /// The schedules that can take it: in id order (`all`, `k_of_n`), fairest
    /// first (`any`: fewest appointments that local day, then id).
    schedules -> Vec<String> = |s| s.schedules.clone(),
    /// `all`: the least free-seat count among the schedules; `k_of_n`: how many
    /// can take it; `any`: the remaining seats of every listed schedule with that
    /// slot, summed.
    remaining -> u32 = |s| s.remaining,
});

/// Result objects as a Python list, each untracked by the cycle collector: they
/// hold only Rust values, never a Python reference, so none can be part of a
/// cycle, and a list of a million tracked objects would make every collection
/// walk them all (CPython untracks tuples and dicts of atomic values the same way).
pub fn untracked_list<'py, T>(
    py: Python<'py>,
    items: impl ExactSizeIterator<Item = T>,
) -> PyResult<Bound<'py, PyList>>
where
    T: pyo3::PyClass + Into<pyo3::PyClassInitializer<T>>,
{
    let objects = items
        .map(|item| {
            let object = Bound::new(py, item)?;
            // SAFETY: the GIL is held and `object` is a live GC object of a class
            // whose values reference no Python object.
            unsafe { pyo3::ffi::PyObject_GC_UnTrack(object.as_ptr().cast()) };
            Ok(object)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, objects)
}

/// Slots as a Python list of `Slot`.
pub fn slot_list<'py>(
    py: Python<'py>,
    slots: impl ExactSizeIterator<Item = slotwise::Slot>,
) -> PyResult<Bound<'py, PyList>> {
    untracked_list(py, slots.map(Slot))
}

/// Add every result class to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Slot>()?;
    m.add_class::<ExistingSlot>()?;
    m.add_class::<SlotUpdate>()?;
    m.add_class::<Conflict>()?;
    m.add_class::<Plan>()?;
    m.add_class::<ReportRow>()?;
    m.add_class::<ExclusionHit>()?;
    m.add_class::<Reason>()?;
    m.add_class::<BookingCheck>()?;
    m.add_class::<Window>()?;
    m.add_class::<SlotVerdict>()?;
    m.add_class::<Explanation>()?;
    m.add_class::<CombinedRow>()?;
    Ok(())
}
