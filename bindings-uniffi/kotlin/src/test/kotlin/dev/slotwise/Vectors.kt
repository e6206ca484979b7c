package dev.slotwise

import org.json.JSONArray
import org.json.JSONObject
import java.io.File
import java.time.Instant
import java.time.OffsetDateTime
import java.time.format.DateTimeFormatter

/** The repository root (surefire passes it as `slotwise.repo`). */
val repo: File = File(System.getProperty("slotwise.repo") ?: "../..").canonicalFile

/**
 * One case of tests/vectors (the one format of tests/vectors/README.md): `input` and
 * either the exact `expected` answer or an `error` `{code, path?}`.
 */
class Case(val name: String, val description: String, val input: JSONObject, val expected: Any?, val error: JSONObject?)

/** Every case of tests/vectors/<kind>/\*.json, in file then array order; at least [min]. */
fun cases(kind: String, min: Int): List<Case> {
    val dir = File(repo, "tests/vectors/$kind")
    val files = dir.listFiles { f -> f.name.endsWith(".json") }.orEmpty().sortedBy { it.name }
    val out = files.flatMap { file ->
        val items = JSONArray(file.readText())
        (0 until items.length()).map { i ->
            val c = items.getJSONObject(i)
            check(c.getString("kind") == kind) { "${file.name}[$i]: kind must be $kind" }
            check(c.has("expected") != c.has("error")) { "${file.name}[$i]: one of expected and error" }
            Case(
                "$kind/${file.name}[$i]",
                c.getString("description"),
                c.getJSONObject("input"),
                if (c.has("expected")) c.get("expected") else null,
                c.optJSONObject("error"),
            )
        }
    }
    check(out.size >= min) { "cases missing in $dir" }
    return out
}

/** An RFC 3339 instant with any offset. */
fun instant(text: String): Instant = OffsetDateTime.parse(text).toInstant()

/** An instant as the engine writes it (`2026-03-02T09:00:00Z`). */
fun rfc3339(t: Instant): String = DateTimeFormatter.ISO_INSTANT.format(t)

/** The field path of an error about [outer]'s content, as the engine composes it. */
fun at(outer: String, path: String): String = when {
    path.isEmpty() -> outer
    path.startsWith("[") -> outer + path
    else -> "$outer.$path"
}

/** Rethrows a [SlotwiseException] with its path under [outer]. */
class Located(val code: String, val path: String, message: String) : Exception(message)

fun <T> under(outer: String, body: () -> T): T = try {
    body()
} catch (e: SlotwiseException) {
    throw Located(e.codeName(), at(outer, e.path()), e.describe())
} catch (e: Located) {
    throw Located(e.code, at(outer, e.path), e.message ?: "")
}

/**
 * Runs [run] on every case of [kind] and compares with its `expected` answer (as
 * JSON-like values: maps, lists, strings, numbers, null) or its `error`
 * `{code, path?}`; collects every mismatch and fails once with all of them.
 */
fun checkCases(kind: String, min: Int, run: (JSONObject) -> Any?) {
    val all = cases(kind, min)
    val failures = mutableListOf<String>()
    for (case in all) {
        val outcome: Result<Any?> = try {
            Result.success(run(case.input))
        } catch (e: Located) {
            Result.failure(e)
        } catch (e: SlotwiseException) {
            Result.failure(Located(e.codeName(), e.path(), e.describe()))
        }
        val want = case.error
        val problem = if (want == null) {
            outcome.fold(
                { got -> sameJson(case.expected, got) },
                { e -> "failed: ${(e as Located).code} `${e.path}`: ${e.message}" },
            )
        } else {
            outcome.fold(
                { got -> "answered $got, expected an error" },
                { e ->
                    val l = e as Located
                    val same = l.code == want.getString("code") &&
                        (!want.has("path") || l.path == want.getString("path"))
                    if (same) null else "error ${l.code} at `${l.path}`, expected $want"
                },
            )
        }
        if (problem != null) failures.add("${case.name} (${case.description}): $problem")
    }
    check(failures.isEmpty()) { "${failures.size} of ${all.size} cases fail:\n" + failures.take(20).joinToString("\n") }
}

/** Null when [got] equals the parsed JSON [expected], else where they differ. */
fun sameJson(expected: Any?, got: Any?, where: String = "$"): String? {
    val e = if (expected == JSONObject.NULL) null else expected
    return when {
        e == null || got == null ->
            if (e == null && got == null) null else "$where: expected $e, got $got"
        e is JSONObject -> {
            if (got !is Map<*, *>) return "$where: expected an object, got $got"
            if (e.keySet() != got.keys) return "$where: keys ${e.keySet()} vs ${got.keys}"
            e.keySet().sorted().firstNotNullOfOrNull { k -> sameJson(e.get(k), got[k], "$where.$k") }
        }
        e is JSONArray -> {
            if (got !is List<*>) return "$where: expected an array, got $got"
            if (e.length() != got.size) return "$where: ${e.length()} items expected, got ${got.size}"
            (0 until e.length()).firstNotNullOfOrNull { i -> sameJson(e.get(i), got[i], "$where[$i]") }
        }
        e is Number -> {
            if (got !is Number) return "$where: expected $e, got $got"
            // Shortest round-trip decimals parse to the exact double in Java.
            if (e.toString().toDouble() == got.toDouble()) null else "$where: expected $e, got $got"
        }
        else -> if (e == got) null else "$where: expected $e, got $got"
    }
}

fun slotJson(s: Slot): Map<String, Any?> = mapOf(
    "key" to s.key,
    "schedule" to s.schedule,
    "start" to rfc3339(s.start),
    "end" to rfc3339(s.end),
    "capacity" to s.capacity.toLong(),
    "booked" to s.booked.toLong(),
    "remaining" to s.remaining.toLong(),
)

fun existingJson(s: ExistingSlot): Map<String, Any?> = mapOf(
    "key" to s.key,
    "schedule" to s.schedule,
    "start" to rfc3339(s.start),
    "end" to rfc3339(s.end),
    "capacity" to s.capacity.toLong(),
)

fun planJson(p: Plan): Map<String, Any?> = mapOf(
    "create" to p.create.map(::slotJson),
    "update" to p.update.map {
        mapOf("key" to it.key, "before" to existingJson(it.before), "after" to slotJson(it.after))
    },
    "delete" to p.delete,
    "conflicts" to p.conflicts.map { mapOf("key" to it.key, "appointments" to it.appointments) },
    "unchanged" to p.unchanged.toLong(),
)

fun reportJson(r: ReportRow): Map<String, Any?> = mapOf(
    "schedule" to r.schedule,
    "bucket_start" to r.bucketStart,
    "offered_seat_minutes" to r.offeredSeatMinutes,
    "booked_seat_minutes" to r.bookedSeatMinutes,
    "utilization" to r.utilization,
    "appointments" to mapOf(
        "booked" to r.appointments.booked.toLong(),
        "attended" to r.appointments.attended.toLong(),
        "no_show" to r.appointments.noShow.toLong(),
        "cancelled" to r.appointments.cancelled.toLong(),
    ),
    "cancellation_rate" to r.cancellationRate,
    "no_show_rate" to r.noShowRate,
)

/** How a document's schedules and appointments reach the engine. */
enum class Mode { JSON, RECORDS }

/**
 * An engine holding a document's `schedules` and `appointments`: every record is
 * read first, then added, as the engine reads a whole document; errors are located
 * from the document's root (`schedules[1].timezone`).
 */
fun engineOf(input: JSONObject, mode: Mode): Engine {
    val schedules = input.optJSONArray("schedules") ?: JSONArray()
    val appointments = input.optJSONArray("appointments") ?: JSONArray()
    val engine = Engine()
    when (mode) {
        Mode.JSON -> {
            for (i in 0 until schedules.length()) {
                under("schedules[$i]") { engine.addScheduleJson(schedules.get(i).toString()) }
            }
            for (i in 0 until appointments.length()) {
                under("appointments[$i]") { engine.addAppointmentJson(appointments.get(i).toString()) }
            }
        }
        Mode.RECORDS -> {
            val s = (0 until schedules.length()).map { i ->
                under("schedules[$i]") { scheduleFromJson(schedules.get(i).toString()) }
            }
            val a = (0 until appointments.length()).map { i ->
                under("appointments[$i]") { appointmentFromJson(appointments.get(i).toString()) }
            }
            s.forEachIndexed { i, it -> under("schedules[$i]") { engine.addSchedule(it) } }
            a.forEachIndexed { i, it -> under("appointments[$i]") { engine.addAppointment(it) } }
        }
    }
    return engine
}

/** The document's `window`, errors located under `window`. */
fun window(input: JSONObject): Pair<Instant, Instant> {
    val w = input.getJSONObject("window")
    return instant(w.getString("from")) to instant(w.getString("to"))
}

/** A window call whose `from`/`to` errors belong to the document's `window`. */
fun <T> inWindow(body: () -> T): T = try {
    body()
} catch (e: SlotwiseException) {
    val path = e.path()
    val outer = if (path == "from" || path == "to") at("window", path) else path
    throw Located(e.codeName(), outer, e.describe())
}
