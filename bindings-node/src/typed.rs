//! Typed arrays in memory the JavaScript engine owns, filled from Rust vectors with
//! one copy (instants become epoch milliseconds on the way), big ones on every core.
//!
//! The engine's garbage collector frees these arrays itself. Arrays over Rust memory
//! (napi "external" buffers) are only given back when the event loop next turns, so
//! a synchronous loop of big queries would hold every answer it had dropped (44 MB
//! per query of 1.4 M slots); here the Rust vectors are freed before the call
//! returns, and their memory serves the next answer.

use std::ffi::CStr;
use std::ptr;

use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{check_status, sys, ValueType};
use rayon::prelude::*;
use slotwise::time::Instant;

/// Rows copied by one task: big enough that a task's cost dwarfs handing it out.
const CHUNK: usize = 1 << 16;

/// A column to hand over.
pub enum Column {
    /// Becomes a `Uint32Array`.
    U32(Vec<u32>),
    /// Instants (seconds), becomes a `Float64Array` of epoch milliseconds.
    Millis(Vec<Instant>),
}

impl Column {
    fn len(&self) -> usize {
        match self {
            Column::U32(v) => v.len(),
            Column::Millis(v) => v.len(),
        }
    }

    fn kind(&self) -> sys::napi_typedarray_type {
        match self {
            Column::U32(_) => sys::TypedarrayType::uint32_array,
            Column::Millis(_) => sys::TypedarrayType::float64_array,
        }
    }

    fn width(&self) -> usize {
        match self {
            Column::U32(_) => 4,
            Column::Millis(_) => 8,
        }
    }

    /// Copy into `out`, `len() * width()` bytes aligned for the element type.
    ///
    /// SAFETY: `out` must be valid for writes of that many bytes, so aligned, and
    /// not touched by anything else meanwhile.
    unsafe fn fill(&self, out: *mut u8) {
        if self.len() == 0 {
            return;
        }
        match self {
            Column::U32(v) => {
                let out = unsafe { std::slice::from_raw_parts_mut(out.cast::<u32>(), v.len()) };
                chunked(out, v, |o, i| o.copy_from_slice(i));
            }
            Column::Millis(v) => {
                let out = unsafe { std::slice::from_raw_parts_mut(out.cast::<f64>(), v.len()) };
                chunked(out, v, |o, i| {
                    for (o, &s) in o.iter_mut().zip(i) {
                        *o = s as f64 * 1000.0;
                    }
                });
            }
        }
    }
}

/// `copy` over `out` and `input` in chunks, on every core when there is more than
/// one chunk.
fn chunked<O: Send, I: Sync>(out: &mut [O], input: &[I], copy: impl Fn(&mut [O], &[I]) + Sync) {
    if input.len() <= CHUNK {
        copy(out, input);
    } else {
        out.par_chunks_mut(CHUNK)
            .zip(input.par_chunks(CHUNK))
            .for_each(|(o, i)| copy(o, i));
    }
}

/// The typed arrays of `columns`, in order. The vectors are freed on return.
///
/// SAFETY: `env` is the current call's environment.
pub unsafe fn typed_arrays(
    env: sys::napi_env,
    columns: Vec<Column>,
) -> napi::Result<Vec<sys::napi_value>> {
    let mut buffers = Vec::with_capacity(columns.len());
    let mut memory = Vec::with_capacity(columns.len());
    for column in &columns {
        let mut data = ptr::null_mut();
        let mut buffer = ptr::null_mut();
        check_status!(
            unsafe {
                sys::napi_create_arraybuffer(
                    env,
                    column.len() * column.width(),
                    &mut data,
                    &mut buffer,
                )
            },
            "slotwise: no memory for an answer's column"
        )?;
        let data = data.cast::<u8>();
        if column.len() > 0 && (data.is_null() || data.align_offset(column.width()) != 0) {
            return Err(napi::Error::from_reason(
                "slotwise: the JavaScript engine gave an unaligned buffer",
            ));
        }
        buffers.push(buffer);
        memory.push(data as usize);
    }
    // SAFETY: each buffer was just made for its column and nothing else holds it.
    let fill = |(column, &data): (&Column, &usize)| unsafe { column.fill(data as *mut u8) };
    if columns.iter().map(Column::len).sum::<usize>() < CHUNK {
        // Small: handing work to the pool would cost more than the copy.
        columns.iter().zip(&memory).for_each(fill);
    } else {
        // Filled together: the first writes to fresh memory cost most, on every core.
        columns.par_iter().zip(&memory).for_each(fill);
    }
    let mut arrays = Vec::with_capacity(columns.len());
    for (column, buffer) in columns.iter().zip(buffers) {
        let mut array = ptr::null_mut();
        check_status!(unsafe {
            sys::napi_create_typedarray(env, column.kind(), column.len(), buffer, 0, &mut array)
        })?;
        arrays.push(array);
    }
    Ok(arrays)
}

/// An answer's rows as one plain object: `{ids, ...values, ...columns, length}`,
/// `ids` as an array of strings, each column as its typed array and `length` the
/// number of rows (every column has one a row).
///
/// SAFETY: `env` is the current call's environment; the values belong to it.
pub unsafe fn rows_object(
    env: sys::napi_env,
    ids: Vec<String>,
    values: &[(&CStr, sys::napi_value)],
    columns: Vec<(&CStr, Column)>,
) -> napi::Result<sys::napi_value> {
    let rows = columns.first().map_or(0, |(_, column)| column.len());
    let length = unsafe { u32::to_napi_value(env, u32::try_from(rows).unwrap_or(u32::MAX)) }?;
    let ids = unsafe { Vec::<String>::to_napi_value(env, ids) }?;
    let (names, columns): (Vec<&CStr>, Vec<Column>) = columns.into_iter().unzip();
    let arrays = unsafe { typed_arrays(env, columns) }?;
    let mut properties = Vec::with_capacity(2 + values.len() + arrays.len());
    properties.push((c"ids", ids));
    properties.extend_from_slice(values);
    properties.extend(names.into_iter().zip(arrays));
    properties.push((c"length", length));
    unsafe { object(env, &properties) }
}

/// A plain object with `properties`, in order.
///
/// SAFETY: `env` is the current call's environment; the values belong to it.
unsafe fn object(
    env: sys::napi_env,
    properties: &[(&CStr, sys::napi_value)],
) -> napi::Result<sys::napi_value> {
    let mut out = ptr::null_mut();
    check_status!(unsafe { sys::napi_create_object(env, &mut out) })?;
    for (name, value) in properties {
        check_status!(unsafe { sys::napi_set_named_property(env, out, name.as_ptr(), *value) })?;
    }
    Ok(out)
}

/// Instants handed over as a `Float64Array` of epoch milliseconds.
pub struct EpochMs(pub Vec<Instant>);

impl ToNapiValue for EpochMs {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let arrays = unsafe { typed_arrays(env, vec![Column::Millis(val.0)]) }?;
        Ok(arrays[0])
    }
}

impl TypeName for EpochMs {
    fn type_name() -> &'static str {
        "Float64Array"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}
