//! Lists of known length filled with new objects, fast.
//!
//! The limited API stores into a list only through `PyList_SetItem`, a function
//! call with a type check, a bounds check and the release of the slot's old item
//! per item. CPython's own `PyList_SET_ITEM` is one pointer store into the list's
//! `ob_item` array, through the `PyListObject` layout of `listobject.h`
//! (`PyObject_VAR_HEAD`, `PyObject **ob_item`, `Py_ssize_t allocated`), the same
//! since Python 2. A list is filled that way only when asked for (the callers ask
//! where they already rely on checked CPython layouts) and when, once per
//! process, `list.__basicsize__` is that struct's size and a list made by
//! `PyList_New` and filled by `PyList_SetItem` reads back through the struct with
//! its size and items; otherwise by `PyList_SetItem`.

use std::mem::size_of;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyList;

/// CPython's `PyListObject` (`listobject.h`).
#[repr(C)]
struct ListObject {
    ob_base: ffi::PyVarObject,
    ob_item: *mut *mut ffi::PyObject,
    allocated: ffi::Py_ssize_t,
}

/// Whether the layout above is this interpreter's, checked once.
fn layout_known(py: Python<'_>) -> bool {
    static KNOWN: PyOnceLock<bool> = PyOnceLock::new();
    *KNOWN.get_or_init(py, || check_layout(py).unwrap_or(false))
}

fn check_layout(py: Python<'_>) -> PyResult<bool> {
    let list_type = py.get_type::<PyList>();
    if list_type.getattr("__basicsize__")?.extract::<usize>()? != size_of::<ListObject>() {
        return Ok(false);
    }
    let items = [py.None(), py.NotImplemented(), py.Ellipsis()];
    let mut filler = Filler::new(py, items.len(), false)?;
    for item in &items {
        // SAFETY: a new reference, stolen by `push`.
        unsafe { filler.push(item.clone_ref(py).into_ptr())? };
    }
    let list = filler.finish()?;
    // SAFETY: `list` is a `list` whose size was checked above to be the struct's;
    // only read, and `ob_item` only within `ob_size` when it says 3.
    let known = unsafe {
        let raw = &*list.as_ptr().cast::<ListObject>();
        raw.ob_base.ob_size == 3
            && raw.allocated >= 3
            && !raw.ob_item.is_null()
            && (0..3).all(|i| *raw.ob_item.add(i) == items[i].as_ptr())
    };
    Ok(known && list.len() == 3 && list.get_item(2)?.is(&items[2]))
}

/// A new list of `len` slots being filled in order.
pub struct Filler<'py> {
    list: Bound<'py, PyList>,
    len: usize,
    next: usize,
    /// The list's `ob_item` when items are stored through the layout.
    items: *mut *mut ffi::PyObject,
}

impl<'py> Filler<'py> {
    /// A list of `len` empty slots, to be stored through the checked layout when
    /// `direct` (and the check passed).
    pub fn new(py: Python<'py>, len: usize, direct: bool) -> PyResult<Filler<'py>> {
        let n = ffi::Py_ssize_t::try_from(len)
            .map_err(|_| pyo3::exceptions::PyOverflowError::new_err("too many items"))?;
        // SAFETY: the GIL is held; a new list or null with an exception set. Its
        // slots start null, which the list's deallocation allows if we stop early.
        let list = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyList_New(n))? };
        // SAFETY: made by PyList_New above.
        let list = unsafe { list.cast_into_unchecked::<PyList>() };
        let items = if direct && len > 0 && layout_known(py) {
            // SAFETY: a list of the checked layout.
            unsafe { (*list.as_ptr().cast::<ListObject>()).ob_item }
        } else {
            std::ptr::null_mut()
        };
        Ok(Filler {
            list,
            len,
            next: 0,
            items,
        })
    }

    /// Stores `item` (a new reference, which this steals; null is an error
    /// already set) in the next slot.
    ///
    /// # Safety
    /// The GIL must be held and `item` must be null or an owned reference.
    #[inline(always)]
    pub unsafe fn push(&mut self, item: *mut ffi::PyObject) -> PyResult<()> {
        let py = self.list.py();
        if item.is_null() {
            return Err(PyErr::fetch(py));
        }
        if self.next >= self.len {
            ffi::Py_DECREF(item);
            return Err(pyo3::exceptions::PySystemError::new_err("list overfilled"));
        }
        if self.items.is_null() {
            // PyList_SetItem steals the reference, even when it fails.
            let i = self.next as ffi::Py_ssize_t;
            if ffi::PyList_SetItem(self.list.as_ptr(), i, item) != 0 {
                return Err(PyErr::fetch(py));
            }
        } else {
            // PyList_SET_ITEM: the slot is empty (a fresh list, filled once, in
            // order) and within the `len` slots PyList_New allocated.
            *self.items.add(self.next) = item;
        }
        self.next += 1;
        Ok(())
    }

    /// The list, once every slot is filled (a list with empty slots never
    /// reaches Python).
    pub fn finish(self) -> PyResult<Bound<'py, PyList>> {
        if self.next != self.len {
            return Err(pyo3::exceptions::PySystemError::new_err("list underfilled"));
        }
        Ok(self.list)
    }
}
