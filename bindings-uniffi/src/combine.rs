//! Combined queries (a doctor and a room, a pool, k of n) as UniFFI records,
//! converted to the core's [`slotwise::Combine`], and their answer rows.

use std::time::{Duration, SystemTime};

use slotwise::Error;

use crate::time::{duration_seconds, from_duration_seconds, from_seconds};

/// How a combined query joins its schedules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum CombineMode {
    /// Every listed schedule can take the time (a doctor and a room).
    All,
    /// Any one of them can (a pool): the times are the schedules' own slots.
    Any,
    /// At least `k` of them can.
    KOfN,
}

/// The schedules a combined query joins and its grid. `All` and `KOfN` need
/// `duration` (`step` defaults to it); `Any` takes neither; only `KOfN` takes `k`
/// (1 to the number of schedules).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Combine {
    /// `All`, `Any` or `KOfN`.
    pub mode: CombineMode,
    /// Two or more distinct schedule ids.
    pub schedules: Vec<String>,
    /// With `KOfN`: how many must be able to take a time.
    #[uniffi(default = None)]
    pub k: Option<u32>,
    /// Length of a combined time (`All`, `KOfN`).
    #[uniffi(default = None)]
    pub duration: Option<Duration>,
    /// Distance between combined starts; none means `duration` (`All`, `KOfN`).
    #[uniffi(default = None)]
    pub step: Option<Duration>,
}

/// A combined time and who can take it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CombinedRow {
    /// First instant.
    pub start: SystemTime,
    /// First instant after.
    pub end: SystemTime,
    /// The schedules that can take it: in id order (`All`, `KOfN`), fairest first
    /// (`Any`: fewest appointments that local day, then id).
    pub schedules: Vec<String>,
    /// `All`: the least free-seat count among them; `KOfN`: how many can take it;
    /// `Any`: the remaining seats of every listed schedule with that slot, summed.
    pub remaining: u32,
}

impl From<slotwise::CombineMode> for CombineMode {
    fn from(m: slotwise::CombineMode) -> Self {
        match m {
            slotwise::CombineMode::All => CombineMode::All,
            slotwise::CombineMode::Any => CombineMode::Any,
            slotwise::CombineMode::KOfN => CombineMode::KOfN,
        }
    }
}

impl From<CombineMode> for slotwise::CombineMode {
    fn from(m: CombineMode) -> Self {
        match m {
            CombineMode::All => slotwise::CombineMode::All,
            CombineMode::Any => slotwise::CombineMode::Any,
            CombineMode::KOfN => slotwise::CombineMode::KOfN,
        }
    }
}

impl Combine {
    /// The core's form; conversion errors name the field relative to `combine`
    /// (`duration`).
    pub fn to_core(&self) -> Result<slotwise::Combine, Error> {
        Ok(slotwise::Combine {
            mode: self.mode.into(),
            k: self.k,
            schedules: self.schedules.clone(),
            duration: self
                .duration
                .map(|d| duration_seconds(d, "duration"))
                .transpose()?,
            step: self.step.map(|d| duration_seconds(d, "step")).transpose()?,
        })
    }
}

impl From<&slotwise::Combine> for Combine {
    fn from(c: &slotwise::Combine) -> Self {
        Combine {
            mode: c.mode.into(),
            schedules: c.schedules.clone(),
            k: c.k,
            duration: c.duration.map(from_duration_seconds),
            step: c.step.map(from_duration_seconds),
        }
    }
}

impl From<&slotwise::CombinedRow> for CombinedRow {
    fn from(r: &slotwise::CombinedRow) -> Self {
        CombinedRow {
            start: from_seconds(r.start),
            end: from_seconds(r.end),
            schedules: r.schedules.clone(),
            remaining: r.remaining,
        }
    }
}
