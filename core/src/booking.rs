//! Booking questions about one schedule: would an appointment fit
//! ([`BookingCheck`]), and why an instant is or is not bookable ([`Explanation`]).
//! Both read the same walk as availability, so listing and validating cannot
//! disagree.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::capacity::{Appointment, Occupancy};
use crate::error::Result;
use crate::interval::Span;
use crate::query::BookingRules;
use crate::quota::{LimitBreak, LimitPeriod};
use crate::schedule::{CompiledSchedule, ExclusionKind};
use crate::slots::Slot;
use crate::state::{Entry, View};
use crate::time::{check_instant, format_instant, serde_forms, Instant};
use crate::walk::{Position, Walker};

/// A span of instants in JSON form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// First instant.
    #[serde(with = "serde_forms::instant")]
    pub start: Instant,
    /// First instant after.
    #[serde(with = "serde_forms::instant")]
    pub end: Instant,
}

impl From<Span> for Window {
    fn from(s: Span) -> Window {
        Window {
            start: s.start,
            end: s.end,
        }
    }
}

/// An exclusion of a schedule that a slot or instant runs into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionHit {
    /// Its index in the schedule's `exclusions`.
    pub index: usize,
    /// `day` or `range`.
    pub kind: ExclusionKind,
    /// The instants it covers.
    #[serde(with = "serde_forms::instant")]
    pub from: Instant,
    /// The first instant after it.
    #[serde(with = "serde_forms::instant")]
    pub to: Instant,
    /// Its `reason`, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Why a booking does not fit. JSON: `{"code": "full", ...fields}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// No availability window holds the booking's span.
    OutsideAvailability,
    /// Inside a window, but not one of the grid's slots (start or end off the grid).
    NotASlot,
    /// The slot overlaps an exclusion.
    Excluded(ExclusionHit),
    /// Fewer seats remain than asked for.
    Full {
        /// Seats the slot offers.
        capacity: u32,
        /// Peak seats held.
        booked: u32,
        /// Seats left.
        remaining: u32,
        /// Seat-holding appointments in the slot's blocked span.
        appointments: Vec<String>,
    },
    /// More seats are held than the slot offers.
    Overbooked {
        /// Seats the slot offers.
        capacity: u32,
        /// Peak seats held.
        booked: u32,
        /// Seat-holding appointments in the slot's blocked span.
        appointments: Vec<String>,
    },
    /// The slot itself has room, but appointments inside its buffers take the seats.
    InBuffer {
        /// Seat-holding appointments in the buffers and not in the slot.
        appointments: Vec<String>,
    },
    /// The slot's period already holds as much as one of the schedule's booking
    /// limits allows.
    LimitReached {
        /// The limit's index in the schedule's `limits`.
        index: usize,
        /// Its period.
        period: LimitPeriod,
        /// The period's first local date.
        period_start: String,
        /// Its most appointments, if given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_appointments: Option<u32>,
        /// Its most minutes, if given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_minutes: Option<u32>,
        /// Seat-holding appointments starting in the period.
        appointments: u32,
        /// Their minutes (rounded down).
        minutes: i64,
    },
    /// Starts before `now + min_notice`.
    BeforeMinimumNotice {
        /// The earliest start allowed.
        #[serde(with = "serde_forms::instant")]
        earliest: Instant,
    },
    /// Starts after `now + max_advance`.
    AfterMaximumAdvance {
        /// The latest start allowed.
        #[serde(with = "serde_forms::instant")]
        latest: Instant,
    },
}

/// The answer of [`crate::Engine::check_booking`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookingCheck {
    /// Whether the appointment fits (no reasons).
    pub fits: bool,
    /// The slot starting at the appointment's start, if the grid has one.
    pub slot: Option<Slot>,
    /// Every reason it does not fit.
    pub reasons: Vec<Reason>,
}

/// A slot and why it can or cannot take one more seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlotVerdict {
    /// The slot.
    pub slot: Slot,
    /// Empty when it can take one more seat.
    pub reasons: Vec<Reason>,
}

/// The answer of [`crate::Engine::explain`]: what the engine sees at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The schedule's id.
    pub schedule: String,
    /// The instant asked about.
    #[serde(with = "serde_forms::instant")]
    pub instant: Instant,
    /// The instant in the schedule's zone (`2026-03-02T09:00:00-03:00`).
    pub local_time: String,
    /// Whether a slot holding the instant can take one more seat.
    pub bookable: bool,
    /// The merged availability window holding the instant, if any.
    pub window: Option<Window>,
    /// The exclusions holding the instant.
    pub exclusions: Vec<ExclusionHit>,
    /// Every grid slot holding the instant (several when `step < duration`).
    pub slots: Vec<SlotVerdict>,
    /// One line for people.
    pub summary: String,
}

/// Would `appointment` fit? It must match a slot of its schedule exactly (start and
/// end), the slot must not be excluded, must have `seats` free counting every other
/// appointment (one with the same id is left out, so a move can be checked), and
/// must start within the notice rules. Errors: invalid appointment or rules,
/// `unknown_schedule`.
pub(crate) fn check_booking(
    view: View<'_>,
    appointment: &Appointment,
    rules: &BookingRules,
) -> Result<BookingCheck> {
    appointment.validate()?;
    rules.validate()?;
    let entry = view.entry(&appointment.schedule)?;
    let start = appointment.start;
    let mut found = None;
    Walker::new(
        view.limits(),
        entry,
        start,
        start.saturating_add(1),
        Some(&appointment.id),
    )?
    .visit(|p| {
        found = Some(p);
        Ok(())
    })?;
    let mut reasons = Vec::new();
    match found {
        Some(p) if p.end == appointment.end => reasons.extend(reasons_at(
            entry,
            &p,
            appointment.seats,
            Some(&appointment.id),
        )),
        _ => {
            let span = appointment.span();
            let runs = entry.compiled.runs(span.start, span.end, view.limits())?;
            let inside = runs
                .iter()
                .any(|r| r.start <= span.start && span.end <= r.end);
            reasons.push(if inside {
                Reason::NotASlot
            } else {
                Reason::OutsideAvailability
            });
        }
    }
    if let Some(earliest) = rules.earliest().filter(|&t| start < t) {
        reasons.push(Reason::BeforeMinimumNotice { earliest });
    }
    if let Some(latest) = rules.latest().filter(|&t| start > t) {
        reasons.push(Reason::AfterMaximumAdvance { latest });
    }
    Ok(BookingCheck {
        fits: reasons.is_empty(),
        slot: found.map(|p| entry.source().slot(p.start, p.row_booked())),
        reasons,
    })
}

/// Why `instant` is or is not bookable in a schedule: the window and exclusions
/// holding it, and every grid slot holding it with what stops it from taking one
/// more seat. Notice rules play no part.
pub(crate) fn explain(view: View<'_>, schedule_id: &str, instant: Instant) -> Result<Explanation> {
    let entry = view.entry(schedule_id)?;
    check_instant(instant).map_err(|e| e.at("instant"))?;
    let compiled = &entry.compiled;
    let window = compiled
        .runs(instant, instant + 1, view.limits())?
        .into_iter()
        .find(|r| r.contains(instant));
    let exclusions = exclusion_hits(entry, Span::new(instant, instant + 1));
    let mut positions = Vec::new();
    let duration = compiled.grid().duration;
    Walker::new(
        view.limits(),
        entry,
        instant.saturating_sub(duration - 1),
        instant + 1,
        None,
    )?
    .visit(|p| {
        positions.push(p);
        Ok(())
    })?;
    let slots: Vec<SlotVerdict> = positions
        .iter()
        .map(|p| SlotVerdict {
            slot: entry.source().slot(p.start, p.row_booked()),
            reasons: reasons_at(entry, p, 1, None),
        })
        .collect();
    let bookable = slots.iter().any(|v| v.reasons.is_empty());
    let local_time = local_rfc3339(compiled, instant);
    let summary = summarize(&local_time, window.is_some(), &exclusions, &slots);
    Ok(Explanation {
        schedule: schedule_id.to_owned(),
        instant,
        local_time,
        bookable,
        window: window.map(Window::from),
        exclusions,
        slots,
        summary,
    })
}

fn exclusion_hits(entry: &Entry, span: Span) -> Vec<ExclusionHit> {
    entry
        .compiled
        .exclusions()
        .iter()
        .zip(&entry.input.exclusions)
        .enumerate()
        .filter(|(_, (x, _))| x.overlaps(&span))
        .map(|(index, (x, input))| ExclusionHit {
            index,
            kind: input.kind,
            from: x.start,
            to: x.end,
            reason: input.reason.clone(),
        })
        .collect()
}

/// What stops the grid position `p` from taking `seats` more seats.
fn reasons_at(entry: &Entry, p: &Position, seats: u32, skip: Option<&str>) -> Vec<Reason> {
    let own = Span::new(p.start, p.end);
    let mut reasons: Vec<Reason> = if p.excluded {
        exclusion_hits(entry, own)
            .into_iter()
            .map(Reason::Excluded)
            .collect()
    } else {
        Vec::new()
    };
    if let Some(hit) = &p.limit {
        reasons.push(limit_reached(hit));
    }
    let grid = entry.compiled.grid();
    let remaining = grid.capacity.saturating_sub(p.booked);
    if remaining >= seats {
        return reasons;
    }
    let blocked = Span::new(
        p.start.saturating_sub(grid.buffer_before),
        p.end.saturating_add(grid.buffer_after),
    );
    let holders = |span: Span, also_own: bool| -> Vec<String> {
        entry
            .index
            .overlapping(span)
            .filter(|h| skip != Some(h.id.as_str()) && (also_own || !h.span.overlaps(&own)))
            .map(|h| h.id.clone())
            .collect()
    };
    let in_slot = Occupancy::build(&entry.index, own, skip).peaks().peak(own);
    reasons.push(if grid.capacity.saturating_sub(in_slot) >= seats {
        Reason::InBuffer {
            appointments: holders(blocked, false),
        }
    } else if p.booked > grid.capacity {
        Reason::Overbooked {
            capacity: grid.capacity,
            booked: p.booked,
            appointments: holders(blocked, true),
        }
    } else {
        Reason::Full {
            capacity: grid.capacity,
            booked: p.booked,
            remaining,
            appointments: holders(blocked, true),
        }
    });
    reasons
}

fn limit_reached(hit: &LimitBreak) -> Reason {
    Reason::LimitReached {
        index: hit.index,
        period: hit.limit.period,
        period_start: hit.first_date(),
        max_appointments: hit.limit.max_appointments,
        max_minutes: hit.limit.max_minutes,
        appointments: hit.appointments,
        minutes: hit.seconds / 60,
    }
}

/// `2026-03-02T09:00:00-03:00`: an instant as local time with its offset.
fn local_rfc3339(compiled: &CompiledSchedule, t: Instant) -> String {
    let zone = compiled.zone();
    let offset = zone.offset_at(t);
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.abs();
    let mut out = String::with_capacity(25);
    crate::time::push_date_time(&mut out, zone.to_local(t), true);
    let _ = write!(out, "{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60);
    out
}

fn summarize(
    local_time: &str,
    in_window: bool,
    exclusions: &[ExclusionHit],
    slots: &[SlotVerdict],
) -> String {
    if let Some(v) = slots.iter().find(|v| v.reasons.is_empty()) {
        return format!(
            "bookable: {local_time} is in slot {} with {} of {} seats free",
            v.slot.key(),
            v.slot.remaining,
            v.slot.capacity
        );
    }
    if !in_window {
        return format!("not bookable: {local_time} is outside every availability window");
    }
    match (slots.first(), exclusions.first()) {
        (Some(v), _) => format!(
            "not bookable: {local_time} is in slot {}, which is {}",
            v.slot.key(),
            v.reasons
                .iter()
                .map(Reason::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ),
        (None, Some(x)) => format!("not bookable: {local_time} is {}", excluded(x)),
        (None, None) => {
            format!("not bookable: {local_time} is in a window but in no slot of its grid")
        }
    }
}

/// A reason in words, as [`Explanation::summary`] and the CLI say it.
impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids = |a: &[String]| a.join(", ");
        let text = match self {
            Reason::OutsideAvailability => "outside every availability window".into(),
            Reason::NotASlot => "not a slot of the grid".into(),
            Reason::Excluded(x) => excluded(x),
            Reason::Full {
                capacity,
                booked,
                appointments,
                ..
            } => format!(
                "full ({booked} of {capacity} seats held by {})",
                ids(appointments)
            ),
            Reason::Overbooked {
                capacity,
                booked,
                appointments,
            } => format!(
                "overbooked ({booked} seats held of {capacity} by {})",
                ids(appointments)
            ),
            Reason::InBuffer { appointments } => format!(
                "free itself but blocked by appointments in its buffers ({})",
                ids(appointments)
            ),
            Reason::LimitReached {
                index,
                period,
                period_start,
                max_appointments,
                max_minutes,
                appointments,
                minutes,
            } => {
                let period = match period {
                    LimitPeriod::Day => "day",
                    LimitPeriod::Week => "week",
                    LimitPeriod::Month => "month",
                };
                let mut most = Vec::new();
                if let Some(m) = max_appointments {
                    most.push(format!("{m} appointments"));
                }
                if let Some(m) = max_minutes {
                    most.push(format!("{m} minutes"));
                }
                format!(
                    "at its booking limit limits[{index}] (at most {} a {period}; the {period} \
                     from {period_start} holds {appointments} appointments, {minutes} minutes)",
                    most.join(" and ")
                )
            }
            Reason::BeforeMinimumNotice { earliest } => {
                format!("too soon (earliest {})", format_instant(*earliest))
            }
            Reason::AfterMaximumAdvance { latest } => {
                format!("too far ahead (latest {})", format_instant(*latest))
            }
        };
        f.write_str(&text)
    }
}

fn excluded(x: &ExclusionHit) -> String {
    format!(
        "excluded ({} exclusion #{}{})",
        match x.kind {
            ExclusionKind::Day => "day",
            ExclusionKind::Range => "range",
        },
        x.index,
        x.reason
            .as_deref()
            .map(|r| format!(": {r}"))
            .unwrap_or_default()
    )
}
