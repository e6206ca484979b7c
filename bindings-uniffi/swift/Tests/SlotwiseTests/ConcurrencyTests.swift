// One engine shared by many threads, mirroring the Kotlin ConcurrencyTest.
import Foundation
import Slotwise
import XCTest

final class ConcurrencyTests: XCTestCase {
    func testManyThreadsQueryOneEngineWhileAnotherBooks() throws {
        let engine = try clinicEngine()
        let query = try clinicQuery()
        let expected = try engine.availability(query: query)
        let mismatches = NSLock()
        var wrong = 0
        DispatchQueue.concurrentPerform(iterations: 9) { n in
            if n == 8 {
                // Bookings after the queried window change nothing the readers see.
                for i in 0..<50 {
                    let start = instant("2026-05-04T12:00:00Z").addingTimeInterval(Double(86400 * i))
                    try? engine.addAppointment(appointment: Appointment(id: "w\(i)", schedule: "dr-bruno", start: start, end: start.addingTimeInterval(3600), status: .booked))
                }
            } else {
                for _ in 0..<25 where (try? engine.availability(query: query)) != expected {
                    mismatches.lock(); wrong += 1; mismatches.unlock()
                }
            }
        }
        XCTAssertEqual(wrong, 0)
        XCTAssertEqual(engine.appointments().filter { $0.id.hasPrefix("w") }.count, 50)
    }
}
