//! stdout as answers go out: buffered, written as the engine hands the answer over
//! (never held whole), a closed pipe (`| head`) ending the output quietly, and JSON
//! arrays written an element at a time in the layout `serde_json` gives the whole.

use std::io::{BufWriter, StdoutLock, Write};

use serde::Serialize;

/// Buffered stdout that remembers its first failure.
pub struct Output {
    out: BufWriter<StdoutLock<'static>>,
    failed: Option<std::io::Error>,
}

impl Output {
    pub fn new() -> Output {
        Output {
            out: BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            failed: None,
        }
    }

    /// Write `text`; `false` once writing has failed (stop producing then).
    pub fn write(&mut self, text: &str) -> bool {
        if self.failed.is_none() {
            if let Err(e) = self.out.write_all(text.as_bytes()) {
                self.failed = Some(e);
            }
        }
        self.failed.is_none()
    }

    /// Whether writing has failed.
    pub fn failed(&self) -> bool {
        self.failed.is_some()
    }

    /// Drop what is still buffered (a header written before the engine refused the
    /// input), so a failed command prints nothing on stdout.
    pub fn discard(self) {
        let _ = self.out.into_parts();
    }

    /// Flush; a closed pipe is not an error.
    pub fn finish(mut self) -> Result<(), String> {
        if self.failed.is_none() {
            if let Err(e) = self.out.flush() {
                self.failed = Some(e);
            }
        }
        match self.failed {
            Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
            _ => Ok(()),
        }
    }
}

/// A JSON array written one element at a time, nested `depth` levels deep, in the
/// same text as `serde_json::to_string_pretty` of the whole array.
pub struct JsonArray {
    depth: usize,
    empty: bool,
}

impl JsonArray {
    /// Open the array.
    pub fn open(out: &mut Output, depth: usize) -> JsonArray {
        out.write("[");
        JsonArray { depth, empty: true }
    }

    /// Write one element.
    pub fn push<T: Serialize>(&mut self, out: &mut Output, value: &T) -> bool {
        let text = pretty(value, self.depth + 1);
        let sep = if self.empty { "\n" } else { ",\n" };
        self.empty = false;
        out.write(sep) && out.write(&"  ".repeat(self.depth + 1)) && out.write(&text)
    }

    /// Close the array.
    pub fn close(self, out: &mut Output) -> bool {
        if self.empty {
            out.write("]")
        } else {
            out.write("\n") && out.write(&"  ".repeat(self.depth)) && out.write("]")
        }
    }
}

/// What ends the engine's walk once writing has failed (a closed pipe): `Ok` while
/// `written`, so a callback can hand `out.write(..)` or `array.push(..)` straight on.
pub fn written(written: bool) -> slotwise::Result<()> {
    if written {
        Ok(())
    } else {
        Err(slotwise::Error::new(
            slotwise::ErrorCode::LimitExceeded,
            "stdout was closed",
        ))
    }
}

/// `value` as pretty JSON whose lines after the first are indented `depth` levels.
pub fn pretty<T: Serialize>(value: &T, depth: usize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("\"{e}\""));
    if depth == 0 {
        return text;
    }
    text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
}
