//! The C ABI of slotwise: an opaque engine handle, the engine's JSON documents in
//! and out as UTF-8 (pointer and length), availability as columns, and one result
//! struct carrying either the answer or the error's code, message and field path.
//!
//! Every entry point catches panics, so none crosses the boundary; a null or
//! non-UTF-8 argument is an `invalid_input` error naming the argument. Memory the
//! library hands out is freed by the matching free function
//! (`slotwise_result_free`, `slotwise_columns_free`, `slotwise_engine_free`).
//! The engine handle may be shared between threads: queries run side by side,
//! changes wait for them (a read-write lock).
//!
//! Modules, lowest first: `code`, `buffer`, `result` (the panic guard), `handle`,
//! `args`, then the entry points: `info`, `lifecycle`, `changes`, `queries`,
//! `columns`.

pub mod args;
pub mod buffer;
pub mod changes;
pub mod code;
pub mod columns;
pub mod handle;
pub mod info;
pub mod lifecycle;
pub mod queries;
pub mod result;

pub use buffer::SlotwiseBuffer;
pub use code::SlotwiseCode;
pub use columns::SlotwiseColumns;
pub use handle::SlotwiseEngine;
pub use result::SlotwiseResult;
