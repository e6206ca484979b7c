//! Runs the built `slotwise` binary from the repository's examples/ folder.

use std::io::Write;
use std::process::{Command, Stdio};

/// Run `slotwise` with `args` and `stdin`: (exit code, stdout, stderr).
pub fn slotwise(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_slotwise"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Feed stdin from another thread: a large input would otherwise fill the pipes
    // both ways and deadlock.
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_owned();
    let writer = std::thread::spawn(move || pipe.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    // The command may stop reading early (a bad flag): a broken pipe is fine then.
    let _ = writer.join().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}
