package dev.slotwise

import org.json.JSONArray
import org.json.JSONObject
import java.time.Instant

// The vectors' input documents (`schedules`, `appointments`, `window`) into an engine.

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
