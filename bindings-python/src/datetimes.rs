//! Instants out as aware UTC `datetime` objects, fast.
//!
//! The limited API (abi3) has no `datetime` constructor: calling the type costs a
//! Python-level call with argument parsing per object. CPython's `datetime` C API
//! (the `datetime.datetime_CAPI` capsule, reached with the stable `PyCapsule_Import`)
//! makes one with a plain C call, several times faster, but its table is not part
//! of the limited API. It is used only where it is known and checked:
//!
//! - on CPython 3.9 to 3.15, whose `PyDateTime_CAPI` starts with the same eight
//!   fields (five types, the UTC singleton, the date and datetime constructors; the
//!   table has only grown at its end since 3.7);
//! - when its five types and its UTC singleton are exactly this interpreter's
//!   `datetime.date`, `datetime.datetime`, `datetime.time`, `datetime.timedelta`,
//!   `datetime.tzinfo` and `datetime.timezone.utc`;
//! - when a datetime it makes equals the one the type makes.
//!
//! Anywhere else (a newer CPython, a capsule that does not match, or
//! `SLOTWISE_DATETIME_CAPI=0` in the environment) datetimes are made by calling the
//! type with its pickled state (`datetime(b"\x07\xea...", utc)`, the form pickles
//! have always used, which skips argument parsing): slower, but only the limited API.
//! The choice is made once per process: pyo3 modules do not load in
//! subinterpreters, so there is one `datetime` module to check.

use std::os::raw::c_int;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyList, PyTuple};
use slotwise::time::Instant;
use slotwise::Error;

use crate::errors::to_py;

/// The head of CPython's `PyDateTime_CAPI` (`datetime.h`): the fields read here.
#[repr(C)]
struct DateTimeApi {
    date_type: *mut ffi::PyTypeObject,
    datetime_type: *mut ffi::PyTypeObject,
    time_type: *mut ffi::PyTypeObject,
    delta_type: *mut ffi::PyTypeObject,
    tzinfo_type: *mut ffi::PyTypeObject,
    timezone_utc: *mut ffi::PyObject,
    date_from_date:
        unsafe extern "C" fn(c_int, c_int, c_int, *mut ffi::PyTypeObject) -> *mut ffi::PyObject,
    datetime_from_date_and_time: unsafe extern "C" fn(
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        c_int,
        *mut ffi::PyObject,
        *mut ffi::PyTypeObject,
    ) -> *mut ffi::PyObject,
}

/// How this process makes datetimes, chosen once.
enum Maker {
    /// The checked C API table; the `datetime` module owning it is never unloaded.
    Capsule(*const DateTimeApi),
    /// `datetime.datetime` called with a pickled state and `datetime.timezone.utc`.
    Call { datetime: Py<PyAny>, utc: Py<PyAny> },
}

// SAFETY: the C API table is immutable after import and only read with the GIL
// (attached thread) held; the `Py` handles are Send + Sync themselves.
unsafe impl Send for Maker {}
unsafe impl Sync for Maker {}

/// CPython minor versions (3.x) whose `PyDateTime_CAPI` head is known to be the one
/// above.
const KNOWN_MINORS: std::ops::RangeInclusive<u32> = 9..=15;

fn maker(py: Python<'_>) -> PyResult<&'static Maker> {
    static MAKER: PyOnceLock<Maker> = PyOnceLock::new();
    MAKER.get_or_try_init(py, || {
        let module = py.import("datetime")?;
        let datetime = module.getattr("datetime")?;
        let utc = module.getattr("timezone")?.getattr("utc")?;
        let api = match checked_capsule(py, &module)? {
            Some(api) => api,
            None => {
                return Ok(Maker::Call {
                    datetime: datetime.unbind(),
                    utc: utc.unbind(),
                })
            }
        };
        Ok(Maker::Capsule(api))
    })
}

/// The C API table if every check above passes, else None.
fn checked_capsule(
    py: Python<'_>,
    module: &Bound<'_, PyModule>,
) -> PyResult<Option<*const DateTimeApi>> {
    if std::env::var_os("SLOTWISE_DATETIME_CAPI").is_some_and(|v| v == "0") {
        return Ok(None);
    }
    let sys = py.import("sys")?;
    let name: String = sys.getattr("implementation")?.getattr("name")?.extract()?;
    let version = sys.getattr("version_info")?;
    let major: u32 = version.getattr("major")?.extract()?;
    let minor: u32 = version.getattr("minor")?.extract()?;
    if name != "cpython" || major != 3 || !KNOWN_MINORS.contains(&minor) {
        return Ok(None);
    }
    // SAFETY: a stable-ABI call with the GIL held; null means an exception is set.
    let ptr = unsafe { ffi::PyCapsule_Import(c"datetime.datetime_CAPI".as_ptr(), 0) };
    if ptr.is_null() {
        let _ = PyErr::take(py);
        return Ok(None);
    }
    let api = ptr.cast::<DateTimeApi>().cast_const();
    // SAFETY: on these versions the capsule points to a table at least this long,
    // which lives as long as the `datetime` module.
    let table = unsafe { &*api };
    let same = |field: *mut ffi::PyObject, attr: &Bound<'_, PyAny>| field == attr.as_ptr();
    let tz = module.getattr("timezone")?.getattr("utc")?;
    if !(same(table.date_type.cast(), &module.getattr("date")?)
        && same(table.datetime_type.cast(), &module.getattr("datetime")?)
        && same(table.time_type.cast(), &module.getattr("time")?)
        && same(table.delta_type.cast(), &module.getattr("timedelta")?)
        && same(table.tzinfo_type.cast(), &module.getattr("tzinfo")?)
        && same(table.timezone_utc, &tz))
    {
        return Ok(None);
    }
    // A trial: 2026-03-08T07:30:45Z made both ways.
    // SAFETY: the table checked above; the GIL is held; a new reference or null.
    let made = unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            (table.datetime_from_date_and_time)(
                2026,
                3,
                8,
                7,
                30,
                45,
                0,
                table.timezone_utc,
                table.datetime_type,
            ),
        )
    };
    let Ok(made) = made else {
        return Ok(None);
    };
    let called = module
        .getattr("datetime")?
        .call1((2026, 3, 8, 7, 30, 45, 0, &tz))?;
    if !made.get_type().is(called.get_type()) || !made.eq(&called)? {
        return Ok(None);
    }
    Ok(Some(api))
}

/// Whether datetimes are made through the C API (`"capsule"`) or by calling the
/// type (`"call"`), for tests and benchmarks.
pub fn path(py: Python<'_>) -> PyResult<&'static str> {
    Ok(match maker(py)? {
        Maker::Capsule(_) => "capsule",
        Maker::Call { .. } => "call",
    })
}

/// Calendar fields of instants, with the last day's date kept: consecutive
/// instants of one day (slots, hours of a rule) skip the date arithmetic, and so
/// does the next day until the 28th of a month.
struct Civil {
    day: i64,
    ymd: (c_int, c_int, c_int),
}

impl Civil {
    fn new() -> Civil {
        Civil {
            day: i64::MIN,
            ymd: (0, 0, 0),
        }
    }

    /// `(year, month, day, hour, minute, second)` of `t`, or None outside the
    /// years 1 to 9999.
    fn fields(&mut self, t: Instant) -> Option<[c_int; 6]> {
        let day = t.div_euclid(86_400);
        let secs = t.rem_euclid(86_400);
        if day != self.day {
            let (y, m, d) = self.ymd;
            // The next day of a date before the 28th is in the same month.
            self.ymd = if day == self.day.wrapping_add(1) && d < 28 {
                (y, m, d + 1)
            } else {
                civil_from_days(day)?
            };
            self.day = day;
        }
        let (y, m, d) = self.ymd;
        // Below 86,400: each part fits.
        let secs = secs as c_int;
        Some([y, m, d, secs / 3600, secs / 60 % 60, secs % 60])
    }
}

/// The proleptic Gregorian `(year, month, day)` of a day number (0 is 1970-01-01),
/// or None outside the years 1 to 9999 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(day: i64) -> Option<(c_int, c_int, c_int)> {
    // 0001-01-01 is day -719,162 and 9999-12-31 day 2,932,896.
    if !(-719_162..=2_932_896).contains(&day) {
        return None;
    }
    // Days since 0000-03-01, in 400-year eras (always >= 0 in this range).
    let z = day + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    // Within the range checked above each part fits a C int.
    Some((y as c_int, m as c_int, d as c_int))
}

fn out_of_range(py: Python<'_>, t: Instant) -> PyErr {
    to_py(
        py,
        &Error::invalid_input(format!("{t} is outside the years 0001 to 9999")),
    )
}

impl Maker {
    /// A new reference to the datetime of `fields`, or null with an exception set.
    ///
    /// # Safety
    /// The GIL must be held.
    unsafe fn raw(&self, py: Python<'_>, f: [c_int; 6]) -> *mut ffi::PyObject {
        match self {
            Maker::Capsule(api) => {
                let api = &**api;
                (api.datetime_from_date_and_time)(
                    f[0],
                    f[1],
                    f[2],
                    f[3],
                    f[4],
                    f[5],
                    0,
                    api.timezone_utc,
                    api.datetime_type,
                )
            }
            Maker::Call { datetime, utc } => {
                // The pickled state: year (2 bytes, big-endian), month, day, hour,
                // minute, second, microsecond (3 bytes).
                let [y, m, d, hh, mm, ss] = f;
                let state = [
                    (y >> 8) as u8,
                    y as u8,
                    m as u8,
                    d as u8,
                    hh as u8,
                    mm as u8,
                    ss as u8,
                    0,
                    0,
                    0,
                ];
                let args = PyTuple::new(
                    py,
                    [PyBytes::new(py, &state).into_any(), utc.bind(py).clone()],
                );
                match args.and_then(|a| datetime.bind(py).call1(a)) {
                    Ok(dt) => dt.into_ptr(),
                    Err(e) => {
                        e.restore(py);
                        std::ptr::null_mut()
                    }
                }
            }
        }
    }
}

/// An instant as an aware `datetime` in UTC.
pub fn to_datetime(py: Python<'_>, t: Instant) -> PyResult<Bound<'_, PyAny>> {
    let maker = maker(py)?;
    let fields = Civil::new().fields(t).ok_or_else(|| out_of_range(py, t))?;
    // SAFETY: the GIL is held; a new reference or null with an exception set.
    unsafe { Bound::from_owned_ptr_or_err(py, maker.raw(py, fields)) }
}

/// Many instants as a list of aware UTC datetimes, each put straight into a list
/// of the right length.
pub fn to_datetimes<'py>(py: Python<'py>, ts: &[Instant]) -> PyResult<Bound<'py, PyList>> {
    let maker = maker(py)?;
    let len = ffi::Py_ssize_t::try_from(ts.len())
        .map_err(|_| pyo3::exceptions::PyOverflowError::new_err("too many instants"))?;
    // SAFETY: the GIL is held; a new list or null with an exception set. Its slots
    // start null, which the list's deallocation allows if we stop early.
    let list = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyList_New(len))? };
    let mut civil = Civil::new();
    for (i, &t) in ts.iter().enumerate() {
        let fields = civil.fields(t).ok_or_else(|| out_of_range(py, t))?;
        // SAFETY: the GIL is held.
        let item = unsafe { maker.raw(py, fields) };
        if item.is_null() {
            return Err(PyErr::fetch(py));
        }
        // SAFETY: `i < len`; PyList_SetItem steals the new reference.
        if unsafe { ffi::PyList_SetItem(list.as_ptr(), i as ffi::Py_ssize_t, item) } != 0 {
            return Err(PyErr::fetch(py));
        }
    }
    // SAFETY: made by PyList_New above.
    Ok(unsafe { list.cast_into_unchecked() })
}

/// Instants as seconds since the Unix epoch in an `array.array("q")` (one copy of
/// 8 bytes each, no Python object per instant).
pub fn to_epoch_array<'py>(py: Python<'py>, ts: &[Instant]) -> PyResult<Bound<'py, PyAny>> {
    static ARRAY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let array = ARRAY.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("array")?.getattr("array")?.unbind())
    })?;
    let bytes: Vec<u8> = ts.iter().flat_map(|t| t.to_ne_bytes()).collect();
    let out = array.bind(py).call1(("q",))?;
    out.call_method1("frombytes", (PyBytes::new(py, &bytes),))?;
    Ok(out)
}
