package dev.slotwise

import java.time.Instant
import java.time.OffsetDateTime
import java.time.format.DateTimeFormatter

// Answers of the binding in the JSON form the vectors expect (maps, lists, strings,
// numbers, null), and instants to and from RFC 3339.

/** An RFC 3339 instant with any offset. */
fun instant(text: String): Instant = OffsetDateTime.parse(text).toInstant()

/** An instant as the engine writes it (`2026-03-02T09:00:00Z`). */
fun rfc3339(t: Instant): String = DateTimeFormatter.ISO_INSTANT.format(t)

fun slotJson(s: Slot): Map<String, Any?> = mapOf(
    "key" to s.key,
    "schedule" to s.schedule,
    "start" to rfc3339(s.start),
    "end" to rfc3339(s.end),
    "capacity" to s.capacity.toLong(),
    "booked" to s.booked.toLong(),
    "remaining" to s.remaining.toLong(),
)

fun rowJson(r: CombinedRow): Map<String, Any?> = mapOf(
    "start" to rfc3339(r.start),
    "end" to rfc3339(r.end),
    "schedules" to r.schedules,
    "remaining" to r.remaining.toLong(),
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
