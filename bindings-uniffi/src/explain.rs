//! Why a booking fits or not, and what the engine sees at one instant.

use std::time::SystemTime;

use slotwise::engine as core;

use crate::booking_limit::LimitPeriod;
use crate::schedule::ExclusionKind;
use crate::slot::Slot;
use crate::time::from_seconds;

/// A span of instants `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Window {
    /// First instant.
    pub start: SystemTime,
    /// First instant after.
    pub end: SystemTime,
}

/// An exclusion of a schedule that a slot or instant runs into.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExclusionHit {
    /// Its position in the schedule's `exclusions`.
    pub index: u32,
    /// `Day` or `Range`.
    pub kind: ExclusionKind,
    /// The first instant it covers.
    pub from: SystemTime,
    /// The first instant after it.
    pub to: SystemTime,
    /// Its reason, if given.
    pub reason: Option<String>,
}

/// Why a booking does not fit.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Reason {
    /// No availability window holds the booking's span.
    OutsideAvailability,
    /// Inside a window, but not one of the grid's slots (start or end off the grid).
    NotASlot,
    /// The slot overlaps an exclusion.
    Excluded {
        /// The exclusion.
        exclusion: ExclusionHit,
    },
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
        /// The limit's position in the schedule's `limits`.
        index: u32,
        /// Its period.
        period: LimitPeriod,
        /// The period's first local date (`YYYY-MM-DD`).
        period_start: String,
        /// The limit's most appointments, if it has one.
        max_appointments: Option<u32>,
        /// The limit's most minutes, if it has one.
        max_minutes: Option<u32>,
        /// Seat-holding appointments starting in the period.
        appointments: u32,
        /// Their minutes (rounded down).
        minutes: i64,
    },
    /// Starts before `now + min_notice`.
    BeforeMinimumNotice {
        /// The earliest start allowed.
        earliest: SystemTime,
    },
    /// Starts after `now + max_advance`.
    AfterMaximumAdvance {
        /// The latest start allowed.
        latest: SystemTime,
    },
}

/// The answer of `Engine.checkBooking`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BookingCheck {
    /// Whether the appointment fits (no reasons).
    pub fits: bool,
    /// The slot starting at the appointment's start, if the grid has one.
    pub slot: Option<Slot>,
    /// Every reason it does not fit.
    pub reasons: Vec<Reason>,
}

/// A slot and why it can or cannot take one more seat.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SlotVerdict {
    /// The slot.
    pub slot: Slot,
    /// Empty when it can take one more seat.
    pub reasons: Vec<Reason>,
}

/// The answer of `Engine.explain`: what the engine sees at one instant.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Explanation {
    /// The schedule's id.
    pub schedule: String,
    /// The instant asked about.
    pub instant: SystemTime,
    /// The instant in the schedule's zone (`2026-03-02T09:00:00-03:00`).
    pub local_time: String,
    /// Whether a slot holding the instant can take one more seat.
    pub bookable: bool,
    /// The merged availability window holding the instant, if any.
    pub window: Option<Window>,
    /// The exclusions holding the instant.
    pub exclusions: Vec<ExclusionHit>,
    /// Every grid slot holding the instant (several when the step is shorter than a
    /// slot).
    pub slots: Vec<SlotVerdict>,
    /// One line for people.
    pub summary: String,
}

impl From<&core::ExclusionHit> for ExclusionHit {
    fn from(h: &core::ExclusionHit) -> Self {
        ExclusionHit {
            index: u32::try_from(h.index).unwrap_or(u32::MAX),
            kind: h.kind.into(),
            from: from_seconds(h.from),
            to: from_seconds(h.to),
            reason: h.reason.clone(),
        }
    }
}

impl From<&core::Reason> for Reason {
    fn from(r: &core::Reason) -> Self {
        use core::Reason as R;
        match r {
            R::OutsideAvailability => Reason::OutsideAvailability,
            R::NotASlot => Reason::NotASlot,
            R::Excluded(hit) => Reason::Excluded {
                exclusion: hit.into(),
            },
            R::Full {
                capacity,
                booked,
                remaining,
                appointments,
            } => Reason::Full {
                capacity: *capacity,
                booked: *booked,
                remaining: *remaining,
                appointments: appointments.clone(),
            },
            R::Overbooked {
                capacity,
                booked,
                appointments,
            } => Reason::Overbooked {
                capacity: *capacity,
                booked: *booked,
                appointments: appointments.clone(),
            },
            R::InBuffer { appointments } => Reason::InBuffer {
                appointments: appointments.clone(),
            },
            R::LimitReached {
                index,
                period,
                period_start,
                max_appointments,
                max_minutes,
                appointments,
                minutes,
            } => Reason::LimitReached {
                index: u32::try_from(*index).unwrap_or(u32::MAX),
                period: (*period).into(),
                period_start: period_start.clone(),
                max_appointments: *max_appointments,
                max_minutes: *max_minutes,
                appointments: *appointments,
                minutes: *minutes,
            },
            R::BeforeMinimumNotice { earliest } => Reason::BeforeMinimumNotice {
                earliest: from_seconds(*earliest),
            },
            R::AfterMaximumAdvance { latest } => Reason::AfterMaximumAdvance {
                latest: from_seconds(*latest),
            },
        }
    }
}

fn reasons(list: &[core::Reason]) -> Vec<Reason> {
    list.iter().map(Reason::from).collect()
}

impl From<&core::BookingCheck> for BookingCheck {
    fn from(c: &core::BookingCheck) -> Self {
        BookingCheck {
            fits: c.fits,
            slot: c.slot.as_ref().map(Slot::from),
            reasons: reasons(&c.reasons),
        }
    }
}

impl From<&core::Explanation> for Explanation {
    fn from(x: &core::Explanation) -> Self {
        Explanation {
            schedule: x.schedule.clone(),
            instant: from_seconds(x.instant),
            local_time: x.local_time.clone(),
            bookable: x.bookable,
            window: x.window.map(|w| Window {
                start: from_seconds(w.start),
                end: from_seconds(w.end),
            }),
            exclusions: x.exclusions.iter().map(ExclusionHit::from).collect(),
            slots: x
                .slots
                .iter()
                .map(|v| SlotVerdict {
                    slot: Slot::from(&v.slot),
                    reasons: reasons(&v.reasons),
                })
                .collect(),
            summary: x.summary.clone(),
        }
    }
}
