package dev.slotwise

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.Duration

/** A UTC schedule open [open] to 12:00 daily from 2026-03-02, one-hour slots. */
fun interviewer(id: String, open: String, capacity: UInt = 1u, limits: List<BookingLimit> = emptyList()) = Schedule(
    id = id,
    timezone = "UTC",
    availability = listOf(AvailabilityRule(rule = "DTSTART:20260302T${open}00\nRRULE:FREQ=DAILY", end = "12:00")),
    slot = SlotSpec(duration = Duration.ofHours(1), capacity = capacity),
    limits = limits,
)

fun booking(id: String, schedule: String, start: String, minutes: Long = 60) =
    Appointment(id = id, schedule = schedule, start = at(start), end = at(start).plusSeconds(minutes * 60), status = Status.BOOKED)

/** Interviewers a and b open 09:00-12:00 and c 10:00-12:00 (UTC), b booked 11:00-12:00. */
fun panel(): Engine = Engine().apply {
    addSchedule(interviewer("a", "0900"))
    addSchedule(interviewer("b", "0900"))
    addSchedule(interviewer("c", "1000"))
    addAppointment(booking("b1", "b", "2026-03-02T11:00:00Z"))
}

fun row(start: String, end: String, schedules: List<String>, remaining: UInt) =
    CombinedRow(start = at(start), end = at(end), schedules = schedules, remaining = remaining)

/** One day's window with [combine]. */
fun day(combine: Combine, first: UInt? = null) =
    Query(from = at("2026-03-02T00:00:00Z"), to = at("2026-03-03T00:00:00Z"), first = first, combine = combine)

/** Teams (all), pools (any), k of n, booking limits and the first free slots. */
class TeamsTest {
    private val abc = listOf("a", "b", "c")

    @Test
    fun `k of n lists who can take each hour`() {
        val engine = panel()
        val rows = engine.combined(day(Combine(mode = CombineMode.K_OF_N, schedules = abc, k = 2u, duration = Duration.ofHours(1))))
        assertEquals(
            listOf(
                row("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", listOf("a", "b"), 2u),
                row("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", abc, 3u),
                row("2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z", listOf("a", "c"), 2u),
            ),
            rows,
        )
        val three = engine.combined(day(Combine(mode = CombineMode.K_OF_N, schedules = abc, k = 3u, duration = Duration.ofHours(1))))
        assertEquals(listOf(row("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", abc, 3u)), three)
    }

    @Test
    fun `all needs every schedule free, on the combined grid`() {
        val engine = panel()
        val combine = Combine(mode = CombineMode.ALL, schedules = listOf("c", "b", "a"), duration = Duration.ofMinutes(30), step = Duration.ofMinutes(30))
        assertEquals(
            listOf(
                row("2026-03-02T10:00:00Z", "2026-03-02T10:30:00Z", abc, 1u),
                row("2026-03-02T10:30:00Z", "2026-03-02T11:00:00Z", abc, 1u),
            ),
            engine.combined(day(combine)),
        )
        // The same question as JSON gives the same rows.
        val json = """{"from": "2026-03-02T00:00:00Z", "to": "2026-03-03T00:00:00Z",
            "combine": {"mode": "all", "schedules": ["c", "b", "a"], "duration": "PT30M", "step": "PT30M"}}"""
        assertEquals(engine.combined(day(combine)), engine.combinedJson(json))
        assertEquals(day(combine), queryFromJson(json))
    }

    @Test
    fun `any is a pool, the least busy first`() {
        val engine = panel()
        assertEquals(
            listOf(
                row("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", listOf("b"), 1u),
                // b already has a booking that day: c comes first.
                row("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", listOf("c", "b"), 2u),
                row("2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z", listOf("c"), 1u),
            ),
            engine.combined(day(Combine(mode = CombineMode.ANY, schedules = listOf("b", "c")))),
        )
    }

    @Test
    fun `first rows without an end to the window`() {
        val engine = panel()
        val query = Query(
            from = at("2026-03-02T10:30:00Z"),
            first = 2u,
            combine = Combine(mode = CombineMode.ALL, schedules = listOf("a", "b"), duration = Duration.ofHours(1)),
        )
        assertNull(query.to)
        // b is booked at 11:00, so the next day's first two hours.
        assertEquals(
            listOf(
                row("2026-03-03T09:00:00Z", "2026-03-03T10:00:00Z", listOf("a", "b"), 1u),
                row("2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", listOf("a", "b"), 1u),
            ),
            engine.combined(query),
        )
        val slots = engine.availability(Query(from = at("2026-03-02T11:00:00Z"), first = 3u))
        assertEquals(listOf("a@2026-03-02T11:00:00Z", "c@2026-03-02T11:00:00Z", "a@2026-03-03T09:00:00Z"), slots.map { it.key })
        val json = queryFromJson("""{"from": "2026-03-02T11:00:00Z", "first": 3}""")
        assertEquals(Query(from = at("2026-03-02T11:00:00Z"), first = 3u), json)
        assertEquals(slots, engine.availabilityJson("""{"from": "2026-03-02T11:00:00Z", "first": 3}"""))
    }

    @Test
    fun `a booking limit closes the day and check and explain name it`() {
        val perDay = BookingLimit(period = LimitPeriod.DAY, maxAppointments = 1u)
        val engine = Engine()
        engine.addSchedule(interviewer("d", "0900", capacity = 2u, limits = listOf(perDay)))
        assertEquals(listOf(perDay), engine.schedule("d")!!.limits)
        engine.addAppointment(booking("d1", "d", "2026-03-02T09:00:00Z"))

        val free = engine.availability(Query(from = at("2026-03-02T00:00:00Z"), first = 1u))
        assertEquals("d@2026-03-03T09:00:00Z", free.single().key)
        val all = engine.availability(Query(from = at("2026-03-02T00:00:00Z"), to = at("2026-03-03T00:00:00Z"), seats = 0u))
        assertEquals(listOf(0u, 0u, 0u), all.map { it.remaining })
        assertEquals(listOf(1u, 0u, 0u), all.map { it.booked })

        val check = engine.checkBooking(booking("d2", "d", "2026-03-02T10:00:00Z"))
        assertFalse(check.fits)
        assertEquals(
            Reason.LimitReached(
                index = 0u,
                period = LimitPeriod.DAY,
                periodStart = "2026-03-02",
                maxAppointments = 1u,
                maxMinutes = null,
                appointments = 1u,
                minutes = 60L,
            ),
            check.reasons.single(),
        )
        // Moving the one booking of the day is allowed: it is left out of its own count.
        assertTrue(engine.checkBooking(booking("d1", "d", "2026-03-02T10:00:00Z")).fits)
        val why = engine.explain("d", at("2026-03-02T10:30:00Z"))
        assertFalse(why.bookable)
        assertTrue(why.slots.single().reasons.single() is Reason.LimitReached, why.slots.toString())

        // Minutes per week: 60 of 90 booked, so a second hour that week passes the limit.
        val minutes = BookingLimit(period = LimitPeriod.WEEK, maxMinutes = 90u)
        engine.replaceSchedule(interviewer("d", "0900", capacity = 2u, limits = listOf(minutes)))
        val week = engine.checkBooking(booking("d2", "d", "2026-03-06T10:00:00Z")).reasons.single() as Reason.LimitReached
        assertEquals(LimitPeriod.WEEK, week.period)
        assertEquals("2026-03-02", week.periodStart)
        assertEquals(90u, week.maxMinutes)
        assertEquals(60L, week.minutes)
        assertTrue(engine.checkBooking(booking("d2", "d", "2026-03-09T10:00:00Z")).fits)

        // The limit survives the engine's JSON and snapshot forms.
        assertEquals(listOf(minutes), Engine.fromJson(engine.toJson()).schedule("d")!!.limits)
        assertEquals(listOf(minutes), Engine.fromSnapshot(engine.toSnapshot()).schedule("d")!!.limits)
    }

    @Test
    fun `errors name the field`() {
        val engine = panel()
        fun fails(path: String, call: () -> Unit): SlotwiseException {
            val e = assertThrows<SlotwiseException> { call() }
            assertEquals(path, e.path(), e.describe())
            return e
        }
        val hour = Duration.ofHours(1)
        val k4 = fails("combine.k") { engine.combined(day(Combine(mode = CombineMode.K_OF_N, schedules = abc, k = 4u, duration = hour))) }
        assertEquals(ErrorCode.INVALID_INPUT, k4.code())
        fails("combine.k") { engine.combined(day(Combine(mode = CombineMode.K_OF_N, schedules = abc, duration = hour))) }
        fails("combine.k") { engine.combined(day(Combine(mode = CombineMode.ALL, schedules = abc, k = 2u, duration = hour))) }
        val unknown = fails("combine.schedules[1]") { engine.combined(day(Combine(mode = CombineMode.ALL, schedules = listOf("a", "zed"), duration = hour))) }
        assertTrue(unknown is SlotwiseException.UnknownSchedule)
        fails("combine.schedules[2]") { engine.combined(day(Combine(mode = CombineMode.ANY, schedules = listOf("a", "b", "a")))) }
        fails("combine.schedules") { engine.combined(day(Combine(mode = CombineMode.ANY, schedules = listOf("a")))) }
        fails("combine.duration") { engine.combined(day(Combine(mode = CombineMode.ANY, schedules = abc, duration = hour))) }
        fails("combine.duration") { engine.combined(day(Combine(mode = CombineMode.ALL, schedules = abc))) }
        fails("combine.duration") { engine.combined(day(Combine(mode = CombineMode.ALL, schedules = abc, duration = Duration.ZERO))) }
        fails("combine.step") { engine.combined(day(Combine(mode = CombineMode.ALL, schedules = abc, duration = hour, step = Duration.ofMillis(1500)))) }
        fails("first") { engine.combined(day(Combine(mode = CombineMode.ANY, schedules = abc), first = 0u)) }
        fails("combine") { engine.combined(Query(from = at("2026-03-02T00:00:00Z"), to = at("2026-03-03T00:00:00Z"))) }
        fails("combine") { engine.availability(day(Combine(mode = CombineMode.ANY, schedules = abc))) }
        fails("to") { engine.availability(Query(from = at("2026-03-02T00:00:00Z"))) }
        fails("first") { engine.availability(Query(from = at("2026-03-02T00:00:00Z"), first = 0u)) }
        fails("combine.mode") { engine.combinedJson("""{"from": "2026-03-02T00:00:00Z", "first": 1, "combine": {"mode": "most", "schedules": ["a", "b"]}}""") }
        fails("limits[0]") { engine.addSchedule(interviewer("e", "0900", limits = listOf(BookingLimit(period = LimitPeriod.MONTH)))) }
        fails("limits[0].period") {
            engine.addScheduleJson("""{"id": "e", "timezone": "UTC", "slot": {"duration": "PT1H", "capacity": 1}, "limits": [{"period": "year", "max_minutes": 60}]}""")
        }
        // Failed calls changed nothing.
        assertEquals(abc, engine.scheduleIds())
    }
}
