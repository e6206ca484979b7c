//! Instants and durations between UniFFI's forms (`SystemTime`, `Duration`: Kotlin
//! `java.time.Instant`/`Duration`, Swift `Date`/`TimeInterval`) and the engine's whole
//! seconds. A value with a fraction of a second is refused (`invalid_input`, naming
//! the field) rather than rounded, so nothing is silently moved.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use slotwise::Error;

/// Seconds since the Unix epoch, or `invalid_input` at `field`.
pub fn to_seconds(t: SystemTime, field: &str) -> Result<i64, Error> {
    let (after, d) = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => (true, d),
        Err(e) => (false, e.duration()),
    };
    if d.subsec_nanos() != 0 {
        return Err(Error::invalid_input("must be a whole second").at(field));
    }
    let secs = i64::try_from(d.as_secs())
        .map_err(|_| Error::invalid_input("is outside the years 0001 to 9999").at(field))?;
    Ok(if after { secs } else { -secs })
}

/// Seconds since the Unix epoch, dropping any fraction of a second (for `now`).
pub fn to_seconds_floor(t: SystemTime, field: &str) -> Result<i64, Error> {
    let whole = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => UNIX_EPOCH + Duration::from_secs(d.as_secs()),
        Err(e) => {
            let d = e.duration();
            let up = d.as_secs() + u64::from(d.subsec_nanos() != 0);
            UNIX_EPOCH
                .checked_sub(Duration::from_secs(up))
                .ok_or_else(|| {
                    Error::invalid_input("is outside the years 0001 to 9999").at(field)
                })?
        }
    };
    to_seconds(whole, field)
}

/// The instant `secs` seconds after (or before) the Unix epoch.
pub fn from_seconds(secs: i64) -> SystemTime {
    let d = Duration::from_secs(secs.unsigned_abs());
    if secs >= 0 {
        UNIX_EPOCH + d
    } else {
        UNIX_EPOCH - d
    }
}

/// Whole seconds of a duration, or `invalid_input` at `field`.
pub fn duration_seconds(d: Duration, field: &str) -> Result<i64, Error> {
    if d.subsec_nanos() != 0 {
        return Err(Error::invalid_input("must be a whole number of seconds").at(field));
    }
    i64::try_from(d.as_secs()).map_err(|_| Error::invalid_input("is too long").at(field))
}

/// The duration of `secs` seconds (negative ones, which the engine never returns,
/// read as zero).
pub fn from_duration_seconds(secs: i64) -> Duration {
    Duration::from_secs(u64::try_from(secs).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_round_trip_on_both_sides_of_the_epoch() {
        for secs in [0, 1, -1, 1_772_452_800, -62_135_596_800, 253_402_300_799] {
            assert_eq!(to_seconds(from_seconds(secs), "t").unwrap(), secs);
        }
    }

    #[test]
    fn fractions_are_refused_with_the_field() {
        let t = UNIX_EPOCH + Duration::from_millis(1500);
        let e = to_seconds(t, "start").unwrap_err();
        assert_eq!(e.path(), "start");
        assert_eq!(e.code(), slotwise::ErrorCode::InvalidInput);
        let e = duration_seconds(Duration::from_millis(10), "slot.step").unwrap_err();
        assert_eq!(e.path(), "slot.step");
    }

    #[test]
    fn now_is_floored() {
        let t = UNIX_EPOCH + Duration::from_millis(1500);
        assert_eq!(to_seconds_floor(t, "now").unwrap(), 1);
        let t = UNIX_EPOCH - Duration::from_millis(1500);
        assert_eq!(to_seconds_floor(t, "now").unwrap(), -2);
    }
}
