//! Python values in and out: aware datetimes for instants (naive ones are
//! rejected naming the argument), timedeltas for durations, zone names or
//! `zoneinfo.ZoneInfo`, and dicts in the engine's JSON shapes (through
//! `pythonize`, with the field path of any error).

use chrono::{Datelike, NaiveDate};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyDict, PyFloat, PyInt,
    PyList, PyMapping, PySequence, PyString, PyTime, PyTimeAccess, PyTuple, PyTzInfo,
    PyTzInfoAccess,
};
use serde::de::DeserializeOwned;
use slotwise::time::{format_duration, format_instant, parse_instant, Instant};
use slotwise::Error;

use crate::errors::{check, invalid_input, to_py};

/// A Python object the engine reads as an instant: an aware `datetime` or an
/// RFC 3339 string. `name` is the argument or field path errors name.
pub fn instant(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Instant> {
    let py = value.py();
    if let Some(t) = crate::datetimes::utc_instant(value) {
        return check(py, slotwise::time::check_instant(t).map_err(|e| e.at(name)));
    }
    if let Ok(dt) = value.cast::<PyDateTime>() {
        return aware_seconds(dt, name);
    }
    if let Ok(text) = value.cast::<PyString>() {
        return check(py, parse_instant(&text.to_cow()?).map_err(|e| e.at(name)));
    }
    Err(invalid_input(
        py,
        name,
        format!(
            "expected an aware datetime or an RFC 3339 string, got {}",
            value.get_type().name()?
        ),
    ))
}

/// Seconds since the epoch of an aware datetime, whatever its tzinfo (sub-second
/// parts are dropped, as the engine's RFC 3339 reading drops them).
fn aware_seconds(dt: &Bound<'_, PyDateTime>, name: &str) -> PyResult<Instant> {
    let py = dt.py();
    let offset = match dt.get_tzinfo() {
        None => None,
        Some(tz) => {
            let offset = tz.call_method1("utcoffset", (dt,))?;
            if offset.is_none() {
                None
            } else {
                Some(offset.cast_into::<PyDelta>()?)
            }
        }
    };
    let Some(offset) = offset else {
        return Err(invalid_input(
            py,
            name,
            "a naive datetime has no instant: give it a tzinfo (datetime.timezone.utc or a zoneinfo.ZoneInfo)",
        ));
    };
    let local = NaiveDate::from_ymd_opt(
        dt.get_year(),
        u32::from(dt.get_month()),
        u32::from(dt.get_day()),
    )
    .and_then(|d| {
        d.and_hms_opt(
            u32::from(dt.get_hour()),
            u32::from(dt.get_minute()),
            u32::from(dt.get_second()),
        )
    })
    .ok_or_else(|| invalid_input(py, name, "not a valid date and time"))?;
    // Microseconds: the local time's and the offset's, so a sub-second offset still
    // lands on the right whole second.
    let micros = i64::from(dt.get_microsecond())
        - (i64::from(offset.get_days()) * 86_400 + i64::from(offset.get_seconds())) * 1_000_000
        - i64::from(offset.get_microseconds());
    let t = local.and_utc().timestamp() + micros.div_euclid(1_000_000);
    check(py, slotwise::time::check_instant(t).map_err(|e| e.at(name)))
}

fn delta_seconds(delta: &Bound<'_, PyDelta>, name: &str) -> PyResult<i64> {
    if delta.get_microseconds() != 0 {
        return Err(invalid_input(
            delta.py(),
            name,
            "durations are whole seconds: this timedelta has microseconds",
        ));
    }
    Ok(i64::from(delta.get_days()) * 86_400 + i64::from(delta.get_seconds()))
}

fn utc(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static UTC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    UTC.get_or_try_init(py, || {
        Ok::<_, PyErr>(PyTzInfo::utc(py)?.to_owned().into_any().unbind())
    })
    .map(|u| u.bind(py))
}

/// A local date as a `datetime.date`.
pub fn to_date(py: Python<'_>, d: NaiveDate) -> PyResult<Bound<'_, PyDate>> {
    PyDate::new(py, d.year(), d.month() as u8, d.day() as u8)
}

/// A Python value rebuilt in the engine's JSON shape, for `pythonize`: aware
/// datetimes become RFC 3339 strings, timedeltas ISO 8601 durations, dates
/// `YYYY-MM-DD`, times `HH:MM:SS`, zones their IANA name, result objects their
/// dict form; mappings and sequences are walked. `path` names the field in errors.
pub fn normalize<'py>(value: &Bound<'py, PyAny>, path: &str) -> PyResult<Bound<'py, PyAny>> {
    let py = value.py();
    // The common leaves first, cheaply.
    if value.is_none()
        || value.is_instance_of::<PyString>()
        || value.is_instance_of::<PyBool>()
        || value.is_instance_of::<PyInt>()
        || value.is_instance_of::<PyFloat>()
    {
        return Ok(value.clone());
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        return normalize_map(dict.items().into_any(), path);
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        return normalize_seq(value, path);
    }
    if let Ok(dt) = value.cast::<PyDateTime>() {
        let t = aware_seconds(dt, path)?;
        return Ok(PyString::new(py, &format_instant(t)).into_any());
    }
    if let Ok(d) = value.cast::<PyDate>() {
        return d.call_method0("isoformat");
    }
    if let Ok(t) = value.cast::<PyTime>() {
        if t.get_microsecond() != 0 {
            return Err(invalid_input(
                py,
                path,
                "local times are whole seconds: this time has microseconds",
            ));
        }
        let text = format!(
            "{:02}:{:02}:{:02}",
            t.get_hour(),
            t.get_minute(),
            t.get_second()
        );
        return Ok(PyString::new(py, &text).into_any());
    }
    if let Ok(delta) = value.cast::<PyDelta>() {
        let secs = delta_seconds(delta, path)?;
        return Ok(PyString::new(py, &format_duration(secs)).into_any());
    }
    if value.is_instance_of::<PyTzInfo>() {
        return zone_name(value, path).map(|n| PyString::new(py, &n).into_any());
    }
    // Integers of other libraries (numpy.int64 from a DataFrame) are ints.
    if let Ok(index) = value.call_method0("__index__") {
        return Ok(index);
    }
    if let Ok(to_dict) = value.getattr("to_dict") {
        return to_dict.call0();
    }
    if let Ok(map) = value.cast::<PyMapping>() {
        return normalize_map(map.items()?.into_any(), path);
    }
    if value.cast::<PySequence>().is_ok() && !value.is_instance_of::<pyo3::types::PyBytes>() {
        return normalize_seq(value, path);
    }
    Err(invalid_input(
        py,
        path,
        format!(
            "a {} has no JSON form the engine reads",
            value.get_type().name()?
        ),
    ))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn normalize_map<'py>(items: Bound<'py, PyAny>, path: &str) -> PyResult<Bound<'py, PyAny>> {
    let py = items.py();
    let out = PyDict::new(py);
    for item in items.try_iter()? {
        let (key, value): (Bound<'py, PyAny>, Bound<'py, PyAny>) = item?.extract()?;
        let Ok(name) = key.cast::<PyString>() else {
            return Err(invalid_input(
                py,
                path,
                format!("keys must be strings, got {}", key.repr()?),
            ));
        };
        let field = join(path, &name.to_cow()?);
        out.set_item(name, normalize(&value, &field)?)?;
    }
    Ok(out.into_any())
}

fn normalize_seq<'py>(value: &Bound<'py, PyAny>, path: &str) -> PyResult<Bound<'py, PyAny>> {
    let py = value.py();
    let mut items = Vec::new();
    for (i, item) in value.try_iter()?.enumerate() {
        items.push(normalize(&item?, &format!("{path}[{i}]"))?);
    }
    Ok(PyList::new(py, items)?.into_any())
}

/// The IANA name of a `zoneinfo.ZoneInfo` (its `key`), or `UTC` for
/// `datetime.timezone.utc`; fixed offsets have no IANA name.
fn zone_name(tz: &Bound<'_, PyAny>, path: &str) -> PyResult<String> {
    let py = tz.py();
    if let Ok(key) = tz.getattr("key") {
        if let Ok(name) = key.extract::<String>() {
            return Ok(name);
        }
    }
    if tz.eq(utc(py)?)? {
        return Ok("UTC".to_owned());
    }
    Err(to_py(
        py,
        &Error::new(
            slotwise::ErrorCode::UnknownTimezone,
            format!(
                "{} is not an IANA zone: give a name or a zoneinfo.ZoneInfo",
                tz.repr()?
            ),
        )
        .at(path),
    ))
}

/// A schedule, appointment, query or other record from a dict in its JSON shape
/// (Python values allowed as above), or from JSON text. Errors are `invalid_input`
/// naming the field below `path`.
pub fn record<T: DeserializeOwned>(value: &Bound<'_, PyAny>, path: &str) -> PyResult<T> {
    let py = value.py();
    if let Ok(text) = value.cast::<PyString>() {
        let limits = slotwise::Limits::default();
        return check(
            py,
            slotwise::from_json::<T>(&text.to_cow()?, &limits).map_err(|e| prefix(e, path)),
        );
    }
    if !value.is_instance_of::<PyDict>()
        && value.cast::<PyMapping>().is_err()
        && value.getattr("to_dict").is_err()
    {
        return Err(invalid_input(
            py,
            path,
            format!(
                "expected a dict (or JSON text), got {}",
                value.get_type().name()?
            ),
        ));
    }
    let plain = normalize(value, path)?;
    let mut de = pythonize::Depythonizer::from_object(&plain);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.path().to_string();
        let error = Error::invalid_input(e.into_inner().to_string());
        let error = if inner == "." {
            error
        } else {
            error.at(&inner)
        };
        to_py(py, &prefix(error, path))
    })
}

fn prefix(error: Error, path: &str) -> Error {
    if path.is_empty() {
        error
    } else {
        error.at(path)
    }
}

/// A Python object as a `str` argument, with an error naming it otherwise.
pub fn text(value: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    value.extract::<String>().map_err(|_| {
        invalid_input(
            value.py(),
            name,
            format!(
                "expected a str, got {}",
                value
                    .get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ),
        )
    })
}
