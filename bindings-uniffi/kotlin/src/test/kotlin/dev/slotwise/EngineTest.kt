package dev.slotwise

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.time.Duration
import java.time.Instant

/** The clinic example: three schedules and their appointments. */
fun clinic(): JSONObject = JSONObject(File(repo, "examples/data/clinic.json").readText())

fun clinicEngine(): Engine = engineOf(clinic(), Mode.RECORDS)

fun clinicQuery(): Query = queryFromJson(clinic().getJSONObject("query").toString())

val room = Schedule(
    id = "room",
    timezone = "Europe/Lisbon",
    availability = listOf(
        AvailabilityRule(rule = "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", end = "12:00"),
    ),
    slot = SlotSpec(duration = Duration.ofMinutes(30), capacity = 2u),
)

fun at(text: String): Instant = instant(text)

class EngineTest {
    @Test
    fun `versions are reported`() {
        assertTrue(version().isNotEmpty())
        assertTrue(Regex("\\d{4}[a-z]").matches(tzdataVersion()), tzdataVersion())
    }

    @Test
    fun `records in, slots out, in the schedule's zone`() {
        val engine = Engine()
        engine.addSchedule(room)
        val slots = engine.availability(Query(from = at("2026-03-30T00:00:00Z"), to = at("2026-03-31T00:00:00Z")))
        // Lisbon is on summer time (UTC+1) after 2026-03-29: 09:00 local is 08:00Z.
        assertEquals(6, slots.size)
        assertEquals("room@2026-03-30T08:00:00Z", slots[0].key)
        assertEquals(at("2026-03-30T08:30:00Z"), slots[0].end)
        assertEquals(2u, slots[0].remaining)
        assertEquals(room, engine.schedule("room"))
    }

    @Test
    fun `a booking takes a seat and check and explain say why a slot is full`() {
        val engine = Engine()
        engine.addSchedule(room)
        val start = at("2026-03-30T08:00:00Z")
        val end = at("2026-03-30T08:30:00Z")
        for (id in listOf("a1", "a2")) {
            engine.addAppointment(Appointment(id = id, schedule = "room", start = start, end = end, status = Status.BOOKED))
        }
        val check = engine.checkBooking(Appointment(id = "a3", schedule = "room", start = start, end = end, status = Status.BOOKED))
        assertFalse(check.fits)
        assertEquals(0u, check.slot!!.remaining)
        val full = check.reasons.single() as Reason.Full
        assertEquals(listOf("a1", "a2"), full.appointments)

        val early = engine.checkBooking(
            Appointment(id = "a3", schedule = "room", start = at("2026-03-30T09:00:00Z"), end = at("2026-03-30T09:30:00Z"), status = Status.BOOKED),
            BookingRules(now = at("2026-03-30T08:45:00Z"), minNotice = Duration.ofHours(1)),
        )
        val notice = early.reasons.single() as Reason.BeforeMinimumNotice
        assertEquals(at("2026-03-30T09:45:00Z"), notice.earliest)

        val why = engine.explain("room", at("2026-03-30T08:10:00Z"))
        assertFalse(why.bookable)
        assertEquals("2026-03-30T09:10:00+01:00", why.localTime)
        assertEquals(at("2026-03-30T08:00:00Z"), why.window!!.start)
        assertTrue(why.slots.single().reasons.single() is Reason.Full)

        engine.updateAppointment(Appointment(id = "a2", schedule = "room", start = start, end = end, status = Status.CANCELLED))
        assertTrue(engine.checkBooking(Appointment(id = "a3", schedule = "room", start = start, end = end, status = Status.BOOKED)).fits)
    }

    @Test
    fun `errors carry the code and the field path`() {
        val engine = Engine()
        val badRule = room.copy(availability = listOf(AvailabilityRule(rule = "DTSTART:20260302T090000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=0", end = "12:00")))
        val e = assertThrows<SlotwiseException.InvalidRule> { engine.addSchedule(badRule) }
        assertEquals(ErrorCode.INVALID_RULE, e.code())
        assertEquals("invalid_rule", e.codeName())
        assertEquals("availability[0].rule", e.path())
        assertTrue(e.describe().startsWith("availability[0].rule: "), e.describe())

        val zone = assertThrows<SlotwiseException> { engine.addSchedule(room.copy(timezone = "Mars/Olympus")) }
        assertEquals(ErrorCode.UNKNOWN_TIMEZONE, zone.code())
        assertEquals("timezone", zone.path())

        val badTime = assertThrows<SlotwiseException> {
            engine.addSchedule(room.copy(availability = listOf(AvailabilityRule(rule = room.availability[0].rule, end = "9h"))))
        }
        assertEquals("availability[0].end", badTime.path())

        val zeroCapacity = assertThrows<SlotwiseException> { engine.addSchedule(room.copy(slot = room.slot.copy(capacity = 0u))) }
        assertEquals("slot.capacity", zeroCapacity.path())

        engine.addSchedule(room)
        val dup = assertThrows<SlotwiseException.DuplicateId> { engine.addSchedule(room) }
        assertEquals("id", dup.path())

        val start = at("2026-03-30T08:00:00Z")
        val unknown = assertThrows<SlotwiseException.UnknownSchedule> {
            engine.addAppointment(Appointment(id = "a1", schedule = "nobody", start = start, end = start.plusSeconds(1800), status = Status.BOOKED))
        }
        assertEquals("schedule", unknown.path())

        val fraction = assertThrows<SlotwiseException.InvalidInput> {
            engine.addAppointment(Appointment(id = "a1", schedule = "room", start = start.plusMillis(500), end = start.plusSeconds(1800), status = Status.BOOKED))
        }
        assertEquals("start", fraction.path())

        val reversed = assertThrows<SlotwiseException.InvalidWindow> {
            engine.availability(Query(from = start, to = start.minusSeconds(60)))
        }
        assertEquals("to", reversed.path())

        val json = assertThrows<SlotwiseException.InvalidInput> { engine.addAppointmentJson("{\"id\": \"a1\", \"schedule\": \"room\"}") }
        assertTrue(json.describe().contains("start"), json.describe())

        val stored = assertThrows<SlotwiseException> {
            engine.reconcile(start, start.plusSeconds(86400), listOf(ExistingSlot("wrong-key", "room", start, start.plusSeconds(1800), 2u)))
        }
        assertEquals("existing[0].key", stored.path())

        // A failed call changed nothing.
        assertEquals(listOf("room"), engine.scheduleIds())
        assertTrue(engine.appointments().isEmpty())
    }

    private val snapshots = listOf("clinic-v1.bin", "clinic-v2.bin").map { File(repo, "tests/vectors/snapshot/$it") }

    @Test
    fun `a snapshot loaded from bytes answers as the engine built from JSON`() {
        val built = clinicEngine()
        val from = at("2026-03-01T00:00:00Z")
        val to = at("2026-05-01T00:00:00Z")
        for (file in snapshots) {
            val opened = Engine.fromSnapshot(file.readBytes())
            assertEquals(built.availability(clinicQuery()), opened.availability(clinicQuery()), file.name)
            opened.loadAll()
            assertEquals(built.toJson(), opened.toJson(), file.name)
            assertEquals(built.report(from, to, Bucket.WEEK), opened.report(from, to, Bucket.WEEK), file.name)

            // The engine's own snapshot round-trips, and a booking made after opening is kept.
            opened.addAppointment(Appointment(id = "new", schedule = "dr-ana", start = at("2026-03-25T12:00:00Z"), end = at("2026-03-25T12:30:00Z"), status = Status.BOOKED))
            val again = Engine.fromSnapshot(opened.toSnapshot())
            assertEquals(opened.toJson(), again.toJson(), file.name)
            assertEquals(Status.BOOKED, again.appointment("new")!!.status, file.name)
            assertNotEquals(built.toJson(), again.toJson(), file.name)
        }
    }

    @Test
    fun `damaged snapshot bytes are refused`() {
        assertThrows<SlotwiseException.InvalidSnapshot> { Engine.fromSnapshot(ByteArray(0)) }
        for (file in snapshots) {
            val bytes = file.readBytes()
            assertThrows<SlotwiseException.InvalidSnapshot>(file.name) { Engine.fromSnapshot(bytes.copyOf(bytes.size / 2)) }
            val flipped = bytes.copyOf().also { it[it.size - 9] = (it[it.size - 9].toInt() xor 0x55).toByte() }
            assertThrows<SlotwiseException.InvalidSnapshot>(file.name) { Engine.fromSnapshot(flipped).loadAll() }
        }
    }

    @Test
    fun `the engine moves as JSON`() {
        val engine = clinicEngine()
        val copy = Engine.fromJson(engine.toJson())
        assertEquals(engine.toJson(), copy.toJson())
        assertEquals(engine.availability(clinicQuery()), copy.availability(clinicQuery()))
        val e = assertThrows<SlotwiseException> { Engine.fromJson("{\"version\": 1, \"schedules\": [{\"id\": \"x\"}]}") }
        assertTrue(e.path().startsWith("schedules[0]"), e.path())
    }

    @Test
    fun `a reconcile plan applied gives an empty plan`() {
        val engine = clinicEngine()
        val from = at("2026-03-23T00:00:00Z")
        val to = at("2026-03-30T00:00:00Z")
        val plan = engine.reconcile(from, to, emptyList())
        assertTrue(plan.create.isNotEmpty())
        val stored = plan.create.map { ExistingSlot(it.key, it.schedule, it.start, it.end, it.capacity) }
        val again = engine.reconcile(from, to, stored)
        assertEquals(Plan(emptyList(), emptyList(), emptyList(), emptyList(), stored.size.toULong()), again)
        val json = JSONObject(planToJson(plan))
        assertEquals(plan.create.size, json.getJSONArray("create").length())
    }

    @Test
    fun `expand takes a limit`() {
        val ical = "DTSTART;TZID=America/New_York:20260302T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE"
        val all = expand(ical, at("2026-03-01T00:00:00Z"), at("2026-04-01T00:00:00Z"), null)
        assertEquals(9, all.size)
        // 2026-03-08 is the DST change: 09:00 local moves from 14:00Z to 13:00Z.
        assertEquals(at("2026-03-02T14:00:00Z"), all[0])
        assertEquals(at("2026-03-09T13:00:00Z"), all[2])
        assertEquals(all.take(3), expand(ical, at("2026-03-01T00:00:00Z"), at("2026-04-01T00:00:00Z"), 3u))
        assertThrows<SlotwiseException.InvalidRule> { expand("RRULE:FREQ=SOMETIMES", at("2026-03-01T00:00:00Z"), at("2026-04-01T00:00:00Z"), null) }
    }

    @Test
    fun `limits are the host's to set`() {
        assertEquals(defaultLimits(), Engine().limits())
        val small = Engine.withLimits(defaultLimits().copy(maxSchedules = 1uL, maxSlots = 3uL))
        assertEquals(1uL, small.limits().maxSchedules)
        small.addSchedule(room)
        val full = assertThrows<SlotwiseException.LimitExceeded> { small.addSchedule(room.copy(id = "room-2")) }
        assertTrue(full.describe().contains("max_schedules"), full.describe())
        val many = assertThrows<SlotwiseException.LimitExceeded> {
            small.availability(Query(from = at("2026-03-30T00:00:00Z"), to = at("2026-03-31T00:00:00Z")))
        }
        assertTrue(many.describe().contains("max_slots"), many.describe())
        val bytes = clinicEngine().toSnapshot()
        assertThrows<SlotwiseException.LimitExceeded> {
            Engine.fromSnapshotWithLimits(bytes, defaultLimits().copy(maxSnapshotBytes = 100uL))
        }
        assertThrows<SlotwiseException.LimitExceeded> {
            Engine.fromJsonWithLimits(clinicEngine().toJson(), defaultLimits().copy(maxSchedules = 2uL))
        }
        assertThrows<SlotwiseException.InvalidInput> { Engine.withLimits(defaultLimits().copy(maxWindow = Duration.ofMillis(1500))) }
    }

    @Test
    fun `a Rust panic surfaces as an exception and nothing breaks`() {
        val engine = clinicEngine()
        val before = engine.availability(clinicQuery())
        val e = assertThrows<InternalException> { panicForTests() }
        assertTrue(e.message!!.contains("panic_for_tests"), e.message)
        assertEquals(before, engine.availability(clinicQuery()))
        assertNull(engine.schedule("nobody"))
    }
}
