//! `slotwise._native`, the native half of the `slotwise` Python package: the
//! engine through pyo3. It only converts Python values to the engine's types and
//! back; every rule lives in the `slotwise` crate.

mod civil;
mod convert;
mod datetimes;
mod engine;
mod errors;
mod lists;
mod pool;
mod results;
mod table;

use pyo3::prelude::*;

/// The arguments of `expand` read, and the expansion run with the GIL released.
fn expansion(
    py: Python<'_>,
    ical: &Bound<'_, PyAny>,
    from_: &Bound<'_, PyAny>,
    to: &Bound<'_, PyAny>,
    limit: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<slotwise::time::Instant>> {
    let ical = convert::text(ical, "ical")?;
    let from = convert::instant(from_, "from_")?;
    let to = convert::instant(to, "to")?;
    let limit = match limit {
        None => None,
        Some(l) => Some(l.extract::<usize>().map_err(|_| {
            errors::invalid_input(py, "limit", "expected a non-negative int or None")
        })?),
    };
    // No rayon work inside: released GIL, but no hop to the pool.
    let instants = py.detach(|| slotwise::expand(&ical, from, to, limit));
    errors::check(py, instants)
}

/// The instants of an iCalendar recurrence (`DTSTART` + `RRULE`/`RDATE`/`EXDATE`)
/// with start in `[from_, to)`, in order, as aware UTC datetimes.
///
/// `from_` and `to` are aware datetimes (or RFC 3339 strings); a naive datetime is
/// an `InvalidInputError` naming the argument. `limit` returns at most that many
/// instants; without it, more than 1,000,000 is a `LimitExceededError`.
/// `expand_epoch` gives the same instants as numbers, faster.
#[pyfunction]
#[pyo3(signature = (ical, from_, to, limit=None))]
fn expand<'py>(
    py: Python<'py>,
    ical: &Bound<'py, PyAny>,
    from_: &Bound<'py, PyAny>,
    to: &Bound<'py, PyAny>,
    limit: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, pyo3::types::PyList>> {
    let instants = expansion(py, ical, from_, to, limit)?;
    datetimes::to_datetimes(py, &instants)
}

/// The instants of `expand` (same arguments, same errors) as seconds since the
/// Unix epoch in an `array.array("q")`: the numeric answer, with no Python object
/// per instant, for analytics. `numpy.frombuffer(a, "datetime64[s]")` or
/// `pyarrow.array(a).cast(pyarrow.timestamp("s", "UTC"))` read it without a loop.
#[pyfunction]
#[pyo3(signature = (ical, from_, to, limit=None))]
fn expand_epoch<'py>(
    py: Python<'py>,
    ical: &Bound<'py, PyAny>,
    from_: &Bound<'py, PyAny>,
    to: &Bound<'py, PyAny>,
    limit: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let instants = expansion(py, ical, from_, to, limit)?;
    datetimes::to_epoch_array(py, &instants)
}

/// How this interpreter makes the datetimes of answers, checked at first use:
/// `"direct"` (allocated by the type and written through CPython's datetime
/// layout), `"capsule"` (CPython's `datetime` C API) or `"call"` (calling the type).
#[pyfunction]
fn _datetime_path(py: Python<'_>) -> PyResult<&'static str> {
    datetimes::path(py)
}

/// The aware UTC datetime of these fields, made the way answers' datetimes are
/// (for tests; an invalid date or time raises `ValueError`, as the type does).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn _make_datetime(
    py: Python<'_>,
    year: i32,
    month: i32,
    day: i32,
    hour: i32,
    minute: i32,
    second: i32,
    microsecond: i32,
) -> PyResult<Bound<'_, PyAny>> {
    datetimes::made_here(py, [year, month, day, hour, minute, second], microsecond)
}

/// The version of the slotwise engine.
#[pyfunction]
fn version() -> &'static str {
    slotwise::version()
}

/// The version of the IANA time zone database bundled in the engine (`2026b`).
#[pyfunction]
fn tzdata_version() -> &'static str {
    slotwise::tzdata_version()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(expand, m)?)?;
    m.add_function(wrap_pyfunction!(expand_epoch, m)?)?;
    m.add_function(wrap_pyfunction!(_datetime_path, m)?)?;
    m.add_function(wrap_pyfunction!(_make_datetime, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(tzdata_version, m)?)?;
    m.add_class::<engine::Engine>()?;
    m.add_class::<table::Table>()?;
    results::register(m)?;
    errors::register(m)?;
    Ok(())
}
