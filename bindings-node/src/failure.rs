//! How a call fails in JavaScript: an engine error becomes a `SlotwiseError` (the
//! class the package's index.js defines and registers, see `host`) with `code`, `path` and
//! `message`; a panic becomes a plain `Error` and never unwinds into Node.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::bindgen_prelude::{FnArgs, Unknown};
use napi::{Env, Status};

use crate::host::host;

/// Why a call failed.
#[derive(Debug)]
pub enum Failure {
    /// The engine refused the input.
    Engine(slotwise::Error),
    /// A bug: the engine panicked (the panic was caught).
    Panic(String),
}

impl From<slotwise::Error> for Failure {
    fn from(e: slotwise::Error) -> Self {
        Failure::Engine(e)
    }
}

/// Run `f`, catching a panic.
pub fn catch<T>(f: impl FnOnce() -> slotwise::Result<T>) -> Result<T, Failure> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(Failure::Engine(e)),
        Err(payload) => Err(Failure::Panic(panic_text(payload.as_ref()))),
    }
}

/// Run `f`, catching a panic, and turn a failure into the JavaScript error to throw.
pub fn guard<T>(env: &Env, f: impl FnOnce() -> slotwise::Result<T>) -> napi::Result<T> {
    catch(f).map_err(|failure| to_js(env, failure))
}

fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_owned()
    }
}

/// The JavaScript error for `failure`.
pub fn to_js(env: &Env, failure: Failure) -> napi::Error {
    match failure {
        Failure::Engine(e) => engine_error(env, &e).unwrap_or_else(|_| {
            napi::Error::new(Status::GenericFailure, format!("{}: {}", e.code(), e))
        }),
        Failure::Panic(text) => plain(
            env,
            &format!("slotwise: internal error (a bug, please report it): {text}"),
        ),
    }
}

/// A plain JavaScript `Error` with `message` and no `code` (napi's own errors carry
/// a status as `code`; this one is for failures that are not the engine's).
pub fn plain(env: &Env, message: &str) -> napi::Error {
    let make = || -> Option<napi::Error> {
        let mut text = std::ptr::null_mut();
        let mut error = std::ptr::null_mut();
        // SAFETY: `env` is the live env of the current call; both values are fresh.
        unsafe {
            let ok = napi::sys::Status::napi_ok;
            if napi::sys::napi_create_string_utf8(
                env.raw(),
                message.as_ptr().cast(),
                message.len() as isize,
                &mut text,
            ) != ok
                || napi::sys::napi_create_error(env.raw(), std::ptr::null_mut(), text, &mut error)
                    != ok
            {
                return None;
            }
            Some(napi::Error::from(Unknown::from_raw_unchecked(
                env.raw(),
                error,
            )))
        }
    };
    make().unwrap_or_else(|| napi::Error::new(Status::GenericFailure, message.to_owned()))
}

fn engine_error(env: &Env, e: &slotwise::Error) -> napi::Result<napi::Error> {
    let ctor = host(env)?.error_class.borrow_back(env)?;
    let error = ctor.new_instance(FnArgs::from((
        e.code().as_str().to_owned(),
        e.path().to_owned(),
        e.message(),
    )))?;
    Ok(napi::Error::from(error))
}
