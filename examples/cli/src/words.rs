//! The engine's reasons (`slotwise::Reason`) said in words, for `explain` and `check`.

use slotwise::time::format_instant;
use slotwise::Reason;

/// One line for a reason a slot cannot take a booking.
pub fn reason(r: &Reason) -> String {
    match r {
        Reason::OutsideAvailability => "outside the schedule's availability windows".into(),
        Reason::NotASlot => {
            "inside an availability window, but not one of its slots (the start or the \
             length is off the slot grid)"
                .into()
        }
        Reason::Excluded(hit) => {
            let kind = serde_json::to_value(hit.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let why = hit
                .reason
                .as_deref()
                .map(|r| format!(" \"{r}\""))
                .unwrap_or_default();
            format!(
                "excluded by exclusions[{}] ({kind}{why}: {} .. {})",
                hit.index,
                format_instant(hit.from),
                format_instant(hit.to)
            )
        }
        Reason::Full {
            capacity,
            booked,
            remaining,
            appointments,
        } => format!(
            "full: {booked} of {capacity} seat{} held ({remaining} left) by {}",
            s(*capacity),
            list(appointments)
        ),
        Reason::Overbooked {
            capacity,
            booked,
            appointments,
        } => format!(
            "overbooked: {booked} seats held where {capacity} {} offered, by {}",
            if *capacity == 1 { "is" } else { "are" },
            list(appointments)
        ),
        Reason::InBuffer { appointments } => format!(
            "the slot itself has room, but appointments in its buffers take the seats: {}",
            list(appointments)
        ),
        Reason::BeforeMinimumNotice { earliest } => format!(
            "too soon: the minimum notice allows starts from {}",
            format_instant(*earliest)
        ),
        Reason::AfterMaximumAdvance { latest } => format!(
            "too far ahead: the maximum advance allows starts until {}",
            format_instant(*latest)
        ),
        // Reasons added to the engine after this was written: its JSON form.
        #[allow(unreachable_patterns)]
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

fn s(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `apt-1, apt-2`, or `no appointment` for none.
fn list(ids: &[String]) -> String {
    if ids.is_empty() {
        "no appointment".into()
    } else {
        ids.join(", ")
    }
}
