//! Occupancy reports.

/// The calendar unit of a report's rows, in each schedule's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Bucket {
    /// A local date.
    Day,
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

impl From<slotwise::Bucket> for Bucket {
    fn from(b: slotwise::Bucket) -> Self {
        match b {
            slotwise::Bucket::Day => Bucket::Day,
            slotwise::Bucket::Week => Bucket::Week,
            slotwise::Bucket::Month => Bucket::Month,
        }
    }
}

impl From<Bucket> for slotwise::Bucket {
    fn from(b: Bucket) -> Self {
        match b {
            Bucket::Day => slotwise::Bucket::Day,
            Bucket::Week => slotwise::Bucket::Week,
            Bucket::Month => slotwise::Bucket::Month,
        }
    }
}

/// Appointments by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct StatusCounts {
    /// Booked.
    pub booked: u32,
    /// Attended.
    pub attended: u32,
    /// No-shows.
    pub no_show: u32,
    /// Cancelled.
    pub cancelled: u32,
}

/// One schedule over one bucket.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReportRow {
    /// The schedule's id.
    pub schedule: String,
    /// The bucket's first local date `YYYY-MM-DD`, also when the window starts later.
    pub bucket_start: String,
    /// Offered time (windows minus exclusions, within the window) times capacity, in
    /// minutes.
    pub offered_seat_minutes: f64,
    /// Seats times the overlap of seat-holding appointments with offered time, in
    /// minutes.
    pub booked_seat_minutes: f64,
    /// `booked / offered`; none when nothing is offered; above 1 when overbooked.
    pub utilization: Option<f64>,
    /// Appointments starting in the bucket (and the window), by status.
    pub appointments: StatusCounts,
    /// `cancelled / all`; none without appointments.
    pub cancellation_rate: Option<f64>,
    /// `no_show / (no_show + attended)`; none when both are 0.
    pub no_show_rate: Option<f64>,
}

impl From<&slotwise::ReportRow> for ReportRow {
    fn from(r: &slotwise::ReportRow) -> Self {
        ReportRow {
            schedule: r.schedule.to_string(),
            bucket_start: r.bucket_start.0.to_string(),
            offered_seat_minutes: r.offered_seat_minutes,
            booked_seat_minutes: r.booked_seat_minutes,
            utilization: r.utilization,
            appointments: StatusCounts {
                booked: r.appointments.booked,
                attended: r.appointments.attended,
                no_show: r.appointments.no_show,
                cancelled: r.appointments.cancelled,
            },
            cancellation_rate: r.cancellation_rate,
            no_show_rate: r.no_show_rate,
        }
    }
}
