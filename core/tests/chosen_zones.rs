//! The `chosen-zones` build (docs/building.md): run with
//! `SLOTWISE_ZONES="Europe/Berlin,America/New_York" cargo test -p slotwise --features chosen-zones --test chosen_zones`.
//! Without the feature this file is empty; the every-zone build is tested everywhere else.
#![cfg(feature = "chosen-zones")]

use slotwise::tz::{zone_names, Zone};
use slotwise::{tzdata_version, ErrorCode};

#[test]
fn only_the_chosen_zones_and_utc() {
    let chosen: Vec<String> = std::env::var("SLOTWISE_ZONES")
        .unwrap_or_default()
        .split(',')
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    assert!(
        !chosen.is_empty(),
        "set SLOTWISE_ZONES when building this test"
    );
    let mut names: Vec<&str> = zone_names().to_vec();
    names.sort_unstable();
    let mut want: Vec<&str> = chosen.iter().map(String::as_str).chain(["UTC"]).collect();
    want.sort_unstable();
    want.dedup();
    assert_eq!(names, want);
    for name in &chosen {
        let zone = Zone::parse(name).expect("a chosen zone");
        assert_eq!(zone.name(), name);
        assert!(!zone.is_utc() || name.starts_with("Etc/"));
    }
    assert!(Zone::parse("UTC").is_ok_and(|z| z.is_utc()));
    let missing = Zone::parse("Antarctica/Troll").expect_err("a zone left out");
    assert_eq!(missing.code(), ErrorCode::UnknownTimezone);
    assert!(
        missing.message().contains("chosen at build time"),
        "{}",
        missing.message()
    );
    assert!(tzdata_version().starts_with("20"));
}

#[test]
fn a_chosen_zone_keeps_its_rules() {
    // Europe/Berlin when chosen: CET in January, CEST in July, also far ahead.
    let Ok(berlin) = Zone::parse("Europe/Berlin") else {
        return;
    };
    let january = slotwise::time::parse_instant("2026-01-15T12:00:00Z").unwrap_or(0);
    let july = slotwise::time::parse_instant("2140-07-15T12:00:00Z").unwrap_or(0);
    assert_eq!(berlin.offset_at(january), 3_600);
    assert_eq!(berlin.offset_at(july), 7_200);
}
