// Every file of tests/vectors through the Swift binding, compared exactly with the
// answers the Rust and Kotlin tests check.
import Foundation
import Slotwise
import XCTest

final class VectorTests: XCTestCase {
    func testEveryExpandCaseGivesItsExpectedInstants() throws {
        let failures = try checkCases("expand", min: 100) { input in
            let limit = (input["limit"] as? NSNumber).map { $0.uint32Value }
            return try expand(ical: input["ical"] as? String ?? "", from: instant(input["from"] as? String ?? ""),
                              to: instant(input["to"] as? String ?? ""), limit: limit).map(rfc3339)
        }
        XCTAssertEqual(Array(failures.prefix(10)), [], "\(failures.count) cases fail")
    }

    private func availability(_ mode: Mode) -> ([String: Any]) throws -> Any {
        return { input in
            let engine = try engineOf(input, mode)
            let query = try jsonText(input["query"] ?? [String: Any]())
            do {
                let slots: [Slot]
                switch mode {
                case .json: slots = try engine.availabilityJson(json: query)
                case .records: slots = try engine.availability(query: try queryFromJson(json: query))
                }
                return slots.map(slotJson)
            } catch let e as SlotwiseError {
                // Errors about the query carry a path; limits reached while answering do not.
                let path = e.path().isEmpty ? "" : at("query", e.path())
                throw Located(code: e.codeName(), path: path, message: e.describe())
            }
        }
    }

    private func combined(_ mode: Mode) -> ([String: Any]) throws -> Any {
        return { input in
            let engine = try engineOf(input, mode)
            let query = try jsonText(input["query"] ?? [String: Any]())
            do {
                let rows: [CombinedRow]
                switch mode {
                case .json: rows = try engine.combinedJson(json: query)
                case .records: rows = try engine.combined(query: try queryFromJson(json: query))
                }
                return rows.map(rowJson)
            } catch let e as SlotwiseError {
                let path = e.path().isEmpty ? "" : at("query", e.path())
                throw Located(code: e.codeName(), path: path, message: e.describe())
            }
        }
    }

    func testEveryCombinedVectorPassesThroughJsonDocuments() throws {
        XCTAssertEqual(try checkCases("combined", min: 3, combined(.json)), [])
    }

    func testEveryCombinedVectorPassesThroughRecords() throws {
        XCTAssertEqual(try checkCases("combined", min: 3, combined(.records)), [])
    }

    func testEveryAvailabilityVectorPassesThroughJsonDocuments() throws {
        XCTAssertEqual(try checkCases("availability", min: 20, availability(.json)), [])
    }

    func testEveryAvailabilityVectorPassesThroughRecords() throws {
        XCTAssertEqual(try checkCases("availability", min: 20, availability(.records)), [])
    }

    func testTheColumnarAnswerHoldsTheSameSlotsAsTheRecords() throws {
        for vc in try cases("availability", min: 20) where vc.error == nil {
            let input = vc.input
            let engine = try engineOf(input, .records)
            let query = try queryFromJson(json: try jsonText(input["query"] ?? [String: Any]()))
            let slots = try engine.availability(query: query)
            let c = try engine.availabilityColumns(query: query)
            XCTAssertEqual(slots.count, c.start.count, vc.name)
            for (i, s) in slots.enumerated() {
                let id = c.ids[Int(c.schedule[i])]
                XCTAssertEqual(s.key, "\(id)@\(rfc3339(Date(timeIntervalSince1970: TimeInterval(c.start[i]))))")
                XCTAssertEqual(s.end, Date(timeIntervalSince1970: TimeInterval(c.end[i])))
                XCTAssertEqual(s.capacity, c.capacity[i])
                XCTAssertEqual(s.booked, c.booked[i])
                XCTAssertEqual(s.remaining, c.remaining[i])
            }
        }
    }

    func testEveryReconcileVectorGivesItsExpectedPlan() throws {
        let failures = try checkCases("reconcile", min: 3) { input in
            let engine = try engineOf(input, .records)
            let (from, to) = window(input)
            let existing = (input["existing"] as? [[String: Any]] ?? []).map { s in
                ExistingSlot(key: s["key"] as? String ?? "", schedule: s["schedule"] as? String ?? "",
                             start: instant(s["start"] as? String ?? ""), end: instant(s["end"] as? String ?? ""),
                             capacity: (s["capacity"] as? NSNumber)?.uint32Value ?? 0)
            }
            return planJson(try inWindow { try engine.reconcile(from: from, to: to, existing: existing) })
        }
        XCTAssertEqual(failures, [])
    }

    func testEveryReportVectorGivesItsExpectedRows() throws {
        let failures = try checkCases("report", min: 3) { input in
            let engine = try engineOf(input, .records)
            let (from, to) = window(input)
            let bucket = try under("bucket") { try bucketFromName(name: input["bucket"] as? String ?? "") }
            return try inWindow { try engine.report(from: from, to: to, bucket: bucket) }.map(reportJson)
        }
        XCTAssertEqual(failures, [])
    }
}
