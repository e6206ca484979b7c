package dev.slotwise

import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/**
 * Every file of tests/vectors through the Kotlin binding, compared exactly with the
 * answers the Rust tests check.
 */
class VectorTest {
    @Test
    fun `every expand case gives its expected instants`() {
        checkCases("expand", 100) { input ->
            val limit = if (input.has("limit")) input.getLong("limit").toUInt() else null
            expand(input.getString("ical"), instant(input.getString("from")), instant(input.getString("to")), limit)
                .map(::rfc3339)
        }
    }

    /** The answer to the input's query, asked as JSON text or as a record. */
    private fun <T> asked(
        mode: Mode,
        input: JSONObject,
        json: (Engine, String) -> List<T>,
        record: (Engine, Query) -> List<T>,
    ): List<T> {
        val engine = engineOf(input, mode)
        val query = input.getJSONObject("query").toString()
        return try {
            when (mode) {
                Mode.JSON -> json(engine, query)
                Mode.RECORDS -> record(engine, queryFromJson(query))
            }
        } catch (e: SlotwiseException) {
            // Errors about the query carry a path; limits reached while answering do not.
            val path = if (e.path().isEmpty()) "" else at("query", e.path())
            throw Located(e.codeName(), path, e.describe())
        }
    }

    private fun availability(mode: Mode) = { input: JSONObject ->
        asked(mode, input, Engine::availabilityJson, Engine::availability).map(::slotJson)
    }

    private fun combined(mode: Mode) = { input: JSONObject ->
        asked(mode, input, Engine::combinedJson, Engine::combined).map(::rowJson)
    }

    @Test
    fun `every combined vector passes through JSON documents`() {
        checkCases("combined", 3, combined(Mode.JSON))
    }

    @Test
    fun `every combined vector passes through records`() {
        checkCases("combined", 3, combined(Mode.RECORDS))
    }

    @Test
    fun `every availability vector passes through JSON documents`() {
        checkCases("availability", 20, availability(Mode.JSON))
    }

    @Test
    fun `every availability vector passes through records`() {
        checkCases("availability", 20, availability(Mode.RECORDS))
    }

    @Test
    fun `the columnar answer holds the same slots as the records`() {
        for (case in cases("availability", 20)) {
            if (case.error != null) continue
            val file = case.name
            val input = case.input
            val engine = engineOf(input, Mode.RECORDS)
            val query = queryFromJson(input.getJSONObject("query").toString())
            val slots = engine.availability(query)
            val c = engine.availabilityColumns(query)
            assertEquals(slots.size, c.start.size, file)
            listOf(c.schedule, c.end, c.capacity, c.booked, c.remaining).forEach {
                assertEquals(slots.size, it.size, file)
            }
            slots.forEachIndexed { i, s ->
                val id = c.ids[c.schedule[i].toInt()]
                assertEquals(s.key, "$id@${rfc3339(java.time.Instant.ofEpochSecond(c.start[i]))}", file)
                assertEquals(s.end.epochSecond, c.end[i], file)
                assertEquals(s.capacity, c.capacity[i], file)
                assertEquals(s.booked, c.booked[i], file)
                assertEquals(s.remaining, c.remaining[i], file)
            }
        }
    }

    @Test
    fun `every reconcile vector gives its expected plan`() {
        checkCases("reconcile", 3) { input ->
            val engine = engineOf(input, Mode.RECORDS)
            val (from, to) = window(input)
            val stored = input.optJSONArray("existing") ?: JSONArray()
            val existing = (0 until stored.length()).map { i ->
                val s = stored.getJSONObject(i)
                ExistingSlot(
                    key = s.getString("key"),
                    schedule = s.getString("schedule"),
                    start = instant(s.getString("start")),
                    end = instant(s.getString("end")),
                    capacity = s.getLong("capacity").toUInt(),
                )
            }
            planJson(inWindow { engine.reconcile(from, to, existing) })
        }
    }

    @Test
    fun `every report vector gives its expected rows`() {
        checkCases("report", 3) { input ->
            val engine = engineOf(input, Mode.RECORDS)
            val (from, to) = window(input)
            val bucket = under("bucket") { bucketFromName(input.getString("bucket")) }
            inWindow { engine.report(from, to, bucket) }.map(::reportJson)
        }
    }
}
