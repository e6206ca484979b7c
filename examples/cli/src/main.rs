//! `slotwise`: the command line of the slotwise engine.
//!
//! Every failure prints a message on stderr and exits with code 2; a panic would be
//! a bug, and is turned into the same exit code rather than 101.

mod args;
mod availability;
mod document;
mod expand;
mod reconcile;
mod report;
mod snapshot;

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  slotwise expand --batch                    JSON lines on stdin, one answer line per input line
  slotwise expand --rule TEXT --from T --to T [--limit N] [--tz ZONE]
  slotwise availability FILE [--json]        bookable slots of {schedules, appointments, query}
  slotwise reconcile FILE [--json]           plan for {schedules, appointments, window, existing}
  slotwise report FILE [--json]              occupancy of {schedules, appointments, window, bucket}
  slotwise snapshot FILE -o engine.bin       the schedules and appointments of FILE as a snapshot
  (availability, reconcile and report take --snapshot engine.bin in place of FILE's
   schedules and appointments)
  slotwise version

Times are RFC 3339 (2026-03-02T12:00:00Z). In --rule, a literal \\n separates lines.";

fn run(argv: &[String]) -> Result<(), String> {
    let (command, rest) = argv.split_first().ok_or_else(|| USAGE.to_owned())?;
    match command.as_str() {
        "expand" => expand::run(rest),
        "availability" => availability::run(rest),
        "reconcile" => reconcile::run(rest),
        "report" => report::run(rest),
        "snapshot" => snapshot::run(rest),
        "version" | "--version" => {
            println!(
                "slotwise {} (tzdata {})",
                slotwise::version(),
                slotwise::tzdata_version()
            );
            Ok(())
        }
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    std::panic::set_hook(Box::new(|info| {
        eprintln!("slotwise: internal error: {info}");
    }));
    match std::panic::catch_unwind(|| run(&argv)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(message)) => {
            eprintln!("slotwise: {message}");
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}
