//! `slotwise`: the command line of the slotwise engine.
//!
//! Every failure prints a message on stderr and exits with code 2.

mod availability;

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  slotwise availability FILE [--json]   bookable slots of {schedules, appointments, query}
  slotwise version";

fn run(argv: &[String]) -> Result<(), String> {
    let (command, rest) = argv.split_first().ok_or_else(|| USAGE.to_owned())?;
    match command.as_str() {
        "availability" => availability::run(rest),
        "version" | "--version" => {
            println!("slotwise {}", slotwise::version());
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match run(&argv) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("slotwise: {message}");
            ExitCode::from(2)
        }
    }
}
