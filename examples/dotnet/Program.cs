// A clinic's booking service, as it would use slotwise before writing to its database:
// load the clinic (schedules and appointments), print a week of free slots, then
// reconcile the week against the slots the service has stored and show what to
// insert, update and delete; apply that and check that a second pass has nothing to do.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using Slotwise;

[DataContract]
sealed class ClinicFile
{
    [DataMember(Name = "schedules")] public List<Schedule> Schedules;
    [DataMember(Name = "appointments")] public List<Appointment> Appointments;
    [DataMember(Name = "query")] public Query Query;
}

static class Program
{
    static int Main(string[] args)
    {
        string clinicPath = args.Length > 0 ? args[0] : "examples/data/clinic.json";
        string storedPath = args.Length > 1 ? args[1] : "examples/dotnet/stored-slots.json";
        var clinic = Json.Read<ClinicFile>(File.ReadAllText(clinicPath));
        var stored = Json.Read<List<ExistingSlot>>(File.ReadAllText(storedPath));

        using (var engine = new SlotwiseEngine(clinic.Schedules, clinic.Appointments))
        {
            var from = clinic.Query.From;
            var to = from.AddDays(7);
            Console.WriteLine("slotwise " + SlotwiseLibrary.Version + " (tz " + SlotwiseLibrary.TzdataVersion + ")");
            Console.WriteLine("Free slots " + Iso.FormatInstant(from) + " to " + Iso.FormatInstant(to) + " (times in UTC, free seats in brackets):");
            var free = engine.Availability(new Query(from, to));
            foreach (var day in free.GroupBy(s => s.Start.UtcDateTime.Date))
            {
                Console.WriteLine(day.Key.ToString("ddd yyyy-MM-dd"));
                foreach (var schedule in day.GroupBy(s => s.Schedule))
                {
                    Console.WriteLine("  " + schedule.Key.PadRight(10) + string.Join(" ",
                        schedule.Select(s => s.Start.UtcDateTime.ToString("HH:mm") + (s.Remaining > 1 ? "[" + s.Remaining + "]" : ""))));
                }
            }
            Console.WriteLine(free.Count + " free slots");

            var plan = engine.Reconcile(from, to, stored);
            Console.WriteLine();
            Console.WriteLine("Reconcile with " + stored.Count + " stored slots:");
            Console.WriteLine("  INSERT " + plan.Create.Count + " slots, first: " + string.Join(", ", plan.Create.Take(3).Select(s => s.Key)));
            foreach (var u in plan.Update)
                Console.WriteLine("  UPDATE " + u.Key + " capacity " + u.Before.Capacity + " -> " + u.After.Capacity
                    + ", ends " + Iso.FormatInstant(u.After.End));
            foreach (var key in plan.Delete) Console.WriteLine("  DELETE " + key);
            foreach (var c in plan.Conflicts)
                Console.WriteLine("  KEEP   " + c.Key + ": no longer offered but holds " + string.Join(", ", c.Appointments));
            Console.WriteLine("  " + plan.Unchanged + " unchanged");

            // Apply the plan to the stored list, as the service would in one transaction.
            var byKey = stored.ToDictionary(s => s.Key);
            foreach (var s in plan.Create) byKey[s.Key] = ExistingSlot.Of(s);
            foreach (var u in plan.Update) byKey[u.Key] = ExistingSlot.Of(u.After);
            foreach (var key in plan.Delete) byKey.Remove(key);
            var again = engine.Reconcile(from, to, byKey.Values.ToList());
            Console.WriteLine(again.HasChanges
                ? "ERROR: a second pass still has changes"
                : "Applied; a second pass changes nothing (" + again.Unchanged + " unchanged, " + again.Conflicts.Count + " kept for their appointments)");
            return again.HasChanges ? 1 : 0;
        }
    }
}
