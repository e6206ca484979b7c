// Answers of the binding in the JSON form the vectors expect, and instants to and
// from RFC 3339.
import Foundation
import Slotwise

private let rfc3339Parser: ISO8601DateFormatter = {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f
}()

/// An RFC 3339 instant with any offset.
func instant(_ text: String) -> Date {
    guard let d = rfc3339Parser.date(from: text) else { fatalError("not RFC 3339: \(text)") }
    return d
}

/// An instant as the engine writes it (`2026-03-02T09:00:00Z`).
func rfc3339(_ d: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: d)
}

func slotJson(_ s: Slot) -> [String: Any] {
    ["key": s.key, "schedule": s.schedule, "start": rfc3339(s.start), "end": rfc3339(s.end),
     "capacity": NSNumber(value: s.capacity), "booked": NSNumber(value: s.booked),
     "remaining": NSNumber(value: s.remaining)]
}

func rowJson(_ r: CombinedRow) -> [String: Any] {
    ["start": rfc3339(r.start), "end": rfc3339(r.end), "schedules": r.schedules,
     "remaining": NSNumber(value: r.remaining)]
}

func existingJson(_ s: ExistingSlot) -> [String: Any] {
    ["key": s.key, "schedule": s.schedule, "start": rfc3339(s.start), "end": rfc3339(s.end),
     "capacity": NSNumber(value: s.capacity)]
}

func planJson(_ p: Plan) -> [String: Any] {
    [
        "create": p.create.map(slotJson),
        "update": p.update.map { ["key": $0.key, "before": existingJson($0.before), "after": slotJson($0.after)] as [String: Any] },
        "delete": p.delete,
        "conflicts": p.conflicts.map { ["key": $0.key, "appointments": $0.appointments] as [String: Any] },
        "unchanged": NSNumber(value: p.unchanged),
    ]
}

func optional(_ x: Double?) -> Any {
    if let x = x { return NSNumber(value: x) }
    return NSNull()
}

func reportJson(_ r: ReportRow) -> [String: Any] {
    [
        "schedule": r.schedule,
        "bucket_start": r.bucketStart,
        "offered_seat_minutes": NSNumber(value: r.offeredSeatMinutes),
        "booked_seat_minutes": NSNumber(value: r.bookedSeatMinutes),
        "utilization": optional(r.utilization),
        "appointments": [
            "booked": NSNumber(value: r.appointments.booked),
            "attended": NSNumber(value: r.appointments.attended),
            "no_show": NSNumber(value: r.appointments.noShow),
            "cancelled": NSNumber(value: r.appointments.cancelled),
        ],
        "cancellation_rate": optional(r.cancellationRate),
        "no_show_rate": optional(r.noShowRate),
    ]
}
