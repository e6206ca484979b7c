package dev.slotwise

import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Every file of tests/vectors through the Kotlin binding, compared exactly with the
 * answers the Rust tests check.
 */
class VectorTest {
    @Test
    fun `every expand vector gives its expected instants`() {
        val failures = mutableListOf<String>()
        var total = 0
        for (file in vectorFiles("expand", 4)) {
            val vectors = JSONArray(file.readText())
            for (i in 0 until vectors.length()) {
                total++
                val v = vectors.getJSONObject(i)
                val limit = if (v.has("limit")) v.getLong("limit").toUInt() else null
                val got: Any = try {
                    expand(v.getString("ical"), instant(v.getString("from")), instant(v.getString("to")), limit)
                        .map(::rfc3339)
                } catch (e: SlotwiseException) {
                    mapOf("code" to e.codeName())
                }
                val problem = if (v.has("expected")) {
                    sameJson(v.getJSONArray("expected"), got)
                } else {
                    val code = v.getJSONObject("expected_error").getString("code")
                    if (got == mapOf("code" to code)) null else "expected error $code, got $got"
                }
                if (problem != null) failures.add("${file.name}[$i] ${v.optString("description")}: $problem")
            }
        }
        assertTrue(total > 100, "only $total expand vectors")
        assertEquals(emptyList<String>(), failures.take(10), "${failures.size} of $total fail")
    }

    private fun availability(mode: Mode) = { input: JSONObject ->
        val engine = engineOf(input, mode)
        val query = input.getJSONObject("query").toString()
        val slots = try {
            when (mode) {
                Mode.JSON -> engine.availabilityJson(query)
                Mode.RECORDS -> engine.availability(queryFromJson(query))
            }
        } catch (e: SlotwiseException) {
            // Errors about the query carry a path; limits reached while answering do not.
            val path = if (e.path().isEmpty()) "" else at("query", e.path())
            throw Located(e.codeName(), path, e.describe())
        }
        slots.map(::slotJson)
    }

    @Test
    fun `every availability vector passes through JSON documents`() {
        checkVectors("availability", vectorFiles("availability", 20), availability(Mode.JSON))
    }

    @Test
    fun `every availability vector passes through records`() {
        checkVectors("availability", vectorFiles("availability", 20), availability(Mode.RECORDS))
    }

    @Test
    fun `the columnar answer holds the same slots as the records`() {
        for (file in vectorFiles("availability", 20)) {
            val v = JSONObject(file.readText())
            if (!v.has("expected")) continue
            val input = v.getJSONObject("input")
            val engine = engineOf(input, Mode.RECORDS)
            val query = queryFromJson(input.getJSONObject("query").toString())
            val slots = engine.availability(query)
            val c = engine.availabilityColumns(query)
            assertEquals(slots.size, c.start.size, file.name)
            listOf(c.schedule, c.end, c.capacity, c.booked, c.remaining).forEach {
                assertEquals(slots.size, it.size, file.name)
            }
            slots.forEachIndexed { i, s ->
                val id = c.ids[c.schedule[i].toInt()]
                assertEquals(s.key, "$id@${rfc3339(java.time.Instant.ofEpochSecond(c.start[i]))}", file.name)
                assertEquals(s.end.epochSecond, c.end[i], file.name)
                assertEquals(s.capacity, c.capacity[i], file.name)
                assertEquals(s.booked, c.booked[i], file.name)
                assertEquals(s.remaining, c.remaining[i], file.name)
            }
        }
    }

    @Test
    fun `every reconcile vector gives its expected plan`() {
        checkVectors("reconcile", vectorFiles("reconcile", 3)) { input ->
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
        checkVectors("report", vectorFiles("report", 3)) { input ->
            val engine = engineOf(input, Mode.RECORDS)
            val (from, to) = window(input)
            val bucket = under("bucket") { bucketFromName(input.getString("bucket")) }
            inWindow { engine.report(from, to, bucket) }.map(::reportJson)
        }
    }
}
