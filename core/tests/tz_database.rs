//! The zone code against the compiled database read by tz-rs (an independent
//! implementation of TZif lookups and of the POSIX TZ rule), for every zone:
//!
//! - every transition the database lists from 1900 to 2100 is one the zone reports,
//!   and every transition the zone reports, listed or from the zone's rule, changes
//!   the database's answer exactly there (the instant before has the old type);
//! - between reported transitions the database's offset does not change (probed
//!   every few days in the rule's years, where nothing is listed);
//! - local-to-UTC at and around every transition (in gaps, overlaps and at their
//!   edges) equals the database's earliest instant (a gap: read with the offset
//!   before it), by exact resolution and by a cursor walking forward;
//! - UTC-to-local and back at instants sampled from 1900 to 2200.

use slotwise::tz::{zone_names, Zone, ZoneCursor};
use tz::datetime::{DateTime, FoundDateTimeKind};
use tz::timezone::TimeZoneRef;

const DAY: i64 = 86_400;
/// 1900-01-01T00:00:00Z, 2100-01-01T00:00:00Z and 2200-01-01T00:00:00Z.
const Y1900: i64 = -2_208_988_800;
const Y2100: i64 = 4_102_444_800;
const Y2200: i64 = 7_258_118_400;

fn db_offset(tz: &TimeZoneRef<'static>, t: i64) -> i64 {
    i64::from(tz.find_local_time_type(t).unwrap().ut_offset())
}

/// The database's instant for local wall seconds: the earliest match, or in a gap the
/// wall time read with the offset before the gap.
fn db_resolve(tz: TimeZoneRef<'static>, wall: i64) -> i64 {
    let date = chrono::DateTime::from_timestamp(wall, 0)
        .unwrap()
        .naive_utc();
    use chrono::{Datelike, Timelike};
    let mut buf = [None; 4];
    let found = DateTime::find_n(
        &mut buf,
        date.year(),
        date.month() as u8,
        date.day() as u8,
        date.hour() as u8,
        date.minute() as u8,
        date.second() as u8,
        0,
        tz,
    )
    .unwrap();
    let first = found.data().iter().flatten().next().copied();
    match first.expect("every local time is found or skipped") {
        FoundDateTimeKind::Normal(dt) => dt.unix_time(),
        FoundDateTimeKind::Skipped {
            before_transition, ..
        } => wall - i64::from(before_transition.local_time_type().ut_offset()),
    }
}

/// One zone per distinct table (links share their target's table).
fn distinct_zones() -> Vec<(Zone, TimeZoneRef<'static>)> {
    let mut seen: Vec<*const TimeZoneRef<'static>> = Vec::new();
    let mut zones = Vec::new();
    for name in zone_names() {
        let table = tzdb_data::find_tz(name.as_bytes()).unwrap();
        let ptr = table as *const _;
        if seen.contains(&ptr) {
            continue;
        }
        seen.push(ptr);
        zones.push((Zone::parse(name).unwrap(), *table));
    }
    zones
}

#[test]
fn every_name_of_the_database_parses() {
    assert!(zone_names().len() > 500);
    for name in zone_names() {
        assert_eq!(Zone::parse(name).unwrap().name(), *name);
    }
}

#[test]
fn every_transition_of_every_zone_from_1900_to_2100() {
    let (mut checked, mut from_rules) = (0usize, 0usize);
    for (zone, db) in distinct_zones() {
        let name = zone.name();
        assert!(db.leap_seconds().is_empty(), "{name}: leap seconds");
        let listed: Vec<i64> = db
            .transitions()
            .iter()
            .map(|t| t.unix_leap_time())
            .collect();
        let last_listed = listed.last().copied().unwrap_or(i64::MIN);
        let mut reported = Vec::new();
        let mut t = Y1900;
        while let Some(at) = zone.transition_after(t) {
            assert!(at > t, "{name}: transitions move forward");
            if at >= Y2100 {
                break;
            }
            reported.push(at);
            t = at;
        }
        // Every listed transition in range is reported.
        for at in listed.iter().filter(|&&at| at > Y1900 && at < Y2100) {
            assert!(reported.binary_search(at).is_ok(), "{name}: missed {at}");
        }
        let mut previous = Y1900;
        let mut cursor = ZoneCursor::new(zone);
        for &at in &reported {
            // The database's type changes here and not one second later or earlier.
            let before = db.find_local_time_type(at - 1).unwrap();
            let after = db.find_local_time_type(at).unwrap();
            assert!(
                before != after || listed.binary_search(&at).is_ok(),
                "{name}: {at} changes nothing"
            );
            assert_eq!(
                zone.offset_at(at - 1),
                db_offset(&db, at - 1),
                "{name} {at}"
            );
            assert_eq!(zone.offset_at(at), db_offset(&db, at), "{name} {at}");
            if at > last_listed {
                from_rules += 1;
                // Nothing is listed here: probe the database between the rule's changes.
                let mut probe = previous + 1;
                while probe < at {
                    assert_eq!(
                        zone.offset_at(probe),
                        db_offset(&db, probe),
                        "{name} {probe}"
                    );
                    probe += 5 * DAY;
                }
            }
            // Local times around the transition: both edges, the gap or overlap.
            let (old, new) = (db_offset(&db, at - 1), db_offset(&db, at));
            let mut walls = vec![
                at + old - 1,
                at + old,
                at + new - 1,
                at + new,
                at + (old + new) / 2,
                at + old.min(new) - 3_600,
                at + old.max(new) + 3_600,
            ];
            walls.dedup();
            for wall in walls {
                let expected = db_resolve(db, wall);
                assert_eq!(zone.resolve_wall(wall), expected, "{name} wall {wall}");
                assert_eq!(cursor.resolve_wall(wall), expected, "{name} cursor {wall}");
            }
            previous = at;
            checked += 1;
        }
    }
    // Most zones' rules run on after their last listed change (slim TZif data).
    assert!(checked > 20_000, "{checked}");
    assert!(from_rules > 5_000, "{from_rules}");
}

#[test]
fn sampled_instants_to_2200_both_ways() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (zone, db) in distinct_zones() {
        for _ in 0..60 {
            let t = Y1900 + (next() % (Y2200 - Y1900) as u64) as i64;
            let offset = db_offset(&db, t);
            assert_eq!(zone.offset_at(t), offset, "{} {t}", zone.name());
            let wall = t + offset;
            assert_eq!(zone.wall(t), wall);
            assert_eq!(
                zone.resolve_wall(wall),
                db_resolve(db, wall),
                "{} wall {wall}",
                zone.name()
            );
        }
    }
}
