//! Panics: wasm32 aborts on a panic (the call traps). The hook keeps the message so
//! the package's entry can report it after the trap.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

thread_local! {
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Install the hook that records a panic's message (once, when the module starts).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        LAST.with(|last| {
            if let Ok(mut last) = last.try_borrow_mut() {
                *last = Some(message);
            }
        });
    }));
}

/// The message of the last panic, once.
#[wasm_bindgen(js_name = takePanicMessage)]
pub fn take_panic_message() -> Option<String> {
    LAST.with(|last| last.try_borrow_mut().ok().and_then(|mut l| l.take()))
}

/// Panic (to test recovery; not part of the API).
#[wasm_bindgen(js_name = __panicForTests)]
pub fn for_tests() {
    let reason: Option<&str> = std::hint::black_box(None);
    // A deliberate panic: the one way to test that a trap leaves the module usable.
    #[allow(clippy::expect_used)]
    reason.expect("a panic requested by a test");
}
