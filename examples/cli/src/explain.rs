//! `slotwise explain FILE --schedule ID --at INSTANT`: why an instant is or is not
//! bookable in one schedule (`Engine::explain`), in words, or with `--json` as the
//! engine's explanation. Bookable: exit 0; not bookable: exit 1.

use slotwise::time::{format_instant, parse_instant};
use slotwise::Zone;

use crate::availability::local_span;
use crate::cli::ExplainArgs;
use crate::document::{self, describe};

/// Run the command; `Ok(true)` when the instant is bookable.
pub fn run(args: &ExplainArgs) -> Result<bool, String> {
    let engine = document::engine_of(args.file.as_deref(), &args.source)?;
    let at = parse_instant(&args.at).map_err(|e| format!("--at: {}", describe(e)))?;
    let explanation = engine
        .explain(&args.schedule, at)
        .map_err(|e| format!("--schedule {}: {}", args.schedule, describe(e)))?;
    if args.source.json {
        document::print(&document::json(&explanation)?)?;
        return Ok(explanation.bookable);
    }
    let zone = engine
        .schedule(&args.schedule)
        .and_then(|s| Zone::parse(&s.timezone).ok())
        .unwrap_or(Zone::UTC);
    let mut out = format!(
        "{} at {} ({} in the schedule's zone)\n{}\n",
        explanation.schedule,
        format_instant(explanation.instant),
        explanation.local_time,
        explanation.summary
    );
    match &explanation.window {
        Some(w) => out.push_str(&format!(
            "  availability window: {} .. {} ({})\n",
            format_instant(w.start),
            format_instant(w.end),
            local_span(zone, w.start, w.end)
        )),
        None => out.push_str("  availability window: none holds this instant\n"),
    }
    for hit in &explanation.exclusions {
        let reason = hit
            .reason
            .as_deref()
            .map(|r| format!(" \"{r}\""))
            .unwrap_or_default();
        out.push_str(&format!(
            "  exclusion: exclusions[{}]{reason}, {} .. {}\n",
            hit.index,
            format_instant(hit.from),
            format_instant(hit.to)
        ));
    }
    if explanation.slots.is_empty() {
        out.push_str("  slots: none holds this instant\n");
    }
    for verdict in &explanation.slots {
        let slot = &verdict.slot;
        out.push_str(&format!(
            "  slot {} ({}): capacity {}, booked {}, remaining {}: {}\n",
            slot.key(),
            local_span(zone, slot.start, slot.end),
            slot.capacity,
            slot.booked,
            slot.remaining,
            if verdict.reasons.is_empty() {
                "can take one more seat"
            } else {
                "cannot take one more seat"
            }
        ));
        for reason in &verdict.reasons {
            out.push_str(&format!("    - {reason}\n"));
        }
    }
    document::print(&out)?;
    Ok(explanation.bookable)
}
