using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Collections.Generic;

namespace Slotwise.Tests
{
    /// <summary>Snapshots and JSON state, and one engine queried from several threads.</summary>
    static class StateTests
    {
        [Test]
        static void Snapshot_and_json_round_trip()
        {
            using (var engine = Clinic.Engine())
            {
                string answer = engine.AvailabilityJson(Clinic.QueryJson());
                byte[] snapshot = engine.ToSnapshot();
                using (var opened = SlotwiseEngine.FromSnapshot(snapshot))
                {
                    Assert.Equal(answer, opened.AvailabilityJson(Clinic.QueryJson()), "the snapshot answers the same");
                    Assert.Equal(engine.ToJson(), opened.ToJson(), "and holds the same state");
                }
                using (var copy = SlotwiseEngine.FromJson(engine.ToJson()))
                {
                    Assert.Equal(answer, copy.AvailabilityJson(Clinic.QueryJson()), "the JSON copy answers the same");
                }
            }
        }

        [Test]
        static void Every_shared_snapshot_vector_opens_as_the_clinic()
        {
            var files = Directory.GetFiles(Path.Combine(VectorTests.Root, "tests/vectors/snapshot"), "clinic-v*.bin");
            var names = files.Select(Path.GetFileName).ToList();
            Assert.True(names.Contains("clinic-v1.bin") && names.Contains("clinic-v2.bin"), "snapshot vectors of format versions 1 and 2: " + string.Join(", ", names));
            var from = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
            using (var clinic = Clinic.Engine())
            {
                foreach (var file in files.OrderBy(f => f, StringComparer.Ordinal))
                {
                    using (var opened = SlotwiseEngine.FromSnapshot(File.ReadAllBytes(file)))
                    {
                        var name = Path.GetFileName(file);
                        Assert.Equal(clinic.AvailabilityJson(Clinic.QueryJson()), opened.AvailabilityJson(Clinic.QueryJson()), name + ": same slots");
                        Assert.Equal(
                            Json.Write(clinic.Report(from, from.AddMonths(2), Bucket.Week)),
                            Json.Write(opened.Report(from, from.AddMonths(2), Bucket.Week)), name + ": same report");
                        Assert.Equal(clinic.ToJson(), opened.ToJson(), name + ": same state");
                        opened.RemoveAppointment("apt-001");
                        Assert.Fails(SlotwiseException.InvalidInput, "id", () => opened.RemoveAppointment("apt-001"), name + ": removed");
                    }
                }
            }
        }

        [Test]
        static void Damaged_snapshots_are_refused()
        {
            byte[] good;
            using (var engine = Clinic.Engine()) good = engine.ToSnapshot();
            Assert.Fails(SlotwiseException.InvalidSnapshot, "", () => SlotwiseEngine.FromSnapshot(new byte[0]), "empty");
            Assert.Fails(SlotwiseException.InvalidSnapshot, "", () => SlotwiseEngine.FromSnapshot(good.Take(good.Length / 2).ToArray()), "truncated");
            var header = (byte[])good.Clone();
            header[0] ^= 0xff;
            Assert.Fails(SlotwiseException.InvalidSnapshot, "", () => SlotwiseEngine.FromSnapshot(header), "bad magic");
            var body = (byte[])good.Clone();
            body[body.Length - 1] ^= 0x55;
            Assert.Fails(SlotwiseException.InvalidSnapshot, "", () =>
            {
                using (var e = SlotwiseEngine.FromSnapshot(body)) e.AvailabilityJson(Clinic.QueryJson());
            }, "damaged block: refused on opening or on first use");
        }

        [Test]
        static void Queries_from_several_threads_while_another_books()
        {
            using (var engine = Clinic.Engine())
            {
                var query = Json.Read<Query>(Clinic.QueryJson());
                query.Seats = 0;
                string free = Json.Write(engine.Availability(query));
                var extra = new Appointment
                {
                    Id = "extra", Schedule = "dr-bruno", Start = query.From.AddHours(0), End = query.From.AddHours(1),
                };
                var first = engine.Availability(query).First(s => s.Schedule == "dr-bruno");
                extra.Start = first.Start;
                extra.End = first.End;
                engine.AddAppointment(extra);
                string booked = Json.Write(engine.Availability(query));
                engine.RemoveAppointment("extra");
                Assert.True(free != booked, "the booking changes the answer");

                var failures = new List<string>();
                int answers = 0;
                var stop = false;
                var readers = Enumerable.Range(0, 4).Select(i => new Thread(() =>
                {
                    while (!Volatile.Read(ref stop))
                    {
                        string got = Json.Write(engine.Availability(query));
                        Interlocked.Increment(ref answers);
                        if (got != free && got != booked) lock (failures) failures.Add("thread " + i + " saw a torn answer");
                    }
                })).ToList();
                readers.ForEach(t => t.Start());
                for (int n = 0; n < 50; n++)
                {
                    engine.AddAppointment(extra);
                    engine.RemoveAppointment("extra");
                }
                while (Volatile.Read(ref answers) < 40) Thread.Sleep(1);
                Volatile.Write(ref stop, true);
                readers.ForEach(t => t.Join());
                Assert.Equal(0, failures.Count, string.Join("; ", failures));
                Assert.Equal(free, Json.Write(engine.Availability(query)), "back to the start");
            }
        }
    }
}
