// Teams (all), pools (any), k of n, booking limits and the first free slots,
// mirroring the Kotlin TeamsTest.
import Foundation
import Slotwise
import XCTest

/// A UTC schedule open `open` to 12:00 daily from 2026-03-02, one-hour slots.
func interviewer(_ id: String, _ open: String, capacity: UInt32 = 1, limits: [BookingLimit] = []) -> Schedule {
    Schedule(
        id: id,
        timezone: "UTC",
        availability: [AvailabilityRule(rule: "DTSTART:20260302T\(open)00\nRRULE:FREQ=DAILY", end: "12:00")],
        slot: SlotSpec(duration: 3600, capacity: capacity),
        limits: limits
    )
}

func booking(_ id: String, _ schedule: String, _ start: String) -> Appointment {
    Appointment(id: id, schedule: schedule, start: instant(start), end: instant(start).addingTimeInterval(3600), status: .booked)
}

/// Interviewers a and b open 09:00-12:00 and c 10:00-12:00 (UTC), b booked 11:00-12:00.
func panel() throws -> Engine {
    let engine = Engine()
    try engine.addSchedule(schedule: interviewer("a", "0900"))
    try engine.addSchedule(schedule: interviewer("b", "0900"))
    try engine.addSchedule(schedule: interviewer("c", "1000"))
    try engine.addAppointment(appointment: booking("b1", "b", "2026-03-02T11:00:00Z"))
    return engine
}

func row(_ start: String, _ end: String, _ schedules: [String], _ remaining: UInt32) -> CombinedRow {
    CombinedRow(start: instant(start), end: instant(end), schedules: schedules, remaining: remaining)
}

/// One day's window with `combine`.
func day(_ combine: Combine, first: UInt32? = nil) -> Query {
    Query(from: instant("2026-03-02T00:00:00Z"), to: instant("2026-03-03T00:00:00Z"), first: first, combine: combine)
}

final class TeamsTests: XCTestCase {
    private let abc = ["a", "b", "c"]

    func testKOfNListsWhoCanTakeEachHour() throws {
        let engine = try panel()
        let rows = try engine.combined(query: day(Combine(mode: .kOfN, schedules: abc, k: 2, duration: 3600)))
        XCTAssertEqual(rows, [
            row("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", ["a", "b"], 2),
            row("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", abc, 3),
            row("2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z", ["a", "c"], 2),
        ])
        let three = try engine.combined(query: day(Combine(mode: .kOfN, schedules: abc, k: 3, duration: 3600)))
        XCTAssertEqual(three, [row("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", abc, 3)])
    }

    func testAllNeedsEveryScheduleFreeOnTheCombinedGrid() throws {
        let engine = try panel()
        let combine = Combine(mode: .all, schedules: ["c", "b", "a"], duration: 1800, step: 1800)
        XCTAssertEqual(try engine.combined(query: day(combine)), [
            row("2026-03-02T10:00:00Z", "2026-03-02T10:30:00Z", abc, 1),
            row("2026-03-02T10:30:00Z", "2026-03-02T11:00:00Z", abc, 1),
        ])
        let json = """
            {"from": "2026-03-02T00:00:00Z", "to": "2026-03-03T00:00:00Z",
             "combine": {"mode": "all", "schedules": ["c", "b", "a"], "duration": "PT30M", "step": "PT30M"}}
            """
        XCTAssertEqual(try engine.combinedJson(json: json), try engine.combined(query: day(combine)))
        XCTAssertEqual(try queryFromJson(json: json), day(combine))
    }

    func testAnyIsAPoolTheLeastBusyFirst() throws {
        let engine = try panel()
        XCTAssertEqual(try engine.combined(query: day(Combine(mode: .any, schedules: ["b", "c"]))), [
            row("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", ["b"], 1),
            // b already has a booking that day: c comes first.
            row("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", ["c", "b"], 2),
            row("2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z", ["c"], 1),
        ])
    }

    func testFirstRowsWithoutAnEndToTheWindow() throws {
        let engine = try panel()
        let query = Query(from: instant("2026-03-02T10:30:00Z"), first: 2,
                          combine: Combine(mode: .all, schedules: ["a", "b"], duration: 3600))
        XCTAssertNil(query.to)
        // b is booked at 11:00, so the next day's first two hours.
        XCTAssertEqual(try engine.combined(query: query), [
            row("2026-03-03T09:00:00Z", "2026-03-03T10:00:00Z", ["a", "b"], 1),
            row("2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", ["a", "b"], 1),
        ])
        let slots = try engine.availability(query: Query(from: instant("2026-03-02T11:00:00Z"), first: 3))
        XCTAssertEqual(slots.map { $0.key }, ["a@2026-03-02T11:00:00Z", "c@2026-03-02T11:00:00Z", "a@2026-03-03T09:00:00Z"])
        XCTAssertEqual(try queryFromJson(json: #"{"from": "2026-03-02T11:00:00Z", "first": 3}"#),
                       Query(from: instant("2026-03-02T11:00:00Z"), first: 3))
        XCTAssertEqual(try engine.availabilityJson(json: #"{"from": "2026-03-02T11:00:00Z", "first": 3}"#), slots)
    }

    func testABookingLimitClosesTheDayAndCheckAndExplainNameIt() throws {
        let perDay = BookingLimit(period: .day, maxAppointments: 1)
        let engine = Engine()
        try engine.addSchedule(schedule: interviewer("d", "0900", capacity: 2, limits: [perDay]))
        XCTAssertEqual(engine.schedule(id: "d")?.limits, [perDay])
        try engine.addAppointment(appointment: booking("d1", "d", "2026-03-02T09:00:00Z"))

        let free = try engine.availability(query: Query(from: instant("2026-03-02T00:00:00Z"), first: 1))
        XCTAssertEqual(free.map { $0.key }, ["d@2026-03-03T09:00:00Z"])
        let all = try engine.availability(query: Query(from: instant("2026-03-02T00:00:00Z"), to: instant("2026-03-03T00:00:00Z"), seats: 0))
        XCTAssertEqual(all.map { $0.remaining }, [0, 0, 0])
        XCTAssertEqual(all.map { $0.booked }, [1, 0, 0])

        let check = try engine.checkBooking(appointment: booking("d2", "d", "2026-03-02T10:00:00Z"))
        XCTAssertFalse(check.fits)
        XCTAssertEqual(check.reasons, [.limitReached(index: 0, period: .day, periodStart: "2026-03-02",
                                                     maxAppointments: 1, maxMinutes: nil, appointments: 1, minutes: 60)])
        // Moving the one booking of the day is allowed: it is left out of its own count.
        XCTAssertTrue(try engine.checkBooking(appointment: booking("d1", "d", "2026-03-02T10:00:00Z")).fits)
        let why = try engine.explain(scheduleId: "d", instant: instant("2026-03-02T10:30:00Z"))
        XCTAssertFalse(why.bookable)
        guard case .limitReached? = why.slots.first?.reasons.first else { return XCTFail("\(why.slots)") }

        // Minutes per week: 60 of 90 booked, so a second hour that week passes the limit.
        let minutes = BookingLimit(period: .week, maxMinutes: 90)
        try engine.replaceSchedule(schedule: interviewer("d", "0900", capacity: 2, limits: [minutes]))
        let week = try engine.checkBooking(appointment: booking("d2", "d", "2026-03-06T10:00:00Z"))
        guard case let .limitReached(_, period, periodStart, _, maxMinutes, _, used)? = week.reasons.first else {
            return XCTFail("\(week.reasons)")
        }
        XCTAssertEqual(period, .week)
        XCTAssertEqual(periodStart, "2026-03-02")
        XCTAssertEqual(maxMinutes, 90)
        XCTAssertEqual(used, 60)
        XCTAssertTrue(try engine.checkBooking(appointment: booking("d2", "d", "2026-03-09T10:00:00Z")).fits)

        // The limit survives the engine's JSON and snapshot forms.
        XCTAssertEqual(try Engine.fromJson(json: try engine.toJson()).schedule(id: "d")?.limits, [minutes])
        XCTAssertEqual(try Engine.fromSnapshot(bytes: try engine.toSnapshot()).schedule(id: "d")?.limits, [minutes])
    }

    func testErrorsNameTheField() throws {
        let engine = try panel()
        func fails(_ path: String, _ body: () throws -> Void, line: UInt = #line) {
            XCTAssertEqual(slotwiseError(body, line: line)?.path(), path, line: line)
        }
        let k4 = slotwiseError { _ = try engine.combined(query: day(Combine(mode: .kOfN, schedules: abc, k: 4, duration: 3600))) }
        XCTAssertEqual(k4?.code(), .invalidInput)
        XCTAssertEqual(k4?.path(), "combine.k")
        fails("combine.k") { _ = try engine.combined(query: day(Combine(mode: .kOfN, schedules: abc, duration: 3600))) }
        fails("combine.k") { _ = try engine.combined(query: day(Combine(mode: .all, schedules: abc, k: 2, duration: 3600))) }
        let unknown = slotwiseError { _ = try engine.combined(query: day(Combine(mode: .all, schedules: ["a", "zed"], duration: 3600))) }
        XCTAssertEqual(unknown?.code(), .unknownSchedule)
        XCTAssertEqual(unknown?.path(), "combine.schedules[1]")
        fails("combine.schedules[2]") { _ = try engine.combined(query: day(Combine(mode: .any, schedules: ["a", "b", "a"]))) }
        fails("combine.schedules") { _ = try engine.combined(query: day(Combine(mode: .any, schedules: ["a"]))) }
        fails("combine.duration") { _ = try engine.combined(query: day(Combine(mode: .any, schedules: abc, duration: 3600))) }
        fails("combine.duration") { _ = try engine.combined(query: day(Combine(mode: .all, schedules: abc))) }
        fails("combine.duration") { _ = try engine.combined(query: day(Combine(mode: .all, schedules: abc, duration: 0))) }
        fails("combine.step") { _ = try engine.combined(query: day(Combine(mode: .all, schedules: abc, duration: 3600, step: 1.5))) }
        fails("first") { _ = try engine.combined(query: day(Combine(mode: .any, schedules: abc), first: 0)) }
        fails("combine") { _ = try engine.combined(query: Query(from: instant("2026-03-02T00:00:00Z"), to: instant("2026-03-03T00:00:00Z"))) }
        fails("combine") { _ = try engine.availability(query: day(Combine(mode: .any, schedules: abc))) }
        fails("to") { _ = try engine.availability(query: Query(from: instant("2026-03-02T00:00:00Z"))) }
        fails("first") { _ = try engine.availability(query: Query(from: instant("2026-03-02T00:00:00Z"), first: 0)) }
        fails("combine.mode") {
            _ = try engine.combinedJson(json: #"{"from": "2026-03-02T00:00:00Z", "first": 1, "combine": {"mode": "most", "schedules": ["a", "b"]}}"#)
        }
        fails("limits[0]") { try engine.addSchedule(schedule: interviewer("e", "0900", limits: [BookingLimit(period: .month)])) }
        fails("limits[0].period") {
            try engine.addScheduleJson(json: #"{"id": "e", "timezone": "UTC", "slot": {"duration": "PT1H", "capacity": 1}, "limits": [{"period": "year", "max_minutes": 60}]}"#)
        }
        // Failed calls changed nothing.
        XCTAssertEqual(engine.scheduleIds(), abc)
    }
}
