//! Booking limits of a schedule as UniFFI records, converted to and from the core's
//! [`slotwise::BookingLimit`].

/// The calendar period a booking limit counts over, in the schedule's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum LimitPeriod {
    /// A local date (23 or 25 hours on DST days).
    Day,
    /// Monday to Sunday, local dates.
    Week,
    /// A calendar month, local dates.
    Month,
}

/// At most so many appointments, or so many minutes of them, per period: an
/// appointment counts in the period holding the local date of its start, once
/// whatever its seats. Give `max_appointments`, `max_minutes` or both.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BookingLimit {
    /// The period counted over.
    pub period: LimitPeriod,
    /// Most seat-holding appointments starting in one period.
    #[uniffi(default = None)]
    pub max_appointments: Option<u32>,
    /// Most minutes of seat-holding appointments starting in one period (reaching it
    /// exactly is allowed).
    #[uniffi(default = None)]
    pub max_minutes: Option<u32>,
}

impl From<slotwise::LimitPeriod> for LimitPeriod {
    fn from(p: slotwise::LimitPeriod) -> Self {
        match p {
            slotwise::LimitPeriod::Day => LimitPeriod::Day,
            slotwise::LimitPeriod::Week => LimitPeriod::Week,
            slotwise::LimitPeriod::Month => LimitPeriod::Month,
        }
    }
}

impl From<LimitPeriod> for slotwise::LimitPeriod {
    fn from(p: LimitPeriod) -> Self {
        match p {
            LimitPeriod::Day => slotwise::LimitPeriod::Day,
            LimitPeriod::Week => slotwise::LimitPeriod::Week,
            LimitPeriod::Month => slotwise::LimitPeriod::Month,
        }
    }
}

impl From<&slotwise::BookingLimit> for BookingLimit {
    fn from(l: &slotwise::BookingLimit) -> Self {
        BookingLimit {
            period: l.period.into(),
            max_appointments: l.max_appointments,
            max_minutes: l.max_minutes,
        }
    }
}

impl From<&BookingLimit> for slotwise::BookingLimit {
    fn from(l: &BookingLimit) -> Self {
        slotwise::BookingLimit {
            period: l.period.into(),
            max_appointments: l.max_appointments,
            max_minutes: l.max_minutes,
        }
    }
}
