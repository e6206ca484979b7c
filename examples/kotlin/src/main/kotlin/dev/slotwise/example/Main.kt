// An offline booking flow as a mobile app runs it, on the JVM: open the snapshot the
// server shipped, show a practitioner's next free slots in the device's time zone,
// book one locally, and print what to send home at the next sync.
package dev.slotwise.example

import dev.slotwise.Appointment
import dev.slotwise.Engine
import dev.slotwise.Query
import dev.slotwise.SlotwiseException
import dev.slotwise.Status
import dev.slotwise.appointmentToJson
import dev.slotwise.planToJson
import java.io.File
import java.time.Duration
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.time.temporal.ChronoUnit
import kotlin.system.exitProcess

const val USAGE = """usage: slotwise-example SNAPSHOT [--schedule ID] [--count N] [--now INSTANT] [--zone ZONE]
  SNAPSHOT     snapshot bytes the server shipped (slotwise snapshot FILE -o engine.bin)
  --schedule   the practitioner (default: the first schedule)
  --count      how many free slots to list (default 5)
  --now        the present, RFC 3339 (default: the clock)
  --zone       the device's time zone (default: the system's)"""

class Options(args: Array<String>) {
    val snapshot: File
    var schedule: String? = null
    var count = 5
    var now: Instant = Instant.now().truncatedTo(ChronoUnit.SECONDS)
    var zone: ZoneId = ZoneId.systemDefault()

    init {
        val rest = args.toMutableList()
        fun value(flag: String): String =
            rest.removeFirstOrNull() ?: throw IllegalArgumentException("$flag needs a value")
        var path: String? = null
        while (rest.isNotEmpty()) {
            when (val arg = rest.removeFirst()) {
                "--schedule" -> schedule = value(arg)
                "--count" -> count = value(arg).toIntOrNull()?.takeIf { it > 0 }
                    ?: throw IllegalArgumentException("--count must be a positive number")
                "--now" -> now = Instant.parse(value(arg))
                "--zone" -> zone = ZoneId.of(value(arg))
                else -> if (path == null && !arg.startsWith("--")) path = arg
                    else throw IllegalArgumentException("unexpected argument `$arg`")
            }
        }
        snapshot = File(path ?: throw IllegalArgumentException("SNAPSHOT is missing"))
    }
}

fun main(args: Array<String>) {
    val options = try {
        Options(args)
    } catch (e: RuntimeException) {
        System.err.println("${e.message}\n$USAGE")
        exitProcess(2)
    }
    try {
        session(options)
    } catch (e: SlotwiseException) {
        System.err.println("slotwise: ${e.codeName()}: ${e.describe()}")
        exitProcess(1)
    }
}

fun session(o: Options) = Engine.fromSnapshot(o.snapshot.readBytes()).use { engine -> book(engine, o) }

fun book(engine: Engine, o: Options) {
    val schedule = o.schedule ?: engine.scheduleIds().firstOrNull()
        ?: throw IllegalStateException("the snapshot holds no schedule")
    val local = DateTimeFormatter.ofPattern("EEE d MMM HH:mm").withZone(o.zone)
    val clock = DateTimeFormatter.ofPattern("HH:mm").withZone(o.zone)

    // The next free slots, at least an hour and at most four weeks ahead. With
    // `first` the query needs no `to`, and the engine stops once it has them.
    val query = Query(
        from = o.now,
        now = o.now,
        minNotice = Duration.ofHours(1),
        maxAdvance = Duration.ofDays(28),
        schedules = listOf(schedule),
        first = o.count.toUInt(),
    )
    val free = engine.availability(query)
    println("Next ${free.size} free slots of $schedule (times in ${o.zone}):")
    for (slot in free) {
        println("  ${local.format(slot.start)}-${clock.format(slot.end)}  ${slot.remaining} of ${slot.capacity} seats free  [${slot.key}]")
    }
    val slot = free.firstOrNull() ?: run {
        println("Nothing free to book.")
        return
    }

    // Book it locally: check first, so the app can say why a booking does not fit.
    val appointment = Appointment(
        id = "device-${slot.start.epochSecond}",
        schedule = schedule,
        start = slot.start,
        end = slot.end,
        status = Status.BOOKED,
    )
    val check = engine.checkBooking(appointment, null)
    if (!check.fits) {
        println("Cannot book ${slot.key}: ${check.reasons}")
        return
    }
    engine.addAppointment(appointment)
    println("\nBooked ${local.format(slot.start)} as ${appointment.id}.")
    println("Appointment to send home: ${appointmentToJson(appointment)}")

    // The slots of that local day as the server should store them now: the device
    // stored none of them yet, so every one is to create (the booked one now full).
    val day = slot.start.atZone(o.zone).toLocalDate()
    val from = day.atStartOfDay(o.zone).toInstant()
    val to = day.plusDays(1).atStartOfDay(o.zone).toInstant()
    val plan = engine.reconcile(from, to, emptyList())
    val booked = plan.create.filter { it.key == slot.key }.map { "${it.key} booked ${it.booked}/${it.capacity}" }
    println("\nReconcile plan for $day: ${plan.create.size} to create, ${plan.update.size} to update, " +
        "${plan.delete.size} to delete, ${plan.conflicts.size} conflicts, ${plan.unchanged} unchanged; $booked")
    println(planToJson(plan))
}
