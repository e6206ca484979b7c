//! `slotwise expand --rule TEXT --from T --to T`: one rule's instants, one a line.

use std::io::{BufWriter, Write};

use slotwise::time::{format_instant, parse_window_edge};
use slotwise::{ExpandRequest, Limits};

use crate::cli::ExpandArgs;
use crate::document::describe;

/// Run the command (`--batch` is [`crate::batch`]).
pub fn run(args: &ExpandArgs) -> Result<(), String> {
    let (Some(rule), Some(from), Some(to)) = (&args.rule, &args.from, &args.to) else {
        return Err("--rule, --from and --to are required".into());
    };
    let request = ExpandRequest {
        id: None,
        ical: rule.replace("\\n", "\n"),
        from: parse_window_edge(from).map_err(|e| format!("--from: {}", describe(e)))?,
        to: parse_window_edge(to).map_err(|e| format!("--to: {}", describe(e)))?,
        limit: args.limit,
        timezone: args.tz.clone(),
    };
    // Errors name the request's field: say the flag instead.
    let instants = request.run(&Limits::default()).map_err(|e| {
        let flag = match e.path().split(['.', '[']).next().unwrap_or_default() {
            "ical" => "--rule: ",
            "timezone" => "--tz: ",
            "from" => "--from: ",
            "to" => "--to: ",
            _ => "",
        };
        format!("{flag}{}: {}", e.code(), e.detail())
    })?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let written = instants
        .into_iter()
        .try_for_each(|t| writeln!(out, "{}", format_instant(t)))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
        _ => Ok(()),
    }
}
