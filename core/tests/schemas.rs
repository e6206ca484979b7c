//! The JSON Schemas in schemas/ are generated from the Rust types (feature `schema`):
//! this test generates them again and fails when a file differs, so a type and its
//! schema never drift apart. After changing an input type, regenerate them with
//!
//! ```sh
//! SLOTWISE_WRITE_SCHEMAS=1 cargo test -p slotwise --features schema --test schemas
//! ```
#![cfg(feature = "schema")]

use std::path::Path;

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use slotwise::{
    Appointment, AvailabilityRequest, BookingRules, EngineState, ExpandRequest, Query,
    ReconcileRequest, ReportRequest, Schedule,
};

/// A type's schema as the file holds it: draft 2020-12, with a title.
fn schema<T: JsonSchema>(title: &str) -> String {
    let mut schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap();
    text.push('\n');
    text
}

fn all() -> Vec<(&'static str, String)> {
    vec![
        ("schedule.json", schema::<Schedule>("Schedule")),
        ("appointment.json", schema::<Appointment>("Appointment")),
        ("query.json", schema::<Query>("Availability query")),
        (
            "booking-rules.json",
            schema::<BookingRules>("Booking rules"),
        ),
        (
            "availability-request.json",
            schema::<AvailabilityRequest>("Availability document (slotwise availability FILE)"),
        ),
        (
            "reconcile-request.json",
            schema::<ReconcileRequest>("Reconcile document (slotwise reconcile FILE)"),
        ),
        (
            "report-request.json",
            schema::<ReportRequest>("Report document (slotwise report FILE)"),
        ),
        (
            "expand-request.json",
            schema::<ExpandRequest>("Expansion request (one line of slotwise expand --batch)"),
        ),
        (
            "engine-state.json",
            schema::<EngineState>("Engine state (Engine::to_json)"),
        ),
    ]
}

#[test]
fn the_checked_in_schemas_are_those_of_the_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    let write = std::env::var_os("SLOTWISE_WRITE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for (file, text) in all() {
        let path = dir.join(file);
        if write {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "schemas/{stale:?} differ from the Rust types: regenerate with \
         SLOTWISE_WRITE_SCHEMAS=1 cargo test -p slotwise --features schema --test schemas"
    );
}
