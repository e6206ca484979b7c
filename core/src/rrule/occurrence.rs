//! One instance of a recurrence set, and which of two that share an instant stays.

use crate::time::Instant;

/// One instance of a recurrence set: the instant, and the nominal local wall-clock
/// time the rule wrote (before any DST gap shift), as wall seconds in the set's zone.
///
/// The local date of the instance is the one a clock in the zone shows at `instant`
/// (after any gap shift), not necessarily the date of `wall`: in a zone that skipped
/// a whole day (Pacific/Apia 2011-12-30) an instance written on the skipped date
/// starts on the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The instant (UTC seconds).
    pub instant: Instant,
    /// The local wall-clock seconds the rule wrote, in the set's zone.
    pub wall: i64,
}

impl Occurrence {
    /// Of two occurrences of one instant, the one that stays: the one whose written
    /// time was not shifted by a DST gap. Only a gap makes two written times share an
    /// instant (an overlap time takes its first instant, which no other time has), and
    /// the gap moves the earlier written time forward onto the later one, so the later
    /// written time is the one a clock shows.
    pub fn prefer(self, other: Occurrence) -> Occurrence {
        if other.wall > self.wall {
            other
        } else {
            self
        }
    }
}
