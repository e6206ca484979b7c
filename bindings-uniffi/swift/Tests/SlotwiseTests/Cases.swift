// The one case format of tests/vectors (tests/vectors/README.md): loading the cases
// and comparing an answer or an error with what a case expects, as the Kotlin tests
// do (bindings-uniffi/kotlin/src/test/kotlin/dev/slotwise/Cases.kt).
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
