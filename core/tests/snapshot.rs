//! Snapshots and the JSON state: a round trip answers every query as the original
//! engine does, also after changes made to a lazily opened engine; truncated and
//! corrupted bytes are `invalid_snapshot`, never a panic; the committed
//! `tests/vectors/snapshot/clinic-v1.bin` and `clinic-v2.bin` keep opening; the id
//! index of version 2 answers lookups by id and is checked.

use std::path::PathBuf;

use serde_json::{json, Value};
use slotwise::capacity::{Appointment, Status};
use slotwise::reconcile::ExistingSlot;
use slotwise::time::parse_instant;
use slotwise::{BookingRules, Bucket, Engine, ErrorCode, Limits, Query};

fn t(text: &str) -> i64 {
    parse_instant(text).unwrap()
}

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
}

/// The clinic example: three practitioners, overrides, exclusions, every status.
fn clinic() -> Engine {
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(repo("examples/data/clinic.json")).unwrap())
            .unwrap();
    let state =
        json!({"version": 1, "schedules": doc["schedules"], "appointments": doc["appointments"]});
    Engine::from_json(&state.to_string()).unwrap()
}

/// Everything the engine answers over the clinic's weeks, as one JSON value.
fn answers(e: &Engine) -> Value {
    let (from, to) = (t("2026-03-16T00:00:00Z"), t("2026-04-13T00:00:00Z"));
    let mut all = Query::new(from, to);
    all.seats = 0;
    let ids: Vec<String> = e.schedule_ids().map(str::to_owned).collect();
    let existing: Vec<ExistingSlot> = e
        .availability(&Query::new(from, t("2026-03-30T00:00:00Z")))
        .unwrap()
        .iter()
        .step_by(3)
        .map(|s| ExistingSlot::from(&s))
        .collect();
    let probe: Vec<Value> = e
        .appointments()
        .map(|a| {
            json!({
                "check": e.check_booking(a, &BookingRules::default()).unwrap(),
                "explain": e.explain(&a.schedule, a.start).unwrap(),
            })
        })
        .collect();
    json!({
        "ids": ids,
        "schedules": e.schedules().collect::<Vec<_>>(),
        "appointments": e.appointments().collect::<Vec<_>>(),
        "free": e.availability(&Query::new(from, to)).unwrap(),
        "all": e.availability(&all).unwrap(),
        "plan": e.reconcile(from, to, &existing).unwrap(),
        "days": e.report(from, to, Bucket::Day).unwrap(),
        "weeks": e.report(from, to, Bucket::Week).unwrap(),
        "months": e.report(from, to, Bucket::Month).unwrap(),
        "probe": probe,
        "json": e.to_json().unwrap(),
    })
}

#[test]
fn a_round_trip_answers_every_query_the_same() {
    let original = clinic();
    let bytes = original.to_snapshot().unwrap();
    assert_eq!(&bytes[..8], b"SLOTWISE");
    let opened = Engine::from_snapshot(&bytes).unwrap();
    assert_eq!(answers(&opened), answers(&original));
    // Deterministic: the same state gives the same bytes, opened or not.
    assert_eq!(opened.to_snapshot().unwrap(), bytes);
    assert_eq!(
        Engine::from_snapshot(&bytes)
            .unwrap()
            .to_snapshot()
            .unwrap(),
        bytes
    );
    let empty = Engine::new().to_snapshot().unwrap();
    let reopened = Engine::from_snapshot(&empty).unwrap();
    assert_eq!(reopened.schedule_ids().count(), 0);
    assert_eq!(reopened.to_snapshot().unwrap(), empty);
}

#[test]
fn the_json_state_round_trips() {
    let original = clinic();
    let text = original.to_json().unwrap();
    let state: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(state["version"], 1);
    assert_eq!(state["schedules"].as_array().unwrap().len(), 3);
    let again = Engine::from_json(&text).unwrap();
    assert_eq!(answers(&again), answers(&original));
    let err = Engine::from_json(&text.replacen("\"version\":1", "\"version\":2", 1)).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::InvalidInput, "version")
    );
    let err =
        Engine::from_json(r#"{"version": 1, "schedules": [], "appointments": [{"id": "a"}]}"#)
            .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.path().starts_with("appointments[0]"), "{}", err.path());
}

/// The same changes on a built engine and on one freshly opened from a snapshot
/// (whose schedules and appointments are built only when needed) end in the same
/// state.
#[test]
fn changes_to_an_opened_engine_match_changes_to_the_original() {
    let change = |e: &mut Engine| {
        let mut a = e.appointment("apt-003").unwrap().clone();
        a.status = Status::Cancelled;
        e.update_appointment(a).unwrap();
        e.remove_appointment("apt-004").unwrap();
        let id = e.schedule_ids().nth(1).unwrap().to_owned();
        let mut s = e.schedule(&id).unwrap().clone();
        s.slot.capacity += 1;
        e.replace_schedule(s).unwrap();
        let last = e.schedule_ids().last().unwrap().to_owned();
        e.remove_schedule(&last).unwrap();
        let first = e.schedule_ids().next().unwrap().to_owned();
        e.add_appointment(Appointment {
            version: None,
            id: "new".into(),
            schedule: first,
            start: t("2026-03-24T13:00:00Z"),
            end: t("2026-03-24T13:30:00Z"),
            seats: 1,
            status: Status::Booked,
        })
        .unwrap();
        // A refused change changes nothing.
        assert_eq!(
            e.add_appointment(e.appointment("new").unwrap().clone())
                .unwrap_err()
                .code(),
            ErrorCode::DuplicateId
        );
    };
    let mut original = clinic();
    let bytes = original.to_snapshot().unwrap();
    let mut opened = Engine::from_snapshot(&bytes).unwrap();
    change(&mut original);
    change(&mut opened);
    assert_eq!(answers(&opened), answers(&original));
    assert_eq!(
        opened.to_snapshot().unwrap(),
        original.to_snapshot().unwrap()
    );
    // Only queries: the appointments by id are never built, the snapshot is the same.
    let mut only_queries = Engine::from_snapshot(&bytes).unwrap();
    only_queries.set_parallel(false);
    let week = Query::new(t("2026-03-23T00:00:00Z"), t("2026-03-30T00:00:00Z"));
    assert!(!only_queries.availability(&week).unwrap().is_empty());
    assert_eq!(only_queries.to_snapshot().unwrap(), bytes);
}

fn is_invalid_snapshot(result: slotwise::Result<Engine>) -> bool {
    match result {
        Err(e) => e.code() == ErrorCode::InvalidSnapshot,
        Ok(_) => false,
    }
}

#[test]
fn every_truncation_is_invalid() {
    let bytes = clinic().to_snapshot().unwrap();
    for len in 0..bytes.len() {
        assert!(
            is_invalid_snapshot(Engine::from_snapshot(&bytes[..len])),
            "truncated to {len} bytes"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(is_invalid_snapshot(Engine::from_snapshot(&longer)));
}

/// Random corruptions (one to four bytes changed anywhere) never panic and are
/// always found: opening fails (header, table), or checking the blocks does
/// (`load_all`); until then the engine answers or fails with `invalid_snapshot`.
#[test]
fn random_corruptions_are_refused() {
    let bytes = clinic().to_snapshot().unwrap();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let week = Query::new(t("2026-03-23T00:00:00Z"), t("2026-03-30T00:00:00Z"));
    let (mut at_open, mut later) = (0, 0);
    for _ in 0..10_000 {
        let mut bad = bytes.clone();
        for _ in 0..=next(4) {
            let at = next(bad.len());
            bad[at] ^= 1 + next(255) as u8;
        }
        match Engine::from_snapshot(&bad) {
            Err(e) => {
                assert_eq!(e.code(), ErrorCode::InvalidSnapshot);
                at_open += 1;
            }
            Ok(engine) => {
                if let Err(e) = engine.availability(&week) {
                    assert_eq!(e.code(), ErrorCode::InvalidSnapshot);
                }
                let e = engine.load_all().unwrap_err();
                assert_eq!(e.code(), ErrorCode::InvalidSnapshot);
                later += 1;
            }
        }
    }
    assert!(at_open > 100 && later > 5_000, "{at_open} {later}");
}

#[test]
fn other_versions_and_limits_are_refused() {
    let bytes = clinic().to_snapshot().unwrap();
    let mut v3 = bytes.clone();
    v3[8] = 3;
    let err = Engine::from_snapshot(&v3).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidSnapshot);
    assert!(err.to_string().contains("version 3"), "{err}");
    // Version 2 bytes read as version 1: the id index is not where version 1 has
    // nothing.
    let mut v1 = bytes.clone();
    v1[8] = 1;
    let err = Engine::from_snapshot(&v1).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidSnapshot);
    let err = Engine::from_snapshot(b"{\"version\": 1}").unwrap_err();
    assert!(err.to_string().contains("not a slotwise snapshot"), "{err}");
    let small = Limits {
        max_schedules: 2,
        ..Limits::default()
    };
    let err = Engine::from_snapshot_vec(bytes.clone(), small).unwrap_err();
    assert_eq!(err.code(), ErrorCode::LimitExceeded);
    let tiny = Limits {
        max_snapshot_bytes: 100,
        ..Limits::default()
    };
    let err = Engine::from_snapshot_vec(bytes, tiny).unwrap_err();
    assert_eq!(err.code(), ErrorCode::LimitExceeded);
}

/// The committed snapshots of the clinic (written on x86-64 by format versions 1
/// and 2) open and answer as the clinic's JSON does: the format is fixed, whatever
/// the platform. This test only reads them; `write_the_current_snapshot` writes a
/// new one when the format version changes.
#[test]
fn the_committed_snapshots_keep_opening() {
    for (file, version) in [("clinic-v1.bin", 1), ("clinic-v2.bin", 2)] {
        let path = repo(&format!("tests/vectors/snapshot/{file}"));
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes[8], version as u8, "{file}");
        // Changes by id on the lazily opened engine, then everything compared.
        let mut opened = Engine::from_snapshot_vec(bytes, Limits::default()).unwrap();
        let mut expected = clinic();
        for e in [&mut opened, &mut expected] {
            let mut moved = e.appointment("apt-003").unwrap().clone();
            moved.start += 1800;
            moved.end += 1800;
            e.update_appointment(moved).unwrap();
            e.remove_appointment("apt-020").unwrap();
        }
        opened.load_all().unwrap();
        assert_eq!(answers(&opened), answers(&expected), "{file}");
    }
}

/// Writes the clinic in the current format version to
/// `tests/vectors/snapshot/clinic-v<version>.bin`, a separate command run only when
/// the format version changes (then add the file to the test above):
/// `cargo test -p slotwise --test snapshot -- --ignored write_the_current_snapshot`.
#[test]
#[ignore = "writes a committed file; run by hand when the format version changes"]
fn write_the_current_snapshot() {
    let version = slotwise::snapshot::FORMAT_VERSION;
    let path = repo(&format!("tests/vectors/snapshot/clinic-v{version}.bin"));
    std::fs::write(&path, clinic().to_snapshot().unwrap()).unwrap();
    eprintln!("wrote {}", path.display());
}

/// Lookups by id on a version 2 snapshot go through its id index: the first
/// booking change needs no other schedule's block, and wrong index bytes fail the
/// lookups with `invalid_snapshot` (checksums) or are caught when every appointment
/// is built (an index resealed to lie).
#[test]
fn the_id_index_answers_lookups_and_is_checked() {
    let bytes = clinic().to_snapshot().unwrap();
    assert_eq!(bytes[8], 2);
    // Lookups: found, missing, added, removed, duplicates refused.
    let mut e = Engine::from_snapshot(&bytes).unwrap();
    let some = clinic().appointments().nth(5).unwrap().clone();
    let err = e.add_appointment(some.clone()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DuplicateId);
    let err = e.remove_appointment("nobody").unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    e.remove_appointment(&some.id).unwrap();
    assert_eq!(
        e.remove_appointment(&some.id).unwrap_err().code(),
        ErrorCode::InvalidInput
    );
    e.add_appointment(some.clone()).unwrap();
    let mut fresh = some.clone();
    fresh.id = "brand-new".into();
    e.add_appointment(fresh.clone()).unwrap();
    assert_eq!(
        e.add_appointment(fresh).unwrap_err().code(),
        ErrorCode::DuplicateId
    );
    assert_eq!(
        e.appointments().count(),
        clinic().appointments().count() + 1
    );
    // A flipped byte in the index (its page checksum no longer matches).
    let table_len = u64::from_le_bytes(bytes[24..32].try_into().unwrap()) as usize;
    let count = clinic().appointments().count();
    let index_len = count * 16 + count.div_ceil(256) * 8;
    let index_start = bytes.len() - table_len - index_len;
    let mut bad = bytes.clone();
    bad[index_start + 3] ^= 0x10;
    let mut e = Engine::from_snapshot(&bad).unwrap();
    // Questions that need no lookup by id still answer.
    let q = Query::new(t("2026-03-16T00:00:00Z"), t("2026-03-23T00:00:00Z"));
    assert!(!e.availability(&q).unwrap().is_empty());
    let err = e.remove_appointment(&some.id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidSnapshot, "{err}");
    assert_eq!(e.load_all().unwrap_err().code(), ErrorCode::InvalidSnapshot);
}

/// A damaged block fails exactly the calls that need its schedule, with
/// `invalid_snapshot`; the other schedules keep answering.
#[test]
fn a_damaged_block_fails_the_calls_that_need_it() {
    fn shareable<T: Send + Sync>(_: &T) {}
    let mut bytes = clinic().to_snapshot().unwrap();
    // The first block (the first schedule by id) starts after the 40-byte header.
    bytes[60] ^= 0x20;
    let e = Engine::from_snapshot(&bytes).unwrap();
    shareable(&e);
    let ids: Vec<String> = e.schedule_ids().map(str::to_owned).collect();
    let (from, to) = (t("2026-03-23T00:00:00Z"), t("2026-03-30T00:00:00Z"));
    let code = |r: slotwise::Result<()>| r.unwrap_err().code();
    assert_eq!(
        code(e.availability(&Query::new(from, to)).map(|_| ())),
        ErrorCode::InvalidSnapshot
    );
    assert_eq!(
        code(e.report(from, to, Bucket::Week).map(|_| ())),
        ErrorCode::InvalidSnapshot
    );
    assert_eq!(
        code(e.reconcile(from, to, &[]).map(|_| ())),
        ErrorCode::InvalidSnapshot
    );
    assert_eq!(
        code(e.to_snapshot().map(|_| ())),
        ErrorCode::InvalidSnapshot
    );
    assert_eq!(code(e.load_all()), ErrorCode::InvalidSnapshot);
    let mut others = Query::new(from, to);
    others.schedules = Some(ids[1..].to_vec());
    assert!(!e.availability(&others).unwrap().is_empty());
    assert!(e.schedule(&ids[0]).is_none());
    assert!(e.schedule(&ids[1]).is_some());
    assert_eq!(e.schedules().count(), ids.len() - 1);
}
