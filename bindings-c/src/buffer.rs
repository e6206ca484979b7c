//! Bytes the library hands out: text (UTF-8, NUL-terminated after `len`) or binary
//! (a snapshot), owned by the library until freed through the struct holding it.

use std::ptr;

/// A run of bytes owned by the library. `data` is NULL when there is none. Text
/// buffers are also NUL-terminated (the NUL is not counted in `len`), so C can
/// print them directly.
#[repr(C)]
#[derive(Debug)]
pub struct SlotwiseBuffer {
    /// The first byte, or NULL.
    pub data: *mut u8,
    /// The number of bytes (without the trailing NUL of text).
    pub len: usize,
}

impl SlotwiseBuffer {
    /// No bytes.
    pub const EMPTY: SlotwiseBuffer = SlotwiseBuffer {
        data: ptr::null_mut(),
        len: 0,
    };

    /// Text, NUL-terminated.
    pub fn text(text: String) -> SlotwiseBuffer {
        SlotwiseBuffer::bytes(text.into_bytes())
    }

    /// Bytes, followed by a NUL that `len` does not count.
    pub fn bytes(mut bytes: Vec<u8>) -> SlotwiseBuffer {
        bytes.push(0);
        let len = bytes.len() - 1;
        SlotwiseBuffer {
            data: Box::into_raw(bytes.into_boxed_slice()).cast(),
            len,
        }
    }

    /// The bytes, for the library's own tests.
    ///
    /// # Safety
    /// `self` must come from [`SlotwiseBuffer::text`] or [`SlotwiseBuffer::bytes`]
    /// and not be released yet.
    pub unsafe fn as_slice(&self) -> &[u8] {
        if self.data.is_null() {
            &[]
        } else {
            std::slice::from_raw_parts(self.data, self.len)
        }
    }

    /// Free the bytes and make the buffer empty; releasing an empty buffer does
    /// nothing.
    ///
    /// # Safety
    /// `self` must be empty or come from [`SlotwiseBuffer::text`] or
    /// [`SlotwiseBuffer::bytes`], unchanged.
    pub unsafe fn release(&mut self) {
        if !self.data.is_null() {
            drop(Box::from_raw(ptr::slice_from_raw_parts_mut(
                self.data,
                self.len + 1,
            )));
        }
        *self = SlotwiseBuffer::EMPTY;
    }
}
