using System;
using System.Collections.Generic;
using System.Linq;

namespace Slotwise.Tests
{
    /// <summary>Teams (all), pools (any), k of n, booking limits and the first free slots, typed.</summary>
    static class TeamsTests
    {
        static readonly DateTimeOffset Monday = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        static readonly string[] Abc = { "a", "b", "c" };

        /// <summary>A UTC schedule open <paramref name="openHour"/>:00 to 12:00 daily from 2026-03-02, one-hour slots.</summary>
        static Schedule Interviewer(string id, int openHour, int capacity = 1, params BookingLimit[] limits)
        {
            return new Schedule
            {
                Id = id,
                Timezone = "UTC",
                Availability = new List<AvailabilityRule>
                {
                    new AvailabilityRule { Rule = "DTSTART:20260302T" + openHour.ToString("00") + "0000\nRRULE:FREQ=DAILY", End = "12:00" },
                },
                Slot = new SlotSpec { Duration = TimeSpan.FromHours(1), Capacity = capacity },
                Limits = limits.Length == 0 ? null : limits.ToList(),
            };
        }

        static Appointment Booking(string id, string schedule, DateTimeOffset start)
        {
            return new Appointment { Id = id, Schedule = schedule, Start = start, End = start.AddHours(1) };
        }

        /// <summary>Interviewers a and b open 09:00-12:00 and c 10:00-12:00 (UTC), b booked 11:00-12:00.</summary>
        static SlotwiseEngine Panel()
        {
            return new SlotwiseEngine(
                new[] { Interviewer("a", 9), Interviewer("b", 9), Interviewer("c", 10) },
                new[] { Booking("b1", "b", Monday.AddHours(11)) });
        }

        static Query Day(Combine combine)
        {
            return new Query(Monday, Monday.AddDays(1)) { Combine = combine };
        }

        /// <summary>Rows as "HH:mm a,b 2" lines (hours of 2026-03-02 unless another date).</summary>
        static string Rows(IEnumerable<CombinedRow> rows)
        {
            return string.Join("; ", rows.Select(r =>
                Iso.FormatInstant(r.Start) + "/" + (r.End - r.Start).TotalMinutes + " " + string.Join(",", r.Schedules) + " " + r.Remaining));
        }

        [Test]
        static void K_of_n_lists_who_can_take_each_hour()
        {
            using (var engine = Panel())
            {
                var two = new Combine(Combine.KOfN, Abc) { K = 2, Duration = TimeSpan.FromHours(1) };
                Assert.Equal(
                    "2026-03-02T09:00:00Z/60 a,b 2; 2026-03-02T10:00:00Z/60 a,b,c 3; 2026-03-02T11:00:00Z/60 a,c 2",
                    Rows(engine.Combined(Day(two))), "k 2");
                var three = new Combine(Combine.KOfN, Abc) { K = 3, Duration = TimeSpan.FromHours(1) };
                Assert.Equal("2026-03-02T10:00:00Z/60 a,b,c 3", Rows(engine.Combined(Day(three))), "k 3");
            }
        }

        [Test]
        static void All_needs_every_schedule_free_on_the_combined_grid()
        {
            using (var engine = Panel())
            {
                var all = new Combine(Combine.All, new[] { "c", "b", "a" }) { Duration = TimeSpan.FromMinutes(30), Step = TimeSpan.FromMinutes(30) };
                var rows = engine.Combined(Day(all));
                Assert.Equal("2026-03-02T10:00:00Z/30 a,b,c 1; 2026-03-02T10:30:00Z/30 a,b,c 1", Rows(rows), "all");
                string json = "{\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-03T00:00:00Z\","
                    + " \"combine\": {\"mode\": \"all\", \"schedules\": [\"c\", \"b\", \"a\"], \"duration\": \"PT30M\", \"step\": \"PT30M\"}}";
                JsonCompare.Same(System.Json.JsonValue.Parse(engine.CombinedJson(json)), Json.Write(rows), "JSON and typed answers agree");
                Assert.Equal(Json.Write(Day(all)), Json.Write(Json.Read<Query>(json)), "the typed query reads and writes the JSON");
            }
        }

        [Test]
        static void Any_is_a_pool_the_least_busy_first()
        {
            using (var engine = Panel())
            {
                // b already has a booking that day: c comes first at 10:00.
                Assert.Equal(
                    "2026-03-02T09:00:00Z/60 b 1; 2026-03-02T10:00:00Z/60 c,b 2; 2026-03-02T11:00:00Z/60 c 1",
                    Rows(engine.Combined(Day(new Combine(Combine.Any, new[] { "b", "c" })))), "any");
            }
        }

        [Test]
        static void First_rows_and_slots_without_an_end_to_the_window()
        {
            using (var engine = Panel())
            {
                var q = new Query(Monday.AddHours(10.5), null)
                {
                    First = 2,
                    Combine = new Combine(Combine.All, new[] { "a", "b" }) { Duration = TimeSpan.FromHours(1) },
                };
                Assert.Equal("2026-03-03T09:00:00Z/60 a,b 1; 2026-03-03T10:00:00Z/60 a,b 1", Rows(engine.Combined(q)),
                    "b is booked at 11:00, so the next day's first two hours");
                var slots = engine.Availability(new Query(Monday.AddHours(11), null) { First = 3 });
                Assert.Equal("a@2026-03-02T11:00:00Z c@2026-03-02T11:00:00Z a@2026-03-03T09:00:00Z",
                    string.Join(" ", slots.Select(s => s.Key)), "first 3 slots");
                Assert.Equal("{\"from\":\"2026-03-02T11:00:00Z\",\"seats\":1,\"first\":3}",
                    Json.Write(new Query(Monday.AddHours(11), null) { First = 3 }), "no `to` is written");
            }
        }

        [Test]
        static void A_booking_limit_closes_the_day_and_check_and_explain_name_it()
        {
            var perDay = new BookingLimit(BookingLimit.Day, maxAppointments: 1);
            using (var engine = new SlotwiseEngine(new[] { Interviewer("d", 9, 2, perDay) }, new[] { Booking("d1", "d", Monday.AddHours(9)) }))
            {
                Assert.Equal("d@2026-03-03T09:00:00Z", engine.Availability(new Query(Monday, null) { First = 1 }).Single().Key, "first free slot");
                var day = engine.Availability(new Query(Monday, Monday.AddDays(1)) { Seats = 0 });
                Assert.Equal("0 0 0", string.Join(" ", day.Select(s => s.Remaining)), "no seat left that day");
                Assert.Equal("1 0 0", string.Join(" ", day.Select(s => s.Booked)), "one booked");

                var check = engine.CheckBooking(Booking("d2", "d", Monday.AddHours(10)));
                Assert.True(!check.Fits, "does not fit");
                var r = check.Reasons.Single();
                Assert.Equal("limit_reached", r.Code, "code");
                Assert.Equal(0, r.Index.Value, "index");
                Assert.Equal(BookingLimit.Day, r.Period, "period");
                Assert.Equal(new DateTime(2026, 3, 2), r.PeriodStart.Value, "period start");
                Assert.Equal(1, r.MaxAppointments.Value, "max appointments");
                Assert.True(r.MaxMinutes == null, "no max minutes");
                Assert.Equal(1, r.PeriodAppointments.Value, "appointments that day");
                Assert.Equal(60L, r.Minutes.Value, "minutes that day");
                Assert.True(r.Appointments == null, "no list of ids");
                Assert.True(engine.CheckBooking(Booking("d1", "d", Monday.AddHours(10))).Fits, "moving the day's booking");
                var why = engine.Explain("d", Monday.AddHours(10.5));
                Assert.True(!why.Bookable && why.Slots.Single().Reasons.Single().Code == "limit_reached", "explain");

                var minutes = new BookingLimit(BookingLimit.Week, maxMinutes: 90);
                engine.ReplaceSchedule(Interviewer("d", 9, 2, minutes));
                var week = engine.CheckBooking(Booking("d2", "d", Monday.AddDays(4).AddHours(10))).Reasons.Single();
                Assert.Equal(BookingLimit.Week, week.Period, "week");
                Assert.Equal(new DateTime(2026, 3, 2), week.PeriodStart.Value, "the week starts Monday");
                Assert.Equal(90, week.MaxMinutes.Value, "max minutes");
                Assert.True(engine.CheckBooking(Booking("d2", "d", Monday.AddDays(7).AddHours(10))).Fits, "next week");
                var kept = SlotwiseEngine.FromSnapshot(engine.ToSnapshot());
                using (kept)
                {
                    Assert.Equal(engine.ToJson(), kept.ToJson(), "limits survive a snapshot");
                }
                Assert.True(engine.ToJson().Contains("\"limits\":[{\"period\":\"week\",\"max_minutes\":90}]"), engine.ToJson());
            }
        }

        [Test]
        static void Errors_name_the_field()
        {
            using (var engine = Panel())
            {
                string before = engine.ToJson();
                var hour = TimeSpan.FromHours(1);
                Assert.Fails(SlotwiseException.InvalidInput, "combine.k",
                    () => engine.Combined(Day(new Combine(Combine.KOfN, Abc) { K = 4, Duration = hour })), "k above n");
                Assert.Fails(SlotwiseException.InvalidInput, "combine.k",
                    () => engine.Combined(Day(new Combine(Combine.KOfN, Abc) { Duration = hour })), "k missing");
                Assert.Fails(SlotwiseException.UnknownSchedule, "combine.schedules[1]",
                    () => engine.Combined(Day(new Combine(Combine.All, new[] { "a", "zed" }) { Duration = hour })), "unknown schedule");
                Assert.Fails(SlotwiseException.InvalidInput, "combine.schedules[2]",
                    () => engine.Combined(Day(new Combine(Combine.Any, new[] { "a", "b", "a" }))), "repeated id");
                Assert.Fails(SlotwiseException.InvalidInput, "combine.schedules",
                    () => engine.Combined(Day(new Combine(Combine.Any, new[] { "a" }))), "one schedule");
                Assert.Fails(SlotwiseException.InvalidInput, "combine.duration",
                    () => engine.Combined(Day(new Combine(Combine.Any, Abc) { Duration = hour })), "any with a duration");
                Assert.Fails(SlotwiseException.InvalidInput, "combine.duration",
                    () => engine.Combined(Day(new Combine(Combine.All, Abc))), "all without a duration");
                Assert.Fails(SlotwiseException.InvalidInput, "combine.mode",
                    () => engine.Combined(Day(new Combine("most", Abc))), "unknown mode");
                Assert.Fails(SlotwiseException.InvalidInput, "first",
                    () => engine.Combined(new Query(Monday, Monday.AddDays(1)) { First = 0, Combine = new Combine(Combine.Any, Abc) }), "first 0");
                Assert.Fails(SlotwiseException.InvalidInput, "combine",
                    () => engine.Combined(new Query(Monday, Monday.AddDays(1))), "no combine");
                Assert.Fails(SlotwiseException.InvalidInput, "combine",
                    () => engine.Availability(Day(new Combine(Combine.Any, Abc))), "availability refuses combine");
                Assert.Fails(SlotwiseException.InvalidInput, "to",
                    () => engine.Availability(new Query(Monday, null)), "no `to` without `first`");
                Assert.Fails(SlotwiseException.InvalidInput, "limits[0]",
                    () => engine.AddSchedule(Interviewer("e", 9, 1, new BookingLimit(BookingLimit.Month))), "a limit without a maximum");
                Assert.Fails(SlotwiseException.InvalidInput, "limits[0].period",
                    () => engine.AddSchedule(Interviewer("e", 9, 1, new BookingLimit("year", maxMinutes: 60))), "an unknown period");
                Assert.Throws<ArgumentNullException>(() => engine.Combined(null), "null query");
                Assert.Equal(before, engine.ToJson(), "nothing changed");
            }
        }
    }
}
