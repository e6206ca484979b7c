//! Where zones come from: the whole bundled database (`tzdb_data`, the default), or
//! with the `chosen-zones` feature only the zones named by the `SLOTWISE_ZONES`
//! environment variable when the crate was built (comma-separated IANA names; UTC is
//! always there). A chosen build carries each named zone as its compiled TZif bytes,
//! which `build.rs` copies from the same `tzdb_data` release, and reads a zone's bytes
//! into tables on its first use; a name left out is `unknown_timezone`, as any
//! unknown name is. Meant for WebAssembly builds that must be small
//! (docs/building.md, "Only chosen zones").

#[cfg(not(feature = "chosen-zones"))]
use tz::timezone::TimeZoneRef;

/// What an unknown zone's message adds about the build.
#[cfg(not(feature = "chosen-zones"))]
pub(super) const SCOPE: &str = "";
#[cfg(feature = "chosen-zones")]
pub(super) const SCOPE: &str = " as built (only the zones chosen at build time)";

/// How many names the database has (a zone's slot is its name's position).
#[cfg(not(feature = "chosen-zones"))]
pub(super) const COUNT: usize = tzdb_data::TZ_NAMES.len();

/// The compiled database's entry for `name`, spelled exactly, with the name as the
/// database spells it (a `'static` copy) and its position among the names.
#[cfg(not(feature = "chosen-zones"))]
pub(super) fn find(name: &str) -> Option<(&'static str, &'static TimeZoneRef<'static>, u16)> {
    let names = tzdb_data::TZ_NAMES;
    // The names are listed in ASCII-lowercase order, nearly the order of their
    // bytes: a binary search by bytes finds almost every one at once, and a scan
    // the few it misses (and unknown names).
    let slot = names
        .binary_search(&name)
        .ok()
        .or_else(|| names.iter().position(|n| *n == name))?;
    let &name = names.get(slot)?;
    let slot = u16::try_from(slot).ok()?;
    Some((name, tzdb_data::find_tz(name.as_bytes())?, slot))
}

/// Every zone name of the database (canonical names and links).
#[cfg(not(feature = "chosen-zones"))]
pub(super) fn names() -> &'static [&'static str] {
    tzdb_data::TZ_NAMES
}

#[cfg(feature = "chosen-zones")]
mod chosen {
    use std::sync::OnceLock;

    use tz::timezone::{TimeZone, TimeZoneRef};

    // `NAMES: [&str; COUNT]` and `TZIF: [&[u8]; COUNT]`, written by build.rs.
    include!(concat!(env!("OUT_DIR"), "/chosen_zones.rs"));
    /// How many names the build has (a zone's slot is its name's position).
    pub(in crate::tz) const ZONE_COUNT: usize = COUNT;

    /// Each zone's tables, read from its bytes on first use and kept for the life
    /// of the program (one allocation per zone, at most `COUNT`).
    static TABLES: [OnceLock<Option<&'static TimeZoneRef<'static>>>; COUNT] =
        [const { OnceLock::new() }; COUNT];

    pub(in crate::tz) fn find(
        name: &str,
    ) -> Option<(&'static str, &'static TimeZoneRef<'static>, u16)> {
        let i = NAMES.iter().position(|n| *n == name)?;
        let slot = u16::try_from(i).ok()?;
        if i == 0 {
            return Some(("UTC", &tzdb_data::time_zone::UTC, slot));
        }
        let table = TABLES.get(i)?.get_or_init(|| {
            let zone = TimeZone::from_tz_data(TZIF.get(i)?).ok()?;
            let zone: &'static TimeZone = Box::leak(Box::new(zone));
            Some(Box::leak(Box::new(zone.as_ref())))
        });
        Some((NAMES.get(i)?, (*table)?, slot))
    }

    pub(in crate::tz) fn names() -> &'static [&'static str] {
        &NAMES
    }
}

#[cfg(feature = "chosen-zones")]
pub(super) use chosen::{find, names, ZONE_COUNT as COUNT};

#[cfg(test)]
mod tests {
    #[test]
    fn every_name_is_found_at_its_own_slot() {
        for (slot, name) in super::names().iter().enumerate() {
            let (found, _, at) = super::find(name).unwrap();
            assert_eq!((found, usize::from(at)), (*name, slot));
        }
    }
}
