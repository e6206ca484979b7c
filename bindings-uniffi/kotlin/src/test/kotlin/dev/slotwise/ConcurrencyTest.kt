package dev.slotwise

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.time.Instant
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

class ConcurrencyTest {
    @Test
    fun `many threads query one engine while another books`() {
        val engine = clinicEngine()
        val query = clinicQuery()
        val expected = engine.availability(query)
        val columns = engine.availabilityColumns(query)
        val pool = Executors.newFixedThreadPool(8)
        try {
            val readers = (0 until 8).map { n ->
                pool.submit(Callable {
                    repeat(25) {
                        if (n % 2 == 0) {
                            assertEquals(expected, engine.availability(query))
                        } else {
                            assertEquals(columns, engine.availabilityColumns(query))
                        }
                    }
                })
            }
            // Bookings after the queried window change nothing the readers see.
            val writer = pool.submit(Callable {
                repeat(50) { i ->
                    val start = Instant.parse("2026-05-04T12:00:00Z").plusSeconds(3600L * 24 * i)
                    engine.addAppointment(
                        Appointment(id = "w$i", schedule = "dr-bruno", start = start, end = start.plusSeconds(3600), status = Status.BOOKED),
                    )
                }
            })
            (readers + writer).forEach { it.get(2, TimeUnit.MINUTES) }
        } finally {
            pool.shutdown()
        }
        assertEquals(50, engine.appointments().count { it.id.startsWith("w") })
        assertEquals(expected, engine.availability(query))
    }
}
