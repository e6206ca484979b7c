package dev.slotwise

import org.json.JSONArray
import org.json.JSONObject
import java.io.File

// The one case format of tests/vectors (tests/vectors/README.md): loading the cases
// and comparing an answer or an error with what a case expects.

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
