//! Questions to an engine, each taking JSON documents and answering JSON:
//! availability, combined, check_booking, explain, reconcile and report. They take the
//! engine's read lock, so several threads may ask at once.

use serde::Deserialize;
use slotwise::time::parse_instant;
use slotwise::{
    from_json, Appointment, BookingRules, Bucket, ExistingSlot, Period, Query, ReconcileRequest,
    ReportRequest,
};

use crate::args;
use crate::code::SlotwiseCode;
use crate::handle::SlotwiseEngine;
use crate::result::{guard, json, SlotwiseResult};

/// What `slotwise_engine_reconcile` reads.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReconcileDocument {
    window: Period,
    #[serde(default)]
    existing: Vec<ExistingSlot>,
}

/// What `slotwise_engine_report` reads.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportDocument {
    window: Period,
    bucket: Bucket,
}

/// The slots of a query `{"from", "to", "seats", "now", "min_notice",
/// "max_advance", "schedules", "first"}` (`to` may be left out with `first`), as a
/// JSON array of `{key, schedule, start, end,
/// capacity, booked, remaining}` ordered by start, then schedule id. Errors name the
/// query's field (`to`). For big answers see `slotwise_engine_availability_columns`.
///
/// # Safety
/// `engine` must be NULL or a live handle; `query` NULL or `query_len` readable
/// bytes; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_availability(
    engine: *const SlotwiseEngine,
    query: *const u8,
    query_len: usize,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    guard(out, || {
        let engine = args::engine(engine)?.read()?;
        let query: Query = from_json(args::text(query, query_len, "query")?, engine.limits())?;
        json(&engine.availability(&query)?)
    })
}

/// The rows of a combined query: a query (as for `slotwise_engine_availability`)
/// with `"combine": {"mode": "all" | "any" | "k_of_n", "schedules": [...], "k",
/// "duration", "step"}`, answered as a JSON array of `{start, end, schedules,
/// remaining}` ordered by start, then end: the times every (`all`), any (`any`, a
/// pool) or at least `k` (`k_of_n`) of the schedules can take. Errors name the
/// query's field (`combine.k`, `combine.schedules[1]`, `first`).
///
/// # Safety
/// As for `slotwise_engine_availability`.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_combined(
    engine: *const SlotwiseEngine,
    query: *const u8,
    query_len: usize,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    guard(out, || {
        let engine = args::engine(engine)?.read()?;
        let query: Query = from_json(args::text(query, query_len, "query")?, engine.limits())?;
        json(&engine.combined(&query)?)
    })
}

/// Whether an appointment (JSON) fits, under booking rules `{"now", "min_notice",
/// "max_advance"}` (JSON; `{}` for none): `{"fits", "slot", "reasons": [{"code",
/// ...}]}`. An appointment with the same id as a held one is checked as its move.
///
/// # Safety
/// As for `slotwise_engine_availability`.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_check_booking(
    engine: *const SlotwiseEngine,
    appointment: *const u8,
    appointment_len: usize,
    rules: *const u8,
    rules_len: usize,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    guard(out, || {
        let engine = args::engine(engine)?.read()?;
        let limits = engine.limits();
        let appointment: Appointment = from_json(
            args::text(appointment, appointment_len, "appointment")?,
            limits,
        )?;
        let rules: BookingRules =
            from_json(args::text(rules, rules_len, "rules")?, limits).map_err(|e| e.at("rules"))?;
        json(&engine.check_booking(&appointment, &rules)?)
    })
}

/// What the engine sees in a schedule at an instant (RFC 3339): the window and
/// exclusions holding it and every slot holding it with the reasons it cannot take
/// one more seat, as JSON.
///
/// # Safety
/// As for `slotwise_engine_availability`.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_explain(
    engine: *const SlotwiseEngine,
    schedule_id: *const u8,
    schedule_id_len: usize,
    instant: *const u8,
    instant_len: usize,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    guard(out, || {
        let engine = args::engine(engine)?.read()?;
        let id = args::text(schedule_id, schedule_id_len, "schedule_id")?;
        let instant = parse_instant(args::text(instant, instant_len, "instant")?)
            .map_err(|e| e.at("instant"))?;
        json(&engine.explain(id, instant)?)
    })
}

/// The plan that brings a host's stored slots in line with the engine, for a
/// document `{"window": {"from", "to"}, "existing": [{"key", "schedule", "start",
/// "end", "capacity"}, ...]}`: JSON `{"create", "update", "delete", "conflicts",
/// "unchanged"}`. Errors name the field (`existing[2].key`, `window.to`).
///
/// # Safety
/// As for `slotwise_engine_availability`.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_reconcile(
    engine: *const SlotwiseEngine,
    json_doc: *const u8,
    json_doc_len: usize,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    guard(out, || {
        let engine = args::engine(engine)?.read()?;
        let doc: ReconcileDocument =
            from_json(args::text(json_doc, json_doc_len, "json")?, engine.limits())?;
        let request = ReconcileRequest {
            schedules: Vec::new(),
            appointments: Vec::new(),
            window: doc.window,
            existing: doc.existing,
        };
        json(&request.answer(&engine)?)
    })
}

/// Occupancy rows for a document `{"window": {"from", "to"}, "bucket": "day" |
/// "week" | "month"}`: a JSON array of `{schedule, bucket_start,
/// offered_seat_minutes, booked_seat_minutes, utilization, appointments,
/// cancellation_rate, no_show_rate}`.
///
/// # Safety
/// As for `slotwise_engine_availability`.
#[no_mangle]
pub unsafe extern "C" fn slotwise_engine_report(
    engine: *const SlotwiseEngine,
    json_doc: *const u8,
    json_doc_len: usize,
    out: *mut SlotwiseResult,
) -> SlotwiseCode {
    guard(out, || {
        let engine = args::engine(engine)?.read()?;
        let doc: ReportDocument =
            from_json(args::text(json_doc, json_doc_len, "json")?, engine.limits())?;
        let request = ReportRequest {
            schedules: Vec::new(),
            appointments: Vec::new(),
            window: doc.window,
            bucket: doc.bucket,
        };
        json(&request.answer(&engine)?)
    })
}
