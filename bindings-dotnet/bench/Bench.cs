// How long the .NET binding takes to hand over a big availability answer: as JSON
// text, as columns (one copy per column), and as typed Slot objects built from the
// columns. Run by bench.sh (never in CI); prints the best of five runs of each.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Slotwise;

static class Bench
{
    static readonly string[] Zones = { "America/Sao_Paulo", "Europe/Lisbon", "America/New_York", "Asia/Tokyo" };

    static int Main(string[] args)
    {
        int schedules = args.Length > 0 ? int.Parse(args[0]) : 1000;
        int days = args.Length > 1 ? int.Parse(args[1]) : 90;
        var from = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var list = Enumerable.Range(0, schedules).Select(i => new Schedule
        {
            Id = "s" + i.ToString("D5"),
            Timezone = Zones[i % Zones.Length],
            Availability = new List<AvailabilityRule>
            {
                new AvailabilityRule { Rule = "DTSTART:20260105T080000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA", End = "20:00" },
            },
            Slot = new SlotSpec { Duration = TimeSpan.FromMinutes(30), Capacity = 2 },
        }).ToList();
        var rng = new Random(7);
        var appointments = Enumerable.Range(0, schedules * 100).Select(i =>
        {
            var start = from.AddMinutes(30 * rng.Next(days * 48));
            return new Appointment { Id = "a" + i, Schedule = list[i % schedules].Id, Start = start, End = start.AddMinutes(30) };
        }).ToList();
        using (var engine = new SlotwiseEngine(list, appointments))
        {
            var query = new Query(from, from.AddDays(days));
            string queryJson = Json.Write(query);
            int rows = engine.AvailabilityColumns(query).Count;
            Console.WriteLine(schedules + " schedules x " + days + " days, " + appointments.Count + " appointments: " + rows + " slots");
            Time("availability as JSON text (AvailabilityJson)", () => engine.AvailabilityJson(queryJson).Length);
            Time("availability as columns (AvailabilityColumns)", () => engine.AvailabilityColumns(query).Count);
            Time("availability as Slot objects (Availability)", () => engine.Availability(query).Count);
        }
        return 0;
    }

    static void Time(string what, Func<int> run)
    {
        long best = long.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            best = Math.Min(best, watch.ElapsedMilliseconds);
        }
        Console.WriteLine("  " + what.PadRight(50) + best + " ms");
    }
}
