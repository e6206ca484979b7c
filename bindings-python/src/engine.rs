//! `slotwise.Engine`: schedules and appointments held together, and the questions
//! asked of them. Every call converts its arguments, runs the engine with the GIL
//! released, and converts the answer back; it succeeds whole or raises a
//! `SlotwiseError` and changes nothing.

use std::sync::RwLock;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use slotwise::{Appointment, BookingRules, Bucket, ExistingSlot, Limits, Query, Schedule};

use crate::convert::{instant, normalize, record, text};
use crate::errors::{check, invalid_input};
use crate::pool::{install, run};
use crate::results::{
    slot_list, untracked_list, BookingCheck, CombinedRow, Explanation, Plan, ReportRow,
};
use crate::table::Table;

/// The scheduling engine: holds schedules and appointments and answers
/// availability, booking checks, explanations, reconciliation and reports.
///
/// Schedules, appointments and queries are dicts in the engine's JSON shape
/// (`{"id": "dr-ana", "timezone": "America/Sao_Paulo", ...}`), where instants may
/// be aware datetimes, durations timedeltas, zones `zoneinfo.ZoneInfo`, local dates
/// and times `datetime.date` / `datetime.time`; JSON text is accepted too.
/// `Engine(schedules, appointments)` loads lists of them at once. Safe to query
/// from many threads at once; long calls release the GIL.
#[pyclass(frozen, module = "slotwise")]
pub struct Engine {
    inner: RwLock<slotwise::Engine>,
}

impl Engine {
    fn wrap(engine: slotwise::Engine) -> Engine {
        Engine {
            inner: RwLock::new(engine),
        }
    }

    /// Run a question on the engine outside the GIL.
    fn read<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&slotwise::Engine) -> slotwise::Result<T> + Send,
    ) -> PyResult<T> {
        // The lock is taken on the calling thread, never on a pool worker.
        let result = py.detach(|| {
            let guard = self.inner.read().unwrap_or_else(|e| e.into_inner());
            let engine: &slotwise::Engine = &guard;
            install(|| f(engine))
        })?;
        check(py, result)
    }

    /// Change the engine outside the GIL.
    fn write<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut slotwise::Engine) -> slotwise::Result<T> + Send,
    ) -> PyResult<T> {
        let result = py.detach(|| {
            let mut guard = self.inner.write().unwrap_or_else(|e| e.into_inner());
            let engine: &mut slotwise::Engine = &mut guard;
            install(|| f(engine))
        })?;
        check(py, result)
    }
}

/// A query dict (or JSON text) with keyword fields laid over it.
fn query<'py>(
    py: Python<'py>,
    base: Option<&Bound<'py, PyAny>>,
    fields: &[(&str, Option<&Bound<'py, PyAny>>)],
) -> PyResult<Query> {
    let Some(base) = base else {
        let dict = PyDict::new(py);
        set_fields(&dict, fields)?;
        return record(dict.as_any(), "");
    };
    if fields.iter().all(|(_, v)| v.is_none()) {
        return record(base, "");
    }
    let dict = if let Ok(text) = base.cast::<PyString>() {
        let json = py.import("json")?;
        json.call_method1("loads", (text,))?
    } else {
        normalize(base, "")?
    };
    let Ok(dict) = dict.cast_into::<PyDict>() else {
        return Err(invalid_input(py, "", "a query is a dict"));
    };
    set_fields(&dict, fields)?;
    record(dict.as_any(), "")
}

fn set_fields<'py>(
    dict: &Bound<'py, PyDict>,
    fields: &[(&str, Option<&Bound<'py, PyAny>>)],
) -> PyResult<()> {
    for &(name, value) in fields {
        if let Some(value) = value {
            dict.set_item(name, value)?;
        }
    }
    Ok(())
}

fn bucket(py: Python<'_>, value: &str) -> PyResult<Bucket> {
    match value {
        "day" => Ok(Bucket::Day),
        "week" => Ok(Bucket::Week),
        "month" => Ok(Bucket::Month),
        other => Err(invalid_input(
            py,
            "bucket",
            format!("`{other}` is not a bucket: day, week or month"),
        )),
    }
}

fn records<T: serde::de::DeserializeOwned>(
    value: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Vec<T>> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    if value.is_instance_of::<PyString>() || value.is_instance_of::<PyDict>() {
        return Err(invalid_input(
            value.py(),
            name,
            "expected a list of records",
        ));
    }
    value
        .try_iter()?
        .enumerate()
        .map(|(i, item)| record(&item?, &format!("{name}[{i}]")))
        .collect()
}

#[pymethods]
impl Engine {
    /// An engine holding `schedules` and `appointments` (lists of dicts), or an
    /// empty one. Errors name the record (`schedules[2].slot.step`).
    #[new]
    #[pyo3(signature = (schedules=None, appointments=None))]
    fn new(
        py: Python<'_>,
        schedules: Option<&Bound<'_, PyAny>>,
        appointments: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Engine> {
        let schedules: Vec<Schedule> = records(schedules, "schedules")?;
        let appointments: Vec<Appointment> = records(appointments, "appointments")?;
        let engine = run(py, || {
            slotwise::Engine::from_parts(schedules, appointments, Limits::default())
        })?;
        Ok(Engine::wrap(check(py, engine)?))
    }

    /// Add a schedule (a dict in the engine's JSON shape). Raises
    /// `DuplicateIdError` when its id is taken, and the schedule's validation
    /// errors (`InvalidRuleError` at `availability[0].rule`, ...).
    fn add_schedule(&self, py: Python<'_>, schedule: &Bound<'_, PyAny>) -> PyResult<()> {
        let schedule: Schedule = record(schedule, "")?;
        self.write(py, |e| e.add_schedule(schedule))
    }

    /// Replace the schedule with the same id, keeping its appointments.
    fn replace_schedule(&self, py: Python<'_>, schedule: &Bound<'_, PyAny>) -> PyResult<()> {
        let schedule: Schedule = record(schedule, "")?;
        self.write(py, |e| e.replace_schedule(schedule))
    }

    /// Remove a schedule and its appointments.
    fn remove_schedule(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<()> {
        let id = text(id, "id")?;
        self.write(py, |e| e.remove_schedule(&id))
    }

    /// Add an appointment (`{"id", "schedule", "start", "end", "seats", "status"}`).
    /// It need not fit: hosts record what exists and overbooking stays visible.
    fn add_appointment(&self, py: Python<'_>, appointment: &Bound<'_, PyAny>) -> PyResult<()> {
        let appointment: Appointment = record(appointment, "")?;
        self.write(py, |e| e.add_appointment(appointment))
    }

    /// Replace the appointment with the same id (to move, resize or cancel it).
    fn update_appointment(&self, py: Python<'_>, appointment: &Bound<'_, PyAny>) -> PyResult<()> {
        let appointment: Appointment = record(appointment, "")?;
        self.write(py, |e| e.update_appointment(appointment))
    }

    /// Remove an appointment by id.
    fn remove_appointment(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<()> {
        let id = text(id, "id")?;
        self.write(py, |e| e.remove_appointment(&id))
    }

    /// The ids of every schedule, in byte-wise order.
    fn schedule_ids(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        self.read(py, |e| Ok(e.schedule_ids().map(str::to_owned).collect()))
    }

    /// The bookable slots of a query, ordered by (start, schedule id).
    ///
    /// `query` is a dict `{"from", "to", "seats", "now", "min_notice",
    /// "max_advance", "schedules"}`; the keyword arguments set the same fields
    /// (`from_` for `from`). `from`/`to` are aware datetimes (or RFC 3339
    /// strings), `min_notice`/`max_advance` timedeltas (or ISO 8601 durations).
    /// `seats=0` lists every slot, full and overbooked ones too. `first=n` keeps
    /// only the first `n` slots (the engine stops as soon as it has them); `to`
    /// may then be left out (the window reaches `now + max_advance` when both are
    /// given, else `from` + 366 days).
    #[pyo3(signature = (query=None, *, from_=None, to=None, seats=None, now=None, min_notice=None, max_advance=None, schedules=None, first=None))]
    #[allow(clippy::too_many_arguments)]
    fn availability<'py>(
        &self,
        py: Python<'py>,
        query: Option<&Bound<'py, PyAny>>,
        from_: Option<&Bound<'py, PyAny>>,
        to: Option<&Bound<'py, PyAny>>,
        seats: Option<&Bound<'py, PyAny>>,
        now: Option<&Bound<'py, PyAny>>,
        min_notice: Option<&Bound<'py, PyAny>>,
        max_advance: Option<&Bound<'py, PyAny>>,
        schedules: Option<&Bound<'py, PyAny>>,
        first: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let q = self::query(
            py,
            query,
            &[
                ("from", from_),
                ("to", to),
                ("seats", seats),
                ("now", now),
                ("min_notice", min_notice),
                ("max_advance", max_advance),
                ("schedules", schedules),
                ("first", first),
            ],
        )?;
        let answer = self.read(py, |e| e.availability(&q).map(|a| a.to_vec()))?;
        slot_list(py, answer.into_iter())
    }

    /// The slots of a query (as `availability`) as an Arrow `Table` with columns
    /// `schedule`, `start`, `end` (`timestamp[s, UTC]`), `capacity`, `booked`,
    /// `remaining`: for `pyarrow.table`, `polars.DataFrame`, pandas.
    #[pyo3(signature = (query=None, *, from_=None, to=None, seats=None, now=None, min_notice=None, max_advance=None, schedules=None, first=None))]
    #[allow(clippy::too_many_arguments)]
    fn availability_table<'py>(
        &self,
        py: Python<'py>,
        query: Option<&Bound<'py, PyAny>>,
        from_: Option<&Bound<'py, PyAny>>,
        to: Option<&Bound<'py, PyAny>>,
        seats: Option<&Bound<'py, PyAny>>,
        now: Option<&Bound<'py, PyAny>>,
        min_notice: Option<&Bound<'py, PyAny>>,
        max_advance: Option<&Bound<'py, PyAny>>,
        schedules: Option<&Bound<'py, PyAny>>,
        first: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Table> {
        let q = self::query(
            py,
            query,
            &[
                ("from", from_),
                ("to", to),
                ("seats", seats),
                ("now", now),
                ("min_notice", min_notice),
                ("max_advance", max_advance),
                ("schedules", schedules),
                ("first", first),
            ],
        )?;
        let columns = self.read(py, |e| e.availability_columns(&q))?;
        Table::slots(columns)
    }

    /// The times several schedules can take together: the query's `combine`
    /// (`{"mode": "all" | "any" | "k_of_n", "schedules": [ids], "k", "duration",
    /// "step"}`) names them and how they combine; the window, `seats`, notice
    /// rules and `first` select rows by start as `availability` selects slots.
    /// Rows are ordered by start, then end.
    ///
    /// - `all`: every listed schedule (a doctor and a room) can take
    ///   `[t, t + duration)`; `k_of_n`: at least `k` of them can. Candidates step
    ///   by `step` (default `duration`) from the start of each time when enough of
    ///   them are open.
    /// - `any` (a pool; no `duration`/`step`): the schedules' own slots, one row
    ///   per `[start, end)`, fairest schedule first.
    ///
    /// Errors name the field (`combine.schedules[1]`, `combine.k`, `first`).
    #[pyo3(signature = (query=None, *, from_=None, to=None, seats=None, now=None, min_notice=None, max_advance=None, first=None, combine=None))]
    #[allow(clippy::too_many_arguments)]
    fn combined<'py>(
        &self,
        py: Python<'py>,
        query: Option<&Bound<'py, PyAny>>,
        from_: Option<&Bound<'py, PyAny>>,
        to: Option<&Bound<'py, PyAny>>,
        seats: Option<&Bound<'py, PyAny>>,
        now: Option<&Bound<'py, PyAny>>,
        min_notice: Option<&Bound<'py, PyAny>>,
        max_advance: Option<&Bound<'py, PyAny>>,
        first: Option<&Bound<'py, PyAny>>,
        combine: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let q = self::query(
            py,
            query,
            &[
                ("from", from_),
                ("to", to),
                ("seats", seats),
                ("now", now),
                ("min_notice", min_notice),
                ("max_advance", max_advance),
                ("first", first),
                ("combine", combine),
            ],
        )?;
        let rows = self.read(py, |e| e.combined(&q))?;
        untracked_list(py, rows.into_iter().map(CombinedRow))
    }

    /// The rows of `combined` (same arguments and errors) as an Arrow `Table` with
    /// columns `start`, `end` (`timestamp[s, UTC]`), `schedules` (a list of ids)
    /// and `remaining`.
    #[pyo3(signature = (query=None, *, from_=None, to=None, seats=None, now=None, min_notice=None, max_advance=None, first=None, combine=None))]
    #[allow(clippy::too_many_arguments)]
    fn combined_table<'py>(
        &self,
        py: Python<'py>,
        query: Option<&Bound<'py, PyAny>>,
        from_: Option<&Bound<'py, PyAny>>,
        to: Option<&Bound<'py, PyAny>>,
        seats: Option<&Bound<'py, PyAny>>,
        now: Option<&Bound<'py, PyAny>>,
        min_notice: Option<&Bound<'py, PyAny>>,
        max_advance: Option<&Bound<'py, PyAny>>,
        first: Option<&Bound<'py, PyAny>>,
        combine: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Table> {
        let q = self::query(
            py,
            query,
            &[
                ("from", from_),
                ("to", to),
                ("seats", seats),
                ("now", now),
                ("min_notice", min_notice),
                ("max_advance", max_advance),
                ("first", first),
                ("combine", combine),
            ],
        )?;
        let rows = self.read(py, |e| e.combined(&q))?;
        Table::combined(&rows)
    }

    /// Would `appointment` fit? It must match a slot of its schedule exactly, the
    /// slot must not be excluded and must have its seats free (an appointment with
    /// the same id is left out, so a move can be checked), it must break none of
    /// the schedule's booking `limits` (a `limit_reached` reason names which), and
    /// it must start within the notice rules `now` + `min_notice` ..
    /// `now` + `max_advance`.
    #[pyo3(signature = (appointment, *, now=None, min_notice=None, max_advance=None))]
    fn check_booking(
        &self,
        py: Python<'_>,
        appointment: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
        min_notice: Option<&Bound<'_, PyAny>>,
        max_advance: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<BookingCheck> {
        let appointment: Appointment = record(appointment, "")?;
        let dict = PyDict::new(py);
        for (name, value) in [
            ("now", now),
            ("min_notice", min_notice),
            ("max_advance", max_advance),
        ] {
            if let Some(value) = value {
                dict.set_item(name, value)?;
            }
        }
        let rules: BookingRules = record(dict.as_any(), "")?;
        self.read(py, |e| e.check_booking(&appointment, &rules))
            .map(BookingCheck)
    }

    /// Why `instant` (an aware datetime) is or is not bookable in a schedule: the
    /// window and exclusions holding it, and every grid slot holding it.
    fn explain(
        &self,
        py: Python<'_>,
        schedule_id: &Bound<'_, PyAny>,
        instant: &Bound<'_, PyAny>,
    ) -> PyResult<Explanation> {
        let id = text(schedule_id, "schedule_id")?;
        let t = crate::convert::instant(instant, "instant")?;
        self.read(py, |e| e.explain(&id, t)).map(Explanation)
    }

    /// The plan that brings a host's stored slots (`existing`: dicts, `Slot`s or
    /// `ExistingSlot`s) in line with the slots generated with start in
    /// `[from_, to)`: what to create, update and delete, and the conflicts.
    #[pyo3(signature = (from_, to, existing=None))]
    fn reconcile(
        &self,
        py: Python<'_>,
        from_: &Bound<'_, PyAny>,
        to: &Bound<'_, PyAny>,
        existing: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Plan> {
        let from = instant(from_, "from_")?;
        let to = instant(to, "to")?;
        let existing: Vec<ExistingSlot> = records(existing, "existing")?;
        self.read(py, |e| e.reconcile(from, to, &existing))
            .map(Plan)
    }

    /// Offered and booked seat-minutes, utilization and appointment outcomes per
    /// schedule and per `bucket` (`"day"`, `"week"` from Monday, `"month"`, in each
    /// schedule's zone) over `[from_, to)`.
    #[pyo3(signature = (from_, to, bucket="week"))]
    fn report<'py>(
        &self,
        py: Python<'py>,
        from_: &Bound<'py, PyAny>,
        to: &Bound<'py, PyAny>,
        bucket: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let from = instant(from_, "from_")?;
        let to = instant(to, "to")?;
        let bucket = self::bucket(py, bucket)?;
        let rows = self.read(py, |e| e.report(from, to, bucket))?;
        untracked_list(py, rows.into_iter().map(ReportRow))
    }

    /// The report (as `report`) as an Arrow `Table`, one row per schedule and
    /// bucket.
    #[pyo3(signature = (from_, to, bucket="week"))]
    fn report_table(
        &self,
        py: Python<'_>,
        from_: &Bound<'_, PyAny>,
        to: &Bound<'_, PyAny>,
        bucket: &str,
    ) -> PyResult<Table> {
        let from = instant(from_, "from_")?;
        let to = instant(to, "to")?;
        let bucket = self::bucket(py, bucket)?;
        let rows = self.read(py, |e| e.report(from, to, bucket))?;
        Table::report(&rows)
    }

    /// The engine as snapshot bytes (opened lazily by `Engine.from_snapshot`).
    fn to_snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = self.read(py, |e| e.to_snapshot())?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// An engine opened from snapshot bytes; a damaged snapshot raises
    /// `InvalidSnapshotError`.
    #[staticmethod]
    fn from_snapshot(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Engine> {
        let bytes: Vec<u8> = if let Ok(b) = data.cast::<PyBytes>() {
            b.as_bytes().to_vec()
        } else {
            py.import("builtins")?
                .getattr("bytes")?
                .call1((data,))
                .map_err(|_| invalid_input(py, "data", "expected bytes"))?
                .cast_into::<PyBytes>()?
                .as_bytes()
                .to_vec()
        };
        let engine = run(py, || {
            slotwise::Engine::from_snapshot_vec(bytes, Limits::default())
        })?;
        check(py, engine).map(Engine::wrap)
    }

    /// The engine's schedules and appointments as JSON text
    /// (`{"version": 1, "schedules": [...], "appointments": [...]}`).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        self.read(py, |e| e.to_json())
    }

    /// An engine from the JSON text `to_json` writes.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Engine> {
        let text = self::text(text, "text")?;
        let engine = run(py, || slotwise::Engine::from_json(&text))?;
        check(py, engine).map(Engine::wrap)
    }

    /// Pickling sends the engine as its snapshot bytes (`Engine.from_snapshot`
    /// opens it on the other side, lazily, without re-reading any JSON).
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let open = slf.get_type().getattr("from_snapshot")?;
        Ok((open, (slf.get().to_snapshot(py)?,)))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let n = self.read(py, |e| Ok(e.schedule_ids().count()))?;
        Ok(format!("Engine(schedules={n})"))
    }
}
