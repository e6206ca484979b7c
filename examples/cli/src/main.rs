//! `slotwise`: the command line of the slotwise engine.
//!
//! Exit codes: 0 success, 1 a "no" from `explain` or `check`, 2 a usage error or an
//! input the engine refused (`cli::EXIT_CODES`). A panic would be a bug, and is
//! turned into exit code 2 rather than 101.

mod availability;
mod batch;
mod check;
mod cli;
mod document;
mod expand;
mod explain;
mod output;
mod reconcile;
mod report;
mod snapshot;
mod table;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use cli::{Cli, Command};

/// `0.1.0 (tzdata 2026b)`.
fn version() -> &'static str {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION.get_or_init(|| {
        format!(
            "{} (tzdata {})",
            slotwise::version(),
            slotwise::tzdata_version()
        )
    })
}

/// Run a parsed command line: `Ok(true)` is exit 0, `Ok(false)` exit 1.
fn run(cli: Cli) -> Result<bool, String> {
    match cli.command {
        Command::Expand(args) if args.batch => batch::run().map(|()| true),
        Command::Expand(args) => expand::run(&args).map(|()| true),
        Command::Availability(args) => availability::run(&args).map(|()| true),
        Command::Reconcile(args) => reconcile::run(&args).map(|()| true),
        Command::Report(args) => report::run(&args).map(|()| true),
        Command::Explain(args) => explain::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Snapshot(args) => snapshot::run(&args).map(|()| true),
        Command::Completions { shell } => {
            let mut command = command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "slotwise", &mut script);
            document::print(&String::from_utf8_lossy(&script)).map(|()| true)
        }
        Command::Version => document::print(&format!("slotwise {}\n", version())).map(|()| true),
    }
}

/// The clap command with the version filled in.
fn command() -> clap::Command {
    Cli::command().version(version())
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("slotwise: internal error: {info}");
    }));
    let outcome = std::panic::catch_unwind(|| {
        let cli = match command()
            .try_get_matches()
            .and_then(|m| Cli::from_arg_matches(&m))
        {
            Ok(cli) => cli,
            // Help and --version exit 0 on stdout; usage errors exit 2 on stderr.
            Err(e) => {
                let _ = e.print();
                return u8::try_from(e.exit_code()).unwrap_or(2);
            }
        };
        match run(cli) {
            Ok(true) => 0,
            Ok(false) => 1,
            Err(message) => {
                eprintln!("slotwise: {message}");
                2
            }
        }
    });
    ExitCode::from(outcome.unwrap_or(2))
}
