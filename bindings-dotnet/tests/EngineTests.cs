using System;
using System.Collections.Generic;
using System.Linq;

namespace Slotwise.Tests
{
    /// <summary>The typed API: schedules and appointments as classes, DateTimeOffset and TimeSpan.</summary>
    static class EngineTests
    {
        static readonly DateTimeOffset Monday = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

        internal static Schedule Room(int capacity = 2)
        {
            return new Schedule
            {
                Id = "room",
                Timezone = "America/New_York",
                Availability = new List<AvailabilityRule>
                {
                    new AvailabilityRule { Rule = "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", End = "12:00" },
                },
                Slot = new SlotSpec { Duration = TimeSpan.FromHours(1), Capacity = capacity, BufferAfter = TimeSpan.FromMinutes(10) },
                Exclusions = new List<Exclusion> { new Exclusion { Kind = Exclusion.Day, Date = new DateTime(2026, 3, 4), Reason = "closed" } },
            };
        }

        internal static Appointment Booking(string id, int hourUtc, int seats = 1)
        {
            return new Appointment
            {
                Id = id, Schedule = "room", Start = Monday.AddHours(hourUtc), End = Monday.AddHours(hourUtc + 1), Seats = seats,
            };
        }

        [Test]
        static void Typed_schedule_gives_slots_in_local_time_across_dst()
        {
            using (var engine = new SlotwiseEngine())
            {
                engine.AddSchedule(Room());
                // New York: 09:00 local is 14:00Z before March 8 and 13:00Z after.
                var slots = engine.Availability(new Query(Monday, Monday.AddDays(7)));
                Assert.Equal(6 * 3, slots.Count, "three slots a day, March 2 to 8 but the 4th (excluded)");
                Assert.Equal(Monday.AddHours(14), slots[0].Start, "first slot before DST");
                Assert.Equal("room@2026-03-02T14:00:00Z", slots[0].Key, "key");
                Assert.Equal(TimeSpan.FromHours(1), slots[0].End - slots[0].Start, "slot length");
                var afterDst = slots.First(s => s.Start >= new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.Zero));
                Assert.Equal(13, afterDst.Start.UtcDateTime.Hour, "09:00 local is 13:00Z after DST");
                Assert.True(slots.All(s => s.Start.UtcDateTime.Day != 4), "no slot on the excluded day");
            }
        }

        [Test]
        static void Bookings_buffers_and_seats()
        {
            using (var engine = new SlotwiseEngine(new[] { Room() }, new[] { Booking("a1", 14, 2) }))
            {
                var q = new Query(Monday, Monday.AddDays(1)) { Seats = 0 };
                var slots = engine.Availability(q);
                Assert.Equal(3, slots.Count, "seats 0 lists full slots too");
                Assert.Equal(2, slots[0].Booked, "two seats booked");
                Assert.Equal(0, slots[0].Remaining, "none left");
                // The 10-minute buffer after the 15:00Z slot does not reach the next booking.
                Assert.Equal(2, slots[1].Remaining, "next slot free");
                Assert.Equal(2, engine.Availability(new Query(Monday, Monday.AddDays(1))).Count, "seats 1 hides the full one");

                var moved = Booking("a1", 14, 2);
                moved.Status = AppointmentStatus.Cancelled;
                engine.UpdateAppointment(moved);
                Assert.Equal(3, engine.Availability(new Query(Monday, Monday.AddDays(1))).Count, "cancelled frees seats");
                engine.RemoveAppointment("a1");
                engine.AddAppointment(Booking("a2", 15));
                Assert.Equal(1, engine.Availability(q)[1].Booked, "a new booking is seen");
                engine.ReplaceSchedule(Room(5));
                Assert.Equal(4, engine.Availability(q)[1].Remaining, "a replaced schedule keeps its appointments");
                engine.RemoveSchedule("room");
                Assert.Equal(0, engine.Availability(q).Count, "a removed schedule has no slots");
            }
        }

        [Test]
        static void Notice_rules_in_the_query()
        {
            using (var engine = new SlotwiseEngine(new[] { Room() }, new Appointment[0]))
            {
                var q = new Query(Monday, Monday.AddDays(2))
                {
                    Now = Monday.AddHours(14), MinNotice = TimeSpan.FromMinutes(90), MaxAdvance = TimeSpan.FromHours(24),
                };
                var slots = engine.Availability(q);
                Assert.Equal(Monday.AddHours(16), slots.First().Start, "not before now + 90 minutes");
                Assert.True(slots.Last().Start <= Monday.AddHours(38), "not after now + 24 hours");
            }
        }

        [Test]
        static void Columns_match_the_json_answer()
        {
            using (var engine = Clinic.Engine())
            {
                var columns = engine.AvailabilityColumnsJson(Clinic.QueryJson());
                var json = JsonCompare.Parse(engine.AvailabilityJson(Clinic.QueryJson()));
                Assert.True(columns.Count > 10, "the clinic has slots");
                Assert.Equal(json.Count, columns.Count, "rows");
                for (int i = 0; i < columns.Count; i++)
                {
                    Assert.Equal((string)json[i]["key"], columns.Key(i), "key " + i);
                    Assert.Equal((string)json[i]["end"], Iso.FormatInstant(Iso.FromUnixSeconds(columns.End[i])), "end " + i);
                    Assert.Equal((int)json[i]["remaining"], (int)columns.Remaining[i], "remaining " + i);
                }
            }
        }

        [Test]
        static void Check_booking_and_explain()
        {
            using (var engine = new SlotwiseEngine(new[] { Room(1) }, new[] { Booking("a1", 14) }))
            {
                var check = engine.CheckBooking(Booking("a2", 14));
                Assert.True(!check.Fits, "the slot is full");
                Assert.Equal("full", check.Reasons.Single().Code, "reason");
                Assert.Equal("a1", check.Reasons.Single().Appointments.Single(), "who holds it");
                Assert.True(engine.CheckBooking(Booking("a1", 14)).Fits, "its own booking fits (a move)");
                var rules = new BookingRules { Now = Monday.AddHours(15), MinNotice = TimeSpan.FromHours(1) };
                var late = engine.CheckBooking(Booking("a3", 15), rules);
                Assert.Equal("before_minimum_notice", late.Reasons.Single().Code, "notice");
                Assert.Equal(Monday.AddHours(16), late.Reasons.Single().Earliest.Value, "earliest");
                var outside = engine.CheckBooking(Booking("a4", 3));
                Assert.Equal("outside_availability", outside.Reasons.Single().Code, "outside hours");

                var why = engine.Explain("room", Monday.AddHours(14).AddMinutes(30));
                Assert.True(!why.Bookable, "full at 14:30Z");
                Assert.Equal(TimeSpan.FromHours(-5), why.LocalTime.Offset, "New York offset in winter");
                Assert.Equal(Monday.AddHours(14), why.Window.Start, "window start");
                Assert.Equal("full", why.Slots.Single().Reasons.Single().Code, "slot verdict");
                var excluded = engine.Explain("room", new DateTimeOffset(2026, 3, 4, 15, 0, 0, TimeSpan.Zero));
                Assert.Equal("closed", excluded.Exclusions.Single().Reason, "the exclusion holds it");
            }
        }

        [Test]
        static void Reconcile_then_reconcile_again_is_empty()
        {
            using (var engine = new SlotwiseEngine(new[] { Room() }, new[] { Booking("a1", 14) }))
            {
                var stored = new List<ExistingSlot>
                {
                    new ExistingSlot { Key = "room@2026-03-02T14:00:00Z", Schedule = "room", Start = Monday.AddHours(14), End = Monday.AddHours(15), Capacity = 1 },
                    new ExistingSlot { Key = "room@2026-03-02T20:00:00Z", Schedule = "room", Start = Monday.AddHours(20), End = Monday.AddHours(21), Capacity = 2 },
                };
                var plan = engine.Reconcile(Monday, Monday.AddDays(1), stored);
                Assert.Equal(2, plan.Create.Count, "two slots to create");
                Assert.Equal("room@2026-03-02T14:00:00Z", plan.Update.Single().Key, "capacity changed");
                Assert.Equal(2, plan.Update.Single().After.Capacity, "new capacity");
                Assert.Equal("room@2026-03-02T20:00:00Z", plan.Delete.Single(), "no longer generated");
                var applied = plan.Create.Select(ExistingSlot.Of)
                    .Concat(plan.Update.Select(u => ExistingSlot.Of(u.After)))
                    .ToList();
                var again = engine.Reconcile(Monday, Monday.AddDays(1), applied);
                Assert.True(!again.HasChanges, "applying the plan converges");
                Assert.Equal(3, again.Unchanged, "all three kept");
            }
        }

        [Test]
        static void Report_by_day()
        {
            using (var engine = new SlotwiseEngine(new[] { Room() }, new[] { Booking("a1", 14, 2) }))
            {
                var rows = engine.Report(Monday, Monday.AddDays(3), Bucket.Day);
                Assert.Equal(4, rows.Count, "a row per New York day that meets the window (March 1 to 4)");
                var monday = rows.Single(r => r.BucketStart == new DateTime(2026, 3, 2));
                Assert.Equal(360.0, monday.OfferedSeatMinutes, "3 hours x 2 seats");
                Assert.Equal(120.0, monday.BookedSeatMinutes, "2 seats x 1 hour");
                Assert.Equal(1, monday.Appointments.Booked, "one booking");
                Assert.True(Math.Abs(monday.Utilization.Value - 1.0 / 3) < 1e-12, "a third used");
                Assert.True(rows[0].BucketStart == new DateTime(2026, 3, 1), "the first bucket starts on its local date");
            }
        }

        [Test]
        static void Expand_with_typed_instants()
        {
            var instants = SlotwiseLibrary.Expand(
                "DTSTART;TZID=Europe/Lisbon:20260328T090000\nRRULE:FREQ=DAILY;COUNT=3", Monday, Monday.AddYears(1));
            Assert.Equal("2026-03-28T09:00:00Z,2026-03-29T08:00:00Z,2026-03-30T08:00:00Z",
                string.Join(",", instants.Select(Iso.FormatInstant)), "Lisbon moves to summer time");
            Assert.Equal(1, SlotwiseLibrary.Expand("DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY", Monday, Monday.AddDays(9), 1).Count, "limit");
            Assert.True(SlotwiseLibrary.Version.Length > 0, "version");
            Assert.Equal(5, SlotwiseLibrary.TzdataVersion.Length, "tzdata version like 2026b");
        }

        [Test]
        static void Typed_classes_keep_members_they_do_not_know()
        {
            var schedule = Json.Read<Schedule>(
                "{\"version\": 1, \"id\": \"r\", \"timezone\": \"UTC\", \"slot\": {\"duration\": \"PT1H\", \"capacity\": 1}, \"colour\": \"blue\"}");
            var written = JsonCompare.Parse(Json.Write(schedule));
            Assert.Equal(1, (int)written["version"], "version kept");
            Assert.Equal("blue", (string)written["colour"], "an unknown member kept");
            var query = Json.Read<Query>("{\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-03T00:00:00Z\", \"first\": 5}");
            Assert.Equal(5, (int)JsonCompare.Parse(Json.Write(query))["first"], "a query member kept");
            using (var engine = new SlotwiseEngine())
            {
                Assert.Fails(SlotwiseException.InvalidInput, "colour", () => engine.AddSchedule(schedule), "and the engine still judges it");
            }
        }

        [Test]
        static void Durations_and_instants_in_text()
        {
            Assert.Equal("PT30M", Iso.FormatDuration(TimeSpan.FromMinutes(30)), "minutes");
            Assert.Equal("P1DT1H", Iso.FormatDuration(TimeSpan.FromHours(25)), "days are 24 hours");
            Assert.Equal("PT0S", Iso.FormatDuration(TimeSpan.Zero), "zero");
            Assert.Equal(TimeSpan.FromDays(8), Iso.ParseDuration("P1W1D"), "weeks");
            Assert.Equal(TimeSpan.FromSeconds(5415), Iso.ParseDuration("PT1H30M15S"), "parts");
            Assert.Throws<FormatException>(() => Iso.ParseDuration("P1M"), "months are not exact");
            Assert.Throws<ArgumentException>(() => Iso.FormatDuration(TimeSpan.FromMilliseconds(1500)), "whole seconds");
            var local = Iso.ParseInstant("2026-03-02T09:00:00-03:00");
            Assert.Equal("2026-03-02T12:00:00Z", Iso.FormatInstant(local), "written in UTC");
        }
    }
}
