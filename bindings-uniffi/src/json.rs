//! The engine's JSON documents to and from the records, for hosts that already hold
//! JSON (from a server, a file). Parsing follows the core: unknown fields are refused
//! and errors name the field.

use slotwise::{from_json, Limits};

use crate::appointment::Appointment;
use crate::error::{Result, SlotwiseError};
use crate::plan::Plan;
use crate::query::Query;
use crate::report::Bucket;
use crate::schedule::Schedule;

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| slotwise::Error::invalid_input(e.to_string()).into())
}

/// The records carry no format version (theirs is always 1), so another one is
/// refused here rather than dropped.
fn check_version(version: Option<u32>) -> Result<()> {
    match version {
        Some(v) if v != 1 => Err(slotwise::Error::invalid_input(format!(
            "version {v} is not supported (only 1)"
        ))
        .at("version")
        .into()),
        _ => Ok(()),
    }
}

/// A schedule from its JSON form (`{"id", "timezone", "availability", "slot", ...}`).
#[uniffi::export]
pub fn schedule_from_json(json: String) -> Result<Schedule> {
    let s: slotwise::Schedule = from_json(&json, &Limits::default())?;
    check_version(s.version)?;
    Ok(Schedule::from(&s))
}

/// An appointment from its JSON form (`{"id", "schedule", "start", "end", ...}`).
#[uniffi::export]
pub fn appointment_from_json(json: String) -> Result<Appointment> {
    let a: slotwise::Appointment = from_json(&json, &Limits::default())?;
    check_version(a.version)?;
    Ok(Appointment::from(&a))
}

/// A report bucket from its name (`day`, `week`, `month`).
#[uniffi::export]
pub fn bucket_from_name(name: String) -> Result<Bucket> {
    let text =
        serde_json::to_string(&name).map_err(|e| slotwise::Error::invalid_input(e.to_string()))?;
    let b: slotwise::Bucket = from_json(&text, &Limits::default())?;
    Ok(b.into())
}

/// An availability or combined query from its JSON form (`{"from", "to", "seats",
/// "first", "combine", ...}`).
#[uniffi::export]
pub fn query_from_json(json: String) -> Result<Query> {
    let q: slotwise::Query = from_json(&json, &Limits::default())?;
    Ok(Query::from(&q))
}

/// An appointment as JSON, the form a server takes.
#[uniffi::export]
pub fn appointment_to_json(appointment: Appointment) -> Result<String> {
    to_json(&appointment.to_core()?)
}

/// A reconcile plan as JSON: `{"create": [slot...], "update": [{"key", "before",
/// "after"}], "delete": [key...], "conflicts": [{"key", "appointments"}], "unchanged"}`.
#[uniffi::export]
pub fn plan_to_json(plan: Plan) -> Result<String> {
    to_json(&plan.to_core().map_err(SlotwiseError::from)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_name_the_field() {
        let e = schedule_from_json(r#"{"id": "x", "timezone": "UTC", "slot": {"duration": "PT30M", "capacity": 1, "stp": "PT5M"}}"#.into())
            .unwrap_err();
        assert_eq!(e.path(), "slot.stp");
        assert_eq!(e.code_name(), "invalid_input");
    }

    #[test]
    fn another_version_is_refused() {
        let e = appointment_from_json(r#"{"version":2,"id":"a1","schedule":"room","start":"2026-03-02T09:00:00Z","end":"2026-03-02T09:30:00Z"}"#.into())
            .unwrap_err();
        assert_eq!(e.path(), "version");
    }

    #[test]
    fn buckets_by_name() {
        assert_eq!(bucket_from_name("week".into()).unwrap(), Bucket::Week);
        let e = bucket_from_name("quarter".into()).unwrap_err();
        assert_eq!(e.code_name(), "invalid_input");
        assert_eq!(e.path(), "");
    }

    #[test]
    fn an_appointment_round_trips() {
        let text = r#"{"id":"a1","schedule":"room","start":"2026-03-02T09:00:00Z","end":"2026-03-02T09:30:00Z","seats":2,"status":"no_show"}"#;
        let a = appointment_from_json(text.into()).unwrap();
        assert_eq!(a.seats, 2);
        assert_eq!(appointment_to_json(a).unwrap(), text);
    }
}
