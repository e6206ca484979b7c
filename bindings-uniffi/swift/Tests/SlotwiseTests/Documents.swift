// The vectors' input documents (`schedules`, `appointments`, `window`) into an engine.
import Foundation
import Slotwise

/// How a document's schedules and appointments reach the engine.
enum Mode { case json, records }

/// An engine holding a document's `schedules` and `appointments`: every record read
/// first, then added; errors located from the document's root.
func engineOf(_ input: [String: Any], _ mode: Mode) throws -> Engine {
    let schedules = input["schedules"] as? [Any] ?? []
    let appointments = input["appointments"] as? [Any] ?? []
    let engine = Engine()
    switch mode {
    case .json:
        for (i, s) in schedules.enumerated() {
            try under("schedules[\(i)]") { try engine.addScheduleJson(json: try jsonText(s)) }
        }
        for (i, a) in appointments.enumerated() {
            try under("appointments[\(i)]") { try engine.addAppointmentJson(json: try jsonText(a)) }
        }
    case .records:
        let s = try schedules.enumerated().map { i, doc in
            try under("schedules[\(i)]") { try scheduleFromJson(json: try jsonText(doc)) }
        }
        let a = try appointments.enumerated().map { i, doc in
            try under("appointments[\(i)]") { try appointmentFromJson(json: try jsonText(doc)) }
        }
        for (i, x) in s.enumerated() { try under("schedules[\(i)]") { try engine.addSchedule(schedule: x) } }
        for (i, x) in a.enumerated() { try under("appointments[\(i)]") { try engine.addAppointment(appointment: x) } }
    }
    return engine
}

/// The document's `window`.
func window(_ input: [String: Any]) -> (Date, Date) {
    let w = input["window"] as? [String: Any] ?? [:]
    return (instant(w["from"] as? String ?? ""), instant(w["to"] as? String ?? ""))
}
