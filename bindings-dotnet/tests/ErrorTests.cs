using System;
using System.Collections.Generic;

namespace Slotwise.Tests
{
    /// <summary>Bad input: a SlotwiseException with the code and the field path, and nothing changed.</summary>
    static class ErrorTests
    {
        static readonly DateTimeOffset Monday = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

        [Test]
        static void Schedule_errors_name_the_field_and_change_nothing()
        {
            using (var engine = new SlotwiseEngine(new[] { EngineTests.Room() }, new Appointment[0]))
            {
                string before = engine.ToJson();
                var bad = EngineTests.Room();
                bad.Id = "other";
                bad.Slot.Step = TimeSpan.Zero;
                Assert.Fails(SlotwiseException.InvalidInput, "slot.step", () => engine.AddSchedule(bad), "zero step");
                bad = EngineTests.Room();
                bad.Id = "other";
                bad.Timezone = "Mars/Olympus";
                Assert.Fails(SlotwiseException.UnknownTimezone, "timezone", () => engine.AddSchedule(bad), "zone");
                bad = EngineTests.Room();
                bad.Availability[0].Rule = "DTSTART:20260302T090000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=0";
                Assert.Fails(SlotwiseException.InvalidRule, "availability[0].rule", () => engine.ReplaceSchedule(bad), "rule");
                Assert.Fails(SlotwiseException.DuplicateId, "id", () => engine.AddSchedule(EngineTests.Room()), "duplicate");
                Assert.Fails(SlotwiseException.UnknownSchedule, "id", () => engine.RemoveSchedule("nobody"), "remove unknown");
                Assert.Fails(SlotwiseException.InvalidInput, "slot.bufer_after",
                    () => engine.AddScheduleJson("{\"id\": \"x\", \"timezone\": \"UTC\", \"slot\": {\"duration\": \"PT1H\", \"capacity\": 1, \"bufer_after\": \"PT5M\"}}"),
                    "unknown field");
                Assert.Fails(SlotwiseException.InvalidInput, "id", () => engine.AddScheduleJson("{\"id\": "), "truncated JSON");
                Assert.Equal(before, engine.ToJson(), "nothing changed");
            }
        }

        [Test]
        static void Appointment_and_query_errors()
        {
            using (var engine = new SlotwiseEngine(new[] { EngineTests.Room() }, new[] { EngineTests.Booking("a1", 14) }))
            {
                var orphan = EngineTests.Booking("a2", 14);
                orphan.Schedule = "nobody";
                Assert.Fails(SlotwiseException.UnknownSchedule, "schedule", () => engine.AddAppointment(orphan), "unknown schedule");
                Assert.Fails(SlotwiseException.DuplicateId, "id", () => engine.AddAppointment(EngineTests.Booking("a1", 15)), "duplicate");
                var backwards = EngineTests.Booking("a3", 14);
                backwards.End = backwards.Start.AddHours(-1);
                Assert.Fails(SlotwiseException.InvalidInput, "end", () => engine.AddAppointment(backwards), "end before start");
                Assert.Fails(SlotwiseException.InvalidWindow, "to",
                    () => engine.Availability(new Query(Monday, Monday)), "empty window");
                Assert.Fails(SlotwiseException.InvalidInput, "min_notice",
                    () => engine.Availability(new Query(Monday, Monday.AddDays(1)) { MinNotice = TimeSpan.FromHours(-1) }), "negative notice");
                Assert.Fails(SlotwiseException.LimitExceeded, "",
                    () => SlotwiseLibrary.Expand("DTSTART:20260101T000000Z\nRRULE:FREQ=SECONDLY", Monday, Monday.AddDays(30)),
                    "2.6 million instances without a limit");
                Assert.Fails(SlotwiseException.InvalidWindow, "window.to",
                    () => engine.Reconcile(Monday, Monday.AddDays(-1), new ExistingSlot[0]), "reversed reconcile window");
                Assert.Fails(SlotwiseException.InvalidInput, "bucket",
                    () => engine.ReportJson("{\"window\": {\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-03T00:00:00Z\"}, \"bucket\": \"year\"}"), "bucket");
                Assert.Fails(SlotwiseException.UnknownSchedule, "schedule", () => engine.Explain("nobody", Monday), "explain unknown");
                Assert.Fails(SlotwiseException.InvalidInput, "instant", () => engine.ExplainJson("room", "noon"), "explain bad instant");
                Assert.Fails(SlotwiseException.InvalidRule, "",
                    () => SlotwiseLibrary.Expand("RRULE:FREQ=DAILY", Monday, Monday.AddDays(1)), "no DTSTART");
                Assert.Fails(SlotwiseException.InvalidInput, "from",
                    () => SlotwiseLibrary.ExpandJson("DTSTART:20260101T000000Z", "yesterday", "2026-01-02T00:00:00Z"), "bad from");
            }
        }

        [Test]
        static void Limits_are_the_hosts_to_choose()
        {
            var q = new Query(Monday, Monday.AddDays(1));
            using (var engine = new SlotwiseEngine(new SlotwiseLimits { MaxSchedules = 1 }))
            {
                engine.AddSchedule(EngineTests.Room());
                var other = EngineTests.Room();
                other.Id = "other";
                var e = Assert.Fails(SlotwiseException.LimitExceeded, "", () => engine.AddSchedule(other), "max_schedules");
                Assert.True(e.Message.Contains("max_schedules"), "the message names the limit");
            }
            using (var engine = new SlotwiseEngine(new[] { EngineTests.Room() }, new Appointment[0], new SlotwiseLimits { MaxSlots = 2 }))
            {
                Assert.Fails(SlotwiseException.LimitExceeded, "", () => engine.Availability(q), "three slots past max_slots 2");
                byte[] snapshot = engine.ToSnapshot();
                Assert.Fails(SlotwiseException.LimitExceeded, "",
                    () => SlotwiseEngine.FromSnapshot(snapshot, new SlotwiseLimits { MaxSnapshotBytes = 10 }), "max_snapshot_bytes");
                using (var roomy = SlotwiseEngine.FromSnapshot(snapshot))
                    Assert.Equal(3, roomy.Availability(q).Count, "the default limits answer");
            }
            Assert.Fails(SlotwiseException.LimitExceeded, "appointments[0]",
                () => new SlotwiseEngine(new[] { EngineTests.Room() }, new[] { EngineTests.Booking("a1", 14) }, new SlotwiseLimits { MaxAppointments = 0 }),
                "max_appointments");
            Assert.Fails(SlotwiseException.InvalidInput, "limits.max_slots",
                () => new SlotwiseEngine(new SlotwiseLimits { MaxSlots = -1 }), "a negative limit");
        }

        [Test]
        static void Null_arguments_and_disposed_engines()
        {
            var engine = new SlotwiseEngine();
            Assert.Throws<ArgumentNullException>(() => engine.AddSchedule(null), "null schedule");
            Assert.Throws<ArgumentNullException>(() => engine.AddScheduleJson(null), "null JSON");
            Assert.Throws<ArgumentNullException>(() => engine.RemoveAppointment(null), "null id");
            Assert.Throws<ArgumentNullException>(() => SlotwiseEngine.FromSnapshot(null), "null snapshot");
            Assert.Throws<ArgumentNullException>(() => SlotwiseLibrary.Expand(null, Monday, Monday), "null rule");
            engine.Dispose();
            engine.Dispose();
            Assert.Throws<ObjectDisposedException>(() => engine.ToJson(), "disposed");
            Assert.Throws<ObjectDisposedException>(() => engine.AvailabilityColumns(new Query(Monday, Monday.AddDays(1))), "disposed columns");
        }

        [Test]
        static void Empty_and_odd_text_reaches_the_engine_as_text()
        {
            using (var engine = new SlotwiseEngine())
            {
                Assert.Fails(SlotwiseException.InvalidInput, "", () => engine.AddScheduleJson(""), "empty document");
                Assert.Fails(SlotwiseException.UnknownSchedule, "id", () => engine.RemoveSchedule(""), "empty id");
                Assert.Fails(SlotwiseException.UnknownSchedule, "id", () => engine.RemoveSchedule("caf\u00e9 \ud83d\ude00"), "non-ASCII id");
                var s = EngineTests.Room();
                s.Id = "consult\u00f3rio-\u00e9";
                engine.AddSchedule(s);
                var slot = engine.Availability(new Query(Monday, Monday.AddDays(1)))[0];
                Assert.Equal("consult\u00f3rio-\u00e9@2026-03-02T14:00:00Z", slot.Key, "UTF-8 ids round-trip (columns)");
                Assert.True(engine.AvailabilityJson("{\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-03T00:00:00Z\"}").Contains("consult\u00f3rio-\u00e9@"), "UTF-8 in JSON");
            }
        }
    }
}
