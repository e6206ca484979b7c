// Reading the shared vectors (tests/vectors) and comparing answers with them, as the
// Kotlin tests do (bindings-uniffi/kotlin/src/test/kotlin/dev/slotwise/Vectors.kt).
import Foundation
import Slotwise

/// The repository root: this file is bindings-uniffi/swift/Tests/SlotwiseTests/Vectors.swift.
let repo: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<5 { url.deleteLastPathComponent() }
    return url
}()

/// One case of tests/vectors (the one format of tests/vectors/README.md): `input` and
/// either the exact `expected` answer or an `error` `{code, path?}`.
struct Case {
    let name: String
    let description: String
    let input: [String: Any]
    let expected: Any?
    let error: [String: Any]?
}

/// Every case of tests/vectors/<kind>/*.json, in file then array order; at least `min`.
func cases(_ kind: String, min: Int) throws -> [Case] {
    let dir = repo.appendingPathComponent("tests/vectors/\(kind)")
    let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "json" }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
    var out: [Case] = []
    for file in files {
        let items = try readJson(file) as? [[String: Any]] ?? []
        precondition(!items.isEmpty, "\(file.path): not an array of cases")
        for (i, c) in items.enumerated() {
            let name = "\(kind)/\(file.lastPathComponent)[\(i)]"
            precondition(c["kind"] as? String == kind, "\(name): kind must be \(kind)")
            precondition((c["expected"] == nil) != (c["error"] == nil), "\(name): one of expected and error")
            out.append(Case(name: name, description: c["description"] as? String ?? "",
                            input: c["input"] as? [String: Any] ?? [:], expected: c["expected"],
                            error: c["error"] as? [String: Any]))
        }
    }
    precondition(out.count >= min, "cases missing in \(dir.path)")
    return out
}

func readJson(_ url: URL) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url), options: [.fragmentsAllowed])
}

func jsonText(_ value: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]), as: UTF8.self)
}

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

/// The field path of an error about `outer`'s content, as the engine composes it.
func at(_ outer: String, _ path: String) -> String {
    if path.isEmpty { return outer }
    if path.hasPrefix("[") { return outer + path }
    return "\(outer).\(path)"
}

/// An error located from a document's root.
struct Located: Error {
    let code: String
    let path: String
    let message: String
}

func located(_ e: SlotwiseError) -> Located {
    Located(code: e.codeName(), path: e.path(), message: e.describe())
}

/// Runs `body`, putting a failure's path under `outer`.
func under<T>(_ outer: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as SlotwiseError {
        throw Located(code: e.codeName(), path: at(outer, e.path()), message: e.describe())
    } catch let e as Located {
        throw Located(code: e.code, path: at(outer, e.path), message: e.message)
    }
}

/// Nil when `got` equals the parsed JSON `expected`, else where they differ.
func sameJson(_ expected: Any?, _ got: Any?, _ whereAt: String = "$") -> String? {
    let e: Any? = expected is NSNull ? nil : expected
    let g: Any? = got is NSNull ? nil : got
    guard let e = e, let g = g else {
        if e == nil && g == nil { return nil }
        return "\(whereAt): expected \(String(describing: e)), got \(String(describing: g))"
    }
    if let e = e as? [String: Any] {
        guard let g = g as? [String: Any] else { return "\(whereAt): expected an object, got \(g)" }
        if Set(e.keys) != Set(g.keys) { return "\(whereAt): keys \(e.keys.sorted()) vs \(g.keys.sorted())" }
        for k in e.keys.sorted() {
            if let p = sameJson(e[k], g[k], "\(whereAt).\(k)") { return p }
        }
        return nil
    }
    if let e = e as? [Any] {
        guard let g = g as? [Any] else { return "\(whereAt): expected an array, got \(g)" }
        if e.count != g.count { return "\(whereAt): \(e.count) items expected, got \(g.count)" }
        for i in 0..<e.count {
            if let p = sameJson(e[i], g[i], "\(whereAt)[\(i)]") { return p }
        }
        return nil
    }
    if let e = e as? String {
        return (g as? String) == e ? nil : "\(whereAt): expected \(e), got \(g)"
    }
    if let e = e as? NSNumber {
        guard let g = g as? NSNumber else { return "\(whereAt): expected \(e), got \(g)" }
        // Shortest round-trip decimals parse to the exact double.
        return e.doubleValue == g.doubleValue ? nil : "\(whereAt): expected \(e), got \(g)"
    }
    return "\(whereAt): cannot compare \(e) with \(g)"
}

/// Runs `run` on every case of `kind` and compares with `expected` or `error`
/// `{code, path?}`; returns every mismatch.
func checkCases(_ kind: String, min: Int, _ run: ([String: Any]) throws -> Any) throws -> [String] {
    var failures: [String] = []
    for c in try cases(kind, min: min) {
        var got: Any?
        var failure: Located?
        do {
            got = try run(c.input)
        } catch let e as Located {
            failure = e
        } catch let e as SlotwiseError {
            failure = located(e)
        }
        var problem: String?
        if let want = c.error {
            if let f = failure {
                let same = f.code == want["code"] as? String
                    && (want["path"] == nil || f.path == want["path"] as? String)
                if !same { problem = "error \(f.code) at `\(f.path)`, expected \(want)" }
            } else {
                problem = "answered \(String(describing: got)), expected an error"
            }
        } else if let f = failure {
            problem = "failed: \(f.code) `\(f.path)`: \(f.message)"
        } else {
            problem = sameJson(c.expected, got)
        }
        if let p = problem { failures.append("\(c.name) (\(c.description)): \(p)") }
    }
    return failures
}

func slotJson(_ s: Slot) -> [String: Any] {
    ["key": s.key, "schedule": s.schedule, "start": rfc3339(s.start), "end": rfc3339(s.end),
     "capacity": NSNumber(value: s.capacity), "booked": NSNumber(value: s.booked),
     "remaining": NSNumber(value: s.remaining)]
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
        let s = try schedules.enumerated().map { i, s in
            try under("schedules[\(i)]") { try scheduleFromJson(json: try jsonText(s)) }
        }
        let a = try appointments.enumerated().map { i, a in
            try under("appointments[\(i)]") { try appointmentFromJson(json: try jsonText(a)) }
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

/// A window call whose `from`/`to` errors belong to the document's `window`.
func inWindow<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as SlotwiseError {
        let path = e.path()
        throw Located(code: e.codeName(), path: path == "from" || path == "to" ? at("window", path) : path,
                      message: e.describe())
    }
}
