//! Instants out as aware UTC `datetime` objects, fast.
//!
//! The limited API (abi3) has no `datetime` constructor: calling the type costs a
//! Python-level call with argument parsing per object. This module has three ways
//! to make one, and takes the fastest whose checks pass, once per process:
//!
//! 1. **direct** (CPython 3.10 to 3.15): the object is allocated with the
//!    `datetime` type's own `tp_alloc` (read with the stable `PyType_GetSlot`,
//!    which reads static types from 3.10 on) and its fields written as CPython's
//!    constructor writes them, through the `PyDateTime_DateTime` layout of
//!    `datetime.h` (object head, hash `-1`, `hastzinfo` 1, ten data bytes, `fold`
//!    0, a new reference to `datetime.timezone.utc`). That layout has been the
//!    same from 3.6 to 3.15: it is what CPython's own `PyDateTime_GET_*` macros
//!    read. It skips the C API constructor's argument and tzinfo checks, which
//!    every instant of the engine passes by construction (years 1 to 9999 are
//!    checked here). Used only when `object.__basicsize__` is the object head
//!    this wheel was built for (a free-threaded or trace-refs build has a larger
//!    one; abi3 wheels do not load on free-threaded builds anyway),
//!    `datetime.datetime.__basicsize__` is the struct's size (the pure-Python
//!    `datetime` is much larger), datetimes made by the type read back through
//!    the struct with the right bytes, `fold`, `hastzinfo` and `tzinfo` (and a
//!    naive one without `hastzinfo`), and datetimes made here (years 1 and 9999,
//!    leap days, microseconds in each of their three bytes) equal the type's in
//!    value, type, hash, repr, fields, ISO text and pickled state, and survive a
//!    pickle round trip. Aware UTC datetimes of exactly this type given as
//!    arguments are read back through the same layout.
//! 2. **capsule** (CPython 3.9 to 3.15): CPython's `datetime` C API (the
//!    `datetime.datetime_CAPI` capsule, reached with the stable `PyCapsule_Import`)
//!    makes each datetime with one C call. Its table is not part of the limited
//!    API: used when its first eight fields (five types, the UTC singleton, the
//!    date and datetime constructors; the table has only grown at its end since
//!    3.7) hold exactly this interpreter's `datetime.date`, `datetime.datetime`,
//!    `datetime.time`, `datetime.timedelta`, `datetime.tzinfo` and
//!    `datetime.timezone.utc`, and a datetime it makes equals the one the type
//!    makes.
//! 3. **call** (anywhere): the type called with its pickled state
//!    (`datetime(b"\x07\xea...", utc)`, the form pickles have always used, which
//!    skips argument parsing): slower, but only the limited API.
//!
//! `SLOTWISE_DATETIME_CAPI=capsule` in the environment stops at the capsule (no
//! struct writes), `SLOTWISE_DATETIME_CAPI=0` takes the call. The choice is made
//! once per process: pyo3 modules do not load in subinterpreters, so there is one
//! `datetime` module to check.

use std::mem::{offset_of, size_of};
use std::os::raw::{c_char, c_int};

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple, PyType};
use slotwise::time::Instant;
use slotwise::Error;

use crate::civil::{days_from_civil, days_in_month, Civil};
use crate::errors::to_py;
use crate::lists::Filler;

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

/// CPython's `PyDateTime_DateTime` (`datetime.h`): an aware datetime object.
#[repr(C)]
struct DateTimeObject {
    ob_base: ffi::PyObject,
    /// `-1` until `hash()` computes it.
    hashcode: ffi::Py_hash_t,
    /// 1: the object has the `tzinfo` field below.
    hastzinfo: c_char,
    /// Year (2 bytes, big-endian), month, day, hour, minute, second, microsecond
    /// (3 bytes, big-endian): also the pickled state.
    data: [u8; 10],
    fold: u8,
    tzinfo: *mut ffi::PyObject,
}

/// The fields of a datetime object, read through the layout above one by one (a
/// naive datetime is a shorter allocation, without `fold` and `tzinfo`).
struct Seen {
    hastzinfo: c_char,
    data: [u8; 10],
    /// `fold` and `tzinfo` when `hastzinfo` says they are allocated.
    aware: Option<(u8, *mut ffi::PyObject)>,
}

impl Seen {
    /// # Safety
    /// `obj` must be a live object of exactly a `datetime` type whose layout is
    /// `DateTimeObject` (its basic size checked), aware or naive.
    unsafe fn of(obj: *mut ffi::PyObject) -> Seen {
        let at = |offset: usize| obj.cast::<u8>().add(offset);
        let hastzinfo = at(offset_of!(DateTimeObject, hastzinfo))
            .cast::<c_char>()
            .read();
        let data = at(offset_of!(DateTimeObject, data))
            .cast::<[u8; 10]>()
            .read();
        let aware = (hastzinfo != 0).then(|| {
            (
                at(offset_of!(DateTimeObject, fold)).read(),
                at(offset_of!(DateTimeObject, tzinfo))
                    .cast::<*mut ffi::PyObject>()
                    .read_unaligned(),
            )
        });
        Seen {
            hastzinfo,
            data,
            aware,
        }
    }
}

/// Calendar fields and microsecond of one datetime.
#[derive(Clone, Copy)]
struct Fields {
    /// `(year, month, day, hour, minute, second)`.
    ymdhms: [c_int; 6],
    microsecond: c_int,
}

impl Fields {
    /// The ten data bytes of `datetime.h` (and of the pickled state).
    fn bytes(self) -> [u8; 10] {
        let [y, m, d, hh, mm, ss] = self.ymdhms;
        let us = self.microsecond;
        [
            (y >> 8) as u8,
            y as u8,
            m as u8,
            d as u8,
            hh as u8,
            mm as u8,
            ss as u8,
            (us >> 16) as u8,
            (us >> 8) as u8,
            us as u8,
        ]
    }
}

/// Datetimes written through the checked layout.
struct Direct {
    alloc: ffi::allocfunc,
    datetime_type: *mut ffi::PyTypeObject,
    utc: *mut ffi::PyObject,
    /// Strong references keeping the two above alive.
    _owners: (Py<PyAny>, Py<PyAny>),
}

impl Direct {
    /// A new reference to the aware UTC datetime of `data`, or null with an
    /// exception set (out of memory).
    ///
    /// # Safety
    /// The GIL must be held and `data` must hold a valid date and time of the
    /// years 1 to 9999.
    #[inline(always)]
    unsafe fn make(&self, data: [u8; 10]) -> *mut ffi::PyObject {
        // `nitems` 1: the aware size, as CPython's own constructor asks for.
        let obj = (self.alloc)(self.datetime_type, 1);
        if !obj.is_null() {
            let dt = obj.cast::<DateTimeObject>();
            (*dt).hashcode = -1;
            (*dt).hastzinfo = 1;
            (*dt).data = data;
            (*dt).fold = 0;
            ffi::Py_INCREF(self.utc);
            (*dt).tzinfo = self.utc;
        }
        obj
    }
}

/// How this process makes datetimes, chosen once.
enum Maker {
    /// Allocated by the type, written through the checked layout.
    Direct(Direct),
    /// The checked C API table; the `datetime` module owning it is never unloaded.
    Capsule(*const DateTimeApi),
    /// `datetime.datetime` called with a pickled state and `datetime.timezone.utc`.
    Call { datetime: Py<PyAny>, utc: Py<PyAny> },
}

// SAFETY: the C API table and the type and singleton pointers are immutable after
// import and only used with the GIL (attached thread) held; the `Py` handles are
// Send + Sync themselves.
unsafe impl Send for Maker {}
unsafe impl Sync for Maker {}

/// CPython minor versions (3.x) whose `PyDateTime_CAPI` head is known to be the one
/// above.
const KNOWN_MINORS: std::ops::RangeInclusive<u32> = 9..=15;

/// CPython minor versions whose `PyDateTime_DateTime` is known to be the one above
/// and whose static types' slots `PyType_GetSlot` reads (3.10 on).
const DIRECT_MINORS: std::ops::RangeInclusive<u32> = 10..=15;

/// The ways, fastest first, as `SLOTWISE_DATETIME_CAPI` can cap them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Way {
    Call,
    Capsule,
    Direct,
}

fn wanted() -> Way {
    match std::env::var_os("SLOTWISE_DATETIME_CAPI") {
        Some(v) if v == "0" => Way::Call,
        Some(v) if v == "capsule" => Way::Capsule,
        _ => Way::Direct,
    }
}

fn maker(py: Python<'_>) -> PyResult<&'static Maker> {
    static MAKER: PyOnceLock<Maker> = PyOnceLock::new();
    MAKER.get_or_try_init(py, || {
        let module = py.import("datetime")?;
        let wanted = wanted();
        let minor = cpython_minor(py)?;
        if wanted == Way::Direct && minor.is_some_and(|m| DIRECT_MINORS.contains(&m)) {
            if let Some(direct) = checked_direct(py, &module)? {
                return Ok(Maker::Direct(direct));
            }
        }
        if wanted >= Way::Capsule && minor.is_some_and(|m| KNOWN_MINORS.contains(&m)) {
            if let Some(api) = checked_capsule(py, &module)? {
                return Ok(Maker::Capsule(api));
            }
        }
        Ok(Maker::Call {
            datetime: module.getattr("datetime")?.unbind(),
            utc: module.getattr("timezone")?.getattr("utc")?.unbind(),
        })
    })
}

/// The minor version of this interpreter if it is CPython 3.
fn cpython_minor(py: Python<'_>) -> PyResult<Option<u32>> {
    let sys = py.import("sys")?;
    let name: String = sys.getattr("implementation")?.getattr("name")?.extract()?;
    let version = sys.getattr("version_info")?;
    let major: u32 = version.getattr("major")?.extract()?;
    let minor: u32 = version.getattr("minor")?.extract()?;
    Ok((name == "cpython" && major == 3).then_some(minor))
}

/// The C API table if every check of the capsule passes (on a CPython whose
/// table head is known), else None.
fn checked_capsule(
    py: Python<'_>,
    module: &Bound<'_, PyModule>,
) -> PyResult<Option<*const DateTimeApi>> {
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
    // A trial: 2026-03-08T07:30:45.000123Z made both ways.
    let trial = Fields {
        ymdhms: [2026, 3, 8, 7, 30, 45],
        microsecond: 123,
    };
    // SAFETY: the table checked above; the GIL is held.
    let made = unsafe { Bound::from_owned_ptr_or_err(py, capsule_make(table, trial)) };
    let Ok(made) = made else {
        return Ok(None);
    };
    let called = by_type(module, trial, 0)?;
    if !made.get_type().is(called.get_type()) || !made.eq(&called)? {
        return Ok(None);
    }
    Ok(Some(api))
}

/// The aware UTC datetime of `f` (and `fold`) made by calling the type with
/// keywords, the reference the other ways are checked against.
fn by_type<'py>(module: &Bound<'py, PyModule>, f: Fields, fold: u8) -> PyResult<Bound<'py, PyAny>> {
    let py = module.py();
    let [y, m, d, hh, mm, ss] = f.ymdhms;
    let kwargs = PyDict::new(py);
    kwargs.set_item("tzinfo", module.getattr("timezone")?.getattr("utc")?)?;
    kwargs.set_item("fold", fold)?;
    module
        .getattr("datetime")?
        .call((y, m, d, hh, mm, ss, f.microsecond), Some(&kwargs))
}

/// Datetimes checked for the direct way: the years' ends, leap days, and
/// microseconds filling each of their three bytes.
const DIRECT_TRIALS: [Fields; 7] = [
    Fields {
        ymdhms: [1, 1, 1, 0, 0, 0],
        microsecond: 0,
    },
    Fields {
        ymdhms: [9999, 12, 31, 23, 59, 59],
        microsecond: 999_999,
    },
    Fields {
        ymdhms: [2024, 2, 29, 12, 34, 56],
        microsecond: 789_012,
    },
    Fields {
        ymdhms: [2000, 2, 29, 1, 2, 3],
        microsecond: 65_536,
    },
    Fields {
        ymdhms: [1970, 1, 1, 0, 0, 0],
        microsecond: 1,
    },
    Fields {
        ymdhms: [2026, 11, 1, 6, 30, 0],
        microsecond: 256,
    },
    Fields {
        ymdhms: [256, 7, 15, 18, 45, 30],
        microsecond: 0,
    },
];

/// The direct way if its checks (in the module docs) pass, else None.
fn checked_direct(py: Python<'_>, module: &Bound<'_, PyModule>) -> PyResult<Option<Direct>> {
    let datetime = module.getattr("datetime")?;
    let utc = module.getattr("timezone")?.getattr("utc")?;
    let Ok(datetime_type) = datetime.cast::<PyType>() else {
        return Ok(None);
    };
    let datetime_type = datetime_type.as_type_ptr();
    let object = py.import("builtins")?.getattr("object")?;
    let basicsize =
        |t: &Bound<'_, PyAny>| -> PyResult<usize> { t.getattr("__basicsize__")?.extract() };
    if basicsize(&object)? != size_of::<ffi::PyObject>()
        || basicsize(&datetime)? != size_of::<DateTimeObject>()
        || datetime.getattr("__itemsize__")?.extract::<usize>()? != 0
    {
        return Ok(None);
    }
    // SAFETY: a stable-ABI call with the GIL held on a type object (3.10 on reads
    // static types too); null means no slot or an exception set.
    let slot = unsafe { ffi::PyType_GetSlot(datetime_type, ffi::Py_tp_alloc) };
    if slot.is_null() {
        let _ = PyErr::take(py);
        return Ok(None);
    }
    let direct = Direct {
        // SAFETY: the `Py_tp_alloc` slot holds an `allocfunc`.
        alloc: unsafe { std::mem::transmute::<*mut std::ffi::c_void, ffi::allocfunc>(slot) },
        datetime_type,
        utc: utc.as_ptr(),
        _owners: (datetime.clone().unbind(), utc.clone().unbind()),
    };
    for (i, &trial) in DIRECT_TRIALS.iter().enumerate() {
        // The type's own datetimes, with either fold, read through the struct.
        for fold in [0, 1] {
            let theirs = by_type(module, trial, fold)?;
            if !theirs.get_type().is(&datetime) {
                return Ok(None);
            }
            // SAFETY: a datetime of exactly this type, whose size was checked
            // above to be the struct's.
            let seen = unsafe { Seen::of(theirs.as_ptr()) };
            if seen.hastzinfo != 1
                || seen.data != trial.bytes()
                || seen.aware != Some((fold, utc.as_ptr()))
            {
                return Ok(None);
            }
        }
        // Ours against the type's, every way Python can look at them.
        let theirs = by_type(module, trial, 0)?;
        // SAFETY: the GIL is held; the trial is a valid date and time.
        let ours = unsafe { Bound::from_owned_ptr_or_err(py, direct.make(trial.bytes()))? };
        if !same_datetime(&ours, &theirs, &utc, trial)? {
            return Ok(None);
        }
        // A pickle round trip (what `pickle` calls, without importing it).
        let reduced = ours.call_method0("__reduce__")?;
        let again = reduced
            .get_item(0)?
            .call1(reduced.get_item(1)?.cast_into::<PyTuple>()?)?;
        if !same_datetime(&again, &theirs, &utc, trial)?
            || !reduced.eq(theirs.call_method0("__reduce__")?)?
        {
            return Ok(None);
        }
        // A naive datetime (the smaller allocation) says it has no tzinfo.
        if i == 0 {
            let kwargs = PyDict::new(py);
            kwargs.set_item("tzinfo", py.None())?;
            let naive = theirs.call_method("replace", (), Some(&kwargs))?;
            if !naive.get_type().is(&datetime) {
                return Ok(None);
            }
            // SAFETY: a datetime of exactly this type; a naive one holds
            // `hastzinfo` and the data at the same offsets (`_PyTZINFO_HEAD`).
            let seen = unsafe { Seen::of(naive.as_ptr()) };
            if seen.hastzinfo != 0 || seen.data != trial.bytes() || seen.aware.is_some() {
                return Ok(None);
            }
        }
    }
    Ok(Some(direct))
}

/// Whether `ours` is `theirs` in every observable way, and holds `f`.
fn same_datetime(
    ours: &Bound<'_, PyAny>,
    theirs: &Bound<'_, PyAny>,
    utc: &Bound<'_, PyAny>,
    f: Fields,
) -> PyResult<bool> {
    if !ours.get_type().is(theirs.get_type())
        || !ours.eq(theirs)?
        || ours.hash()? != theirs.hash()?
        || ours.repr()?.to_cow()? != theirs.repr()?.to_cow()?
        || !ours.getattr("tzinfo")?.is(utc)
        || ours.getattr("fold")?.extract::<c_int>()? != 0
    {
        return Ok(false);
    }
    let [y, m, d, hh, mm, ss] = f.ymdhms;
    let wanted = [
        ("year", y),
        ("month", m),
        ("day", d),
        ("hour", hh),
        ("minute", mm),
        ("second", ss),
        ("microsecond", f.microsecond),
    ];
    for (name, value) in wanted {
        if ours.getattr(name)?.extract::<c_int>()? != value {
            return Ok(false);
        }
    }
    let iso = |o: &Bound<'_, PyAny>| -> PyResult<String> { o.call_method0("isoformat")?.extract() };
    Ok(iso(ours)? == iso(theirs)?)
}

/// A new reference to the datetime of `f` from the C API, or null with an
/// exception set.
///
/// # Safety
/// The GIL must be held; `api` a checked table.
unsafe fn capsule_make(api: &DateTimeApi, f: Fields) -> *mut ffi::PyObject {
    let [y, m, d, hh, mm, ss] = f.ymdhms;
    (api.datetime_from_date_and_time)(
        y,
        m,
        d,
        hh,
        mm,
        ss,
        f.microsecond,
        api.timezone_utc,
        api.datetime_type,
    )
}

/// Which way this process makes the datetimes of answers: `"direct"`,
/// `"capsule"` or `"call"`, for tests and benchmarks.
pub fn path(py: Python<'_>) -> PyResult<&'static str> {
    Ok(match maker(py)? {
        Maker::Direct(_) => "direct",
        Maker::Capsule(_) => "capsule",
        Maker::Call { .. } => "call",
    })
}

/// The instant of `value` read straight from its fields, when the direct way is
/// in use and `value` is an aware datetime of exactly `datetime.datetime` in
/// `datetime.timezone.utc` (microseconds dropped, as everywhere); None for
/// anything else, to be read the general way.
pub fn utc_instant(value: &Bound<'_, PyAny>) -> Option<Instant> {
    let Ok(Maker::Direct(direct)) = maker(value.py()) else {
        return None;
    };
    if value.get_type_ptr() != direct.datetime_type {
        return None;
    }
    // SAFETY: an object of exactly the `datetime` type, whose layout the direct
    // way checked.
    let seen = unsafe { Seen::of(value.as_ptr()) };
    if seen.hastzinfo != 1 || seen.aware.map(|(_, tz)| tz) != Some(direct.utc) {
        return None;
    }
    let d = seen.data;
    let year = u16::from_be_bytes([d[0], d[1]]);
    // The type's pickled-state form checks only the month of the bytes it is
    // given: anything else out of range is left to the general way's errors.
    let valid = (1..=9999).contains(&year)
        && (1..=12).contains(&d[2])
        && d[3] >= 1
        && i64::from(d[3]) <= days_in_month(c_int::from(year), c_int::from(d[2]))
        && d[4] < 24
        && d[5] < 60
        && d[6] < 60;
    if !valid {
        return None;
    }
    let days = days_from_civil(i64::from(year), d[2], d[3]);
    Some(days * 86_400 + i64::from(d[4]) * 3600 + i64::from(d[5]) * 60 + i64::from(d[6]))
}

/// The ten data bytes of `t` (no microseconds), or None outside the years 1 to
/// 9999.
#[inline(always)]
fn data_of(civil: &mut Civil, t: Instant) -> Option<[u8; 10]> {
    let secs = civil.second_of_day(t)?;
    let [y0, y1, m, d] = civil.packed_date();
    // Below 86,400 seconds: each part fits a byte.
    let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
    Some([y0, y1, m, d, hh as u8, mm as u8, ss as u8, 0, 0, 0])
}

/// The fields of `t`, or None outside the years 1 to 9999.
fn fields_of(civil: &mut Civil, t: Instant) -> Option<Fields> {
    let secs = civil.second_of_day(t)? as c_int;
    let (y, m, d) = civil.ymd();
    Some(Fields {
        ymdhms: [y, m, d, secs / 3600, secs / 60 % 60, secs % 60],
        microsecond: 0,
    })
}

fn out_of_range(py: Python<'_>, t: Instant) -> PyErr {
    to_py(
        py,
        &Error::invalid_input(format!("{t} is outside the years 0001 to 9999")),
    )
}

impl Maker {
    /// A new reference to the datetime of `f`, or null with an exception set.
    ///
    /// # Safety
    /// The GIL must be held and `f` must be a valid date and time of the years 1
    /// to 9999.
    #[inline(always)]
    unsafe fn raw(&self, py: Python<'_>, f: Fields) -> *mut ffi::PyObject {
        match self {
            Maker::Direct(direct) => direct.make(f.bytes()),
            Maker::Capsule(api) => capsule_make(&**api, f),
            Maker::Call { datetime, utc } => {
                let args = PyTuple::new(
                    py,
                    [
                        PyBytes::new(py, &f.bytes()).into_any(),
                        utc.bind(py).clone(),
                    ],
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
    let fields = fields_of(&mut Civil::new(), t).ok_or_else(|| out_of_range(py, t))?;
    // SAFETY: the GIL is held; fields from `Civil` are valid; a new reference or
    // null with an exception set.
    unsafe { Bound::from_owned_ptr_or_err(py, maker.raw(py, fields)) }
}

/// The aware UTC datetime of the given fields, made the way answers' datetimes
/// are (for tests: the fields are first checked by calling the type, which
/// raises `ValueError` on an invalid date or time).
pub fn made_here<'py>(
    py: Python<'py>,
    ymdhms: [c_int; 6],
    microsecond: c_int,
) -> PyResult<Bound<'py, PyAny>> {
    let f = Fields {
        ymdhms,
        microsecond,
    };
    by_type(&py.import("datetime")?, f, 0)?;
    let maker = maker(py)?;
    // SAFETY: the GIL is held; the type accepted the fields just above.
    unsafe { Bound::from_owned_ptr_or_err(py, maker.raw(py, f)) }
}

/// Many instants as a list of aware UTC datetimes, each put straight into a list
/// of the right length.
pub fn to_datetimes<'py>(py: Python<'py>, ts: &[Instant]) -> PyResult<Bound<'py, PyList>> {
    let maker = maker(py)?;
    let mut civil = Civil::new();
    if let Maker::Direct(direct) = maker {
        // The hot loop: no branch on the way, list slots written in place.
        let mut list = Filler::new(py, ts.len(), true)?;
        for &t in ts {
            let data = data_of(&mut civil, t).ok_or_else(|| out_of_range(py, t))?;
            // SAFETY: the GIL is held; `data` is a valid date and time of the
            // years 1 to 9999; `push` takes the new reference (or the error).
            unsafe { list.push(direct.make(data))? };
        }
        return list.finish();
    }
    let mut list = Filler::new(py, ts.len(), false)?;
    for &t in ts {
        let fields = fields_of(&mut civil, t).ok_or_else(|| out_of_range(py, t))?;
        // SAFETY: as above.
        unsafe { list.push(maker.raw(py, fields))? };
    }
    list.finish()
}

/// Instants as seconds since the Unix epoch in an `array.array("q")` (one copy of
/// 8 bytes each, no Python object per instant).
pub fn to_epoch_array<'py>(py: Python<'py>, ts: &[Instant]) -> PyResult<Bound<'py, PyAny>> {
    static ARRAY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let array = ARRAY.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("array")?.getattr("array")?.unbind())
    })?;
    // The bytes object is written in place: no buffer of our own in between.
    let bytes = PyBytes::new_with(py, std::mem::size_of_val(ts), |buf| {
        for (chunk, t) in buf.chunks_exact_mut(8).zip(ts) {
            chunk.copy_from_slice(&t.to_ne_bytes());
        }
        Ok(())
    })?;
    let out = array.bind(py).call1(("q",))?;
    out.call_method1("frombytes", (bytes,))?;
    Ok(out)
}
