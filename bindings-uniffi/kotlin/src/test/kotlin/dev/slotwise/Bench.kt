package dev.slotwise

import java.time.Duration
import java.time.Instant

// Not a test: `bench.sh` runs it (never CI). Times one big availability answer handed
// to Kotlin three ways: a list of Slot records, SlotColumns, and records from a JSON
// query, on an engine of many copies of the clinic's schedules.
fun main(args: Array<String>) {
    val copies = args.getOrNull(0)?.toInt() ?: 100
    val days = args.getOrNull(1)?.toLong() ?: 90
    val doc = clinic()
    val engine = Engine()
    val schedules = doc.getJSONArray("schedules")
    for (n in 0 until copies) {
        for (i in 0 until schedules.length()) {
            val s = schedules.getJSONObject(i)
            s.put("id", "${s.getString("id")}-$n")
            engine.addScheduleJson(s.toString())
        }
    }
    val from = Instant.parse("2026-03-02T00:00:00Z")
    val query = Query(from = from, to = from.plus(Duration.ofDays(days)), seats = 0u)
    val json = "{\"from\": \"$from\", \"to\": \"${query.to}\", \"seats\": 0}"
    val runs = listOf<Pair<String, () -> Int>>(
        "records (List<Slot>)" to { engine.availability(query).size },
        "columns (SlotColumns)" to { engine.availabilityColumns(query).start.size },
        "records from a JSON query" to { engine.availabilityJson(json).size },
    )
    println("${copies * schedules.length()} schedules, $days days")
    for ((name, run) in runs) {
        repeat(3) { run() }
        val times = (0 until 7).map {
            val t0 = System.nanoTime()
            val n = run()
            (System.nanoTime() - t0) / 1e6 to n
        }
        val median = times.map { it.first }.sorted()[times.size / 2]
        println("%-28s %8d slots  median %8.1f ms  (%.0f ns/slot)".format(name, times[0].second, median, median * 1e6 / times[0].second))
    }
}
