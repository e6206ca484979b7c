//! Appointments as UniFFI records, converted to and from [`slotwise::Appointment`].

use std::time::SystemTime;

use slotwise::Error;

use crate::time::{from_seconds, to_seconds};

/// Where an appointment stands. All but `Cancelled` hold their seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Status {
    /// Booked.
    Booked,
    /// Took place.
    Attended,
    /// The client did not come; the seat was held all the same.
    NoShow,
    /// Cancelled: holds no seat.
    Cancelled,
}

/// An appointment in a schedule, holding `seats` seats over `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Appointment {
    /// Unique id.
    pub id: String,
    /// The schedule's id.
    pub schedule: String,
    /// First instant (a whole second).
    pub start: SystemTime,
    /// First instant after the appointment (a whole second).
    pub end: SystemTime,
    /// Where it stands.
    pub status: Status,
    /// Seats held (at least 1).
    #[uniffi(default = 1)]
    pub seats: u32,
}

impl From<Status> for slotwise::Status {
    fn from(s: Status) -> Self {
        match s {
            Status::Booked => slotwise::Status::Booked,
            Status::Attended => slotwise::Status::Attended,
            Status::NoShow => slotwise::Status::NoShow,
            Status::Cancelled => slotwise::Status::Cancelled,
        }
    }
}

impl From<slotwise::Status> for Status {
    fn from(s: slotwise::Status) -> Self {
        match s {
            slotwise::Status::Booked => Status::Booked,
            slotwise::Status::Attended => Status::Attended,
            slotwise::Status::NoShow => Status::NoShow,
            slotwise::Status::Cancelled => Status::Cancelled,
        }
    }
}

impl Appointment {
    /// The core's form; conversion errors name the field (`start`).
    pub fn to_core(&self) -> Result<slotwise::Appointment, Error> {
        Ok(slotwise::Appointment {
            version: None,
            id: self.id.clone(),
            schedule: self.schedule.clone(),
            start: to_seconds(self.start, "start")?,
            end: to_seconds(self.end, "end")?,
            seats: self.seats,
            status: self.status.into(),
        })
    }
}

impl From<&slotwise::Appointment> for Appointment {
    fn from(a: &slotwise::Appointment) -> Self {
        Appointment {
            id: a.id.clone(),
            schedule: a.schedule.clone(),
            start: from_seconds(a.start),
            end: from_seconds(a.end),
            status: a.status.into(),
            seats: a.seats,
        }
    }
}
