// The Swift binding's own behaviour, mirroring the Kotlin EngineTest.
import Foundation
import Slotwise
import XCTest

func clinic() throws -> [String: Any] {
    try readJson(repo.appendingPathComponent("examples/data/clinic.json")) as? [String: Any] ?? [:]
}

func clinicEngine() throws -> Engine { try engineOf(try clinic(), .records) }

func clinicQuery() throws -> Query { try queryFromJson(json: try jsonText(try clinic()["query"] ?? [String: Any]())) }

let room = Schedule(
    id: "room",
    timezone: "Europe/Lisbon",
    availability: [AvailabilityRule(rule: "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", end: "12:00")],
    slot: SlotSpec(duration: 30 * 60, capacity: 2)
)

/// The error `body` throws, which must be a SlotwiseError.
func slotwiseError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> SlotwiseError? {
    do {
        try body()
        XCTFail("no error", file: file, line: line)
    } catch let e as SlotwiseError {
        return e
    } catch {
        XCTFail("not a SlotwiseError: \(error)", file: file, line: line)
    }
    return nil
}

final class EngineTests: XCTestCase {
    func testVersionsAreReported() {
        XCTAssertFalse(version().isEmpty)
        XCTAssertNotNil(tzdataVersion().range(of: "^[0-9]{4}[a-z]$", options: .regularExpression))
    }

    func testRecordsInSlotsOutInTheSchedulesZone() throws {
        let engine = Engine()
        try engine.addSchedule(schedule: room)
        let slots = try engine.availability(query: Query(from: instant("2026-03-30T00:00:00Z"), to: instant("2026-03-31T00:00:00Z")))
        // Lisbon is on summer time (UTC+1) after 2026-03-29: 09:00 local is 08:00Z.
        XCTAssertEqual(slots.count, 6)
        XCTAssertEqual(slots[0].key, "room@2026-03-30T08:00:00Z")
        XCTAssertEqual(slots[0].end, instant("2026-03-30T08:30:00Z"))
        XCTAssertEqual(slots[0].remaining, 2)
        XCTAssertEqual(engine.schedule(id: "room"), room)
    }

    func testABookingTakesASeatAndCheckAndExplainSayWhyASlotIsFull() throws {
        let engine = Engine()
        try engine.addSchedule(schedule: room)
        let start = instant("2026-03-30T08:00:00Z")
        let end = instant("2026-03-30T08:30:00Z")
        for id in ["a1", "a2"] {
            try engine.addAppointment(appointment: Appointment(id: id, schedule: "room", start: start, end: end, status: .booked))
        }
        let check = try engine.checkBooking(appointment: Appointment(id: "a3", schedule: "room", start: start, end: end, status: .booked))
        XCTAssertFalse(check.fits)
        XCTAssertEqual(check.slot?.remaining, 0)
        guard case let .full(_, _, _, appointments)? = check.reasons.first else { return XCTFail("\(check.reasons)") }
        XCTAssertEqual(appointments, ["a1", "a2"])

        let early = try engine.checkBooking(
            appointment: Appointment(id: "a3", schedule: "room", start: instant("2026-03-30T09:00:00Z"), end: instant("2026-03-30T09:30:00Z"), status: .booked),
            rules: BookingRules(now: instant("2026-03-30T08:45:00Z"), minNotice: 3600)
        )
        XCTAssertEqual(early.reasons, [.beforeMinimumNotice(earliest: instant("2026-03-30T09:45:00Z"))])

        let why = try engine.explain(scheduleId: "room", instant: instant("2026-03-30T08:10:00Z"))
        XCTAssertFalse(why.bookable)
        XCTAssertEqual(why.localTime, "2026-03-30T09:10:00+01:00")
        XCTAssertEqual(why.window?.start, start)

        try engine.updateAppointment(appointment: Appointment(id: "a2", schedule: "room", start: start, end: end, status: .cancelled))
        XCTAssertTrue(try engine.checkBooking(appointment: Appointment(id: "a3", schedule: "room", start: start, end: end, status: .booked)).fits)
    }

    func testErrorsCarryTheCodeAndTheFieldPath() throws {
        let engine = Engine()
        var bad = room
        bad.availability = [AvailabilityRule(rule: "DTSTART:20260302T090000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=0", end: "12:00")]
        let rule = slotwiseError { try engine.addSchedule(schedule: bad) }
        XCTAssertEqual(rule?.code(), .invalidRule)
        XCTAssertEqual(rule?.codeName(), "invalid_rule")
        XCTAssertEqual(rule?.path(), "availability[0].rule")
        if case .invalidRule(let path, _)? = rule { XCTAssertEqual(path, "availability[0].rule") } else { XCTFail("\(String(describing: rule))") }

        var zone = room
        zone.timezone = "Mars/Olympus"
        XCTAssertEqual(slotwiseError { try engine.addSchedule(schedule: zone) }?.code(), .unknownTimezone)

        try engine.addSchedule(schedule: room)
        XCTAssertEqual(slotwiseError { try engine.addSchedule(schedule: room) }?.code(), .duplicateId)

        let start = instant("2026-03-30T08:00:00Z")
        let fraction = slotwiseError {
            try engine.addAppointment(appointment: Appointment(id: "a1", schedule: "room", start: start.addingTimeInterval(0.5), end: start.addingTimeInterval(1800), status: .booked))
        }
        XCTAssertEqual(fraction?.path(), "start")
        let reversed = slotwiseError { _ = try engine.availability(query: Query(from: start, to: start.addingTimeInterval(-60))) }
        XCTAssertEqual(reversed?.code(), .invalidWindow)
        XCTAssertEqual(reversed?.path(), "to")

        // A failed call changed nothing.
        XCTAssertEqual(engine.scheduleIds(), ["room"])
        XCTAssertEqual(engine.appointments(), [])
    }

    func testASnapshotLoadedFromBytesAnswersAsTheEngineBuiltFromJson() throws {
        let built = try clinicEngine()
        for name in ["clinic-v1.bin", "clinic-v2.bin"] {
            let bytes = try Data(contentsOf: repo.appendingPathComponent("tests/vectors/snapshot/\(name)"))
            let opened = try Engine.fromSnapshot(bytes: bytes)
            XCTAssertEqual(try built.availability(query: try clinicQuery()), try opened.availability(query: try clinicQuery()), name)
            try opened.loadAll()
            XCTAssertEqual(try built.toJson(), try opened.toJson(), name)
            let again = try Engine.fromSnapshot(bytes: try opened.toSnapshot())
            XCTAssertEqual(try opened.toJson(), try again.toJson(), name)
            XCTAssertEqual(slotwiseError { _ = try Engine.fromSnapshot(bytes: bytes.prefix(bytes.count / 2)) }?.code(), .invalidSnapshot, name)
        }
    }

    func testAReconcilePlanAppliedGivesAnEmptyPlan() throws {
        let engine = try clinicEngine()
        let from = instant("2026-03-23T00:00:00Z")
        let to = instant("2026-03-30T00:00:00Z")
        let plan = try engine.reconcile(from: from, to: to, existing: [])
        XCTAssertFalse(plan.create.isEmpty)
        let stored = plan.create.map { ExistingSlot(key: $0.key, schedule: $0.schedule, start: $0.start, end: $0.end, capacity: $0.capacity) }
        let again = try engine.reconcile(from: from, to: to, existing: stored)
        XCTAssertEqual(again, Plan(create: [], update: [], delete: [], conflicts: [], unchanged: UInt64(stored.count)))
    }

    func testExpandTakesALimit() throws {
        let ical = "DTSTART;TZID=America/New_York:20260302T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE"
        let all = try expand(ical: ical, from: instant("2026-03-01T00:00:00Z"), to: instant("2026-04-01T00:00:00Z"), limit: nil)
        XCTAssertEqual(all.count, 9)
        XCTAssertEqual(all[2], instant("2026-03-09T13:00:00Z"))
        XCTAssertEqual(Array(all.prefix(3)), try expand(ical: ical, from: instant("2026-03-01T00:00:00Z"), to: instant("2026-04-01T00:00:00Z"), limit: 3))
    }

    func testLimitsAreTheHostsToSet() throws {
        XCTAssertEqual(Engine().limits(), defaultLimits())
        var limits = defaultLimits()
        limits.maxSchedules = 1
        limits.maxSlots = 3
        let small = try Engine.withLimits(limits: limits)
        try small.addSchedule(schedule: room)
        var other = room
        other.id = "room-2"
        XCTAssertEqual(slotwiseError { try small.addSchedule(schedule: other) }?.code(), .limitExceeded)
        let many = slotwiseError { _ = try small.availability(query: Query(from: instant("2026-03-30T00:00:00Z"), to: instant("2026-03-31T00:00:00Z"))) }
        XCTAssertEqual(many?.code(), .limitExceeded)
        XCTAssertTrue(many?.describe().contains("max_slots") ?? false)
        var tiny = defaultLimits()
        tiny.maxSnapshotBytes = 100
        let bytes = try clinicEngine().toSnapshot()
        XCTAssertEqual(slotwiseError { _ = try Engine.fromSnapshotWithLimits(bytes: bytes, limits: tiny) }?.code(), .limitExceeded)
    }

    func testARustPanicSurfacesAsAnErrorAndNothingBreaks() throws {
        let engine = try clinicEngine()
        let before = try engine.availability(query: try clinicQuery())
        XCTAssertThrowsError(try panicForTests()) { error in
            XCTAssertFalse(error is SlotwiseError, "a panic is not an engine error")
        }
        XCTAssertEqual(before, try engine.availability(query: try clinicQuery()))
    }
}
