//! `slotwise check FILE --schedule ID --start T --end T`: would a proposed
//! appointment fit (`Engine::check_booking`)? Every reason it does not, in words,
//! or with `--json` the engine's answer. Fits: exit 0; does not fit: exit 1.

use serde_json::{json, Map, Value};
use slotwise::time::{format_instant, parse_duration, parse_instant};
use slotwise::{Appointment, BookingRules, Limits};

use crate::cli::CheckArgs;
use crate::document::{self, describe};

/// Run the command; `Ok(true)` when the appointment fits.
pub fn run(args: &CheckArgs) -> Result<bool, String> {
    let engine = document::engine_of(args.file.as_deref(), &args.source)?;
    let end = match (&args.end, &args.duration) {
        (Some(end), _) => end.clone(),
        (None, Some(duration)) => {
            let start = parse_instant(&args.start).map_err(|e| flag_error("start", e))?;
            let length = parse_duration(duration).map_err(|e| flag_error("duration", e))?;
            let end =
                slotwise::time::check_instant(start.saturating_add(length)).map_err(|_| {
                    "--duration: invalid_input: the appointment would end after the year 9999"
                        .to_owned()
                })?;
            format_instant(end)
        }
        (None, None) => return Err("--end or --duration is required".into()),
    };
    // Through the JSON forms, so the flags are read exactly as a document would be.
    let appointment: Appointment = from_flags(json!({
        "id": args.id,
        "schedule": args.schedule,
        "start": args.start,
        "end": end,
        "seats": args.seats,
        "status": "booked",
    }))?;
    let mut rules = Map::new();
    for (name, value) in [
        ("now", &args.now),
        ("min_notice", &args.min_notice),
        ("max_advance", &args.max_advance),
    ] {
        if let Some(v) = value {
            rules.insert(name.into(), Value::String(v.clone()));
        }
    }
    let rules: BookingRules = from_flags(Value::Object(rules))?;
    let check = engine
        .check_booking(&appointment, &rules)
        .map_err(field_error)?;
    if args.source.json {
        document::print(&document::json(&check)?)?;
        return Ok(check.fits);
    }
    let seats = appointment.seats;
    let mut out = format!(
        "{} {} .. {} ({} seat{}): {}\n",
        appointment.schedule,
        format_instant(appointment.start),
        format_instant(appointment.end),
        seats,
        if seats == 1 { "" } else { "s" },
        if check.fits { "fits" } else { "does not fit" }
    );
    if let Some(slot) = &check.slot {
        out.push_str(&format!(
            "  slot {}: capacity {}, booked {}, remaining {} (other appointments than {})\n",
            slot.key(),
            slot.capacity,
            slot.booked,
            slot.remaining,
            appointment.id
        ));
    }
    for reason in &check.reasons {
        out.push_str(&format!("  - {reason}\n"));
    }
    document::print(&out)?;
    Ok(check.fits)
}

/// A value of the engine's JSON form built from flags; errors name the flag.
fn from_flags<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, String> {
    slotwise::from_json(&value.to_string(), &Limits::default()).map_err(field_error)
}

/// An engine error about a field, said of its flag.
fn field_error(e: slotwise::Error) -> String {
    match e.path().to_owned().as_str() {
        "" => describe(e),
        path => flag_error(path, e),
    }
}

/// `--min-notice: invalid_input: ...` for an error at `min_notice`.
fn flag_error(field: &str, e: slotwise::Error) -> String {
    let flag = field.split(['.', '[']).next().unwrap_or_default();
    format!("--{}: {}: {}", flag.replace('_', "-"), e.code(), e.detail())
}
