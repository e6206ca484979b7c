using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using System.Text;
using Slotwise.Native;

namespace Slotwise
{
    /// <summary>
    /// The engine: schedules and appointments held together, and the questions asked
    /// of them. Every change succeeds whole or throws <see cref="SlotwiseException"/>
    /// and changes nothing. One engine may be queried from several threads at once;
    /// changes wait for running queries. Each method has a typed form and a
    /// <c>...Json</c> form taking and returning the engine's JSON documents.
    /// </summary>
    public sealed class SlotwiseEngine : IDisposable
    {
        readonly EngineHandle handle;

        /// <summary>An empty engine with the default limits.</summary>
        public SlotwiseEngine()
        {
            handle = NativeMethods.slotwise_engine_new();
            if (handle.IsInvalid) throw new SlotwiseException(SlotwiseException.Internal, "", "the engine could not be created");
        }

        /// <summary>An empty engine under these limits.</summary>
        public SlotwiseEngine(SlotwiseLimits limits)
            : this(NewWithLimits(LimitsJson(limits)))
        {
        }

        /// <summary>An engine holding these schedules and appointments (errors name
        /// <c>schedules[i]...</c> and <c>appointments[i]...</c>), under default or given limits.</summary>
        public SlotwiseEngine(IEnumerable<Schedule> schedules, IEnumerable<Appointment> appointments, SlotwiseLimits limits = null)
            : this(Open(StateJson(schedules, appointments), LimitsJson(limits)))
        {
        }

        SlotwiseEngine(EngineHandle handle)
        {
            this.handle = handle;
        }

        static string StateJson(IEnumerable<Schedule> schedules, IEnumerable<Appointment> appointments)
        {
            if (schedules == null) throw new ArgumentNullException("schedules");
            if (appointments == null) throw new ArgumentNullException("appointments");
            return Json.Write(new EngineState { Schedules = schedules.ToList(), Appointments = appointments.ToList() });
        }

        static string LimitsJson(SlotwiseLimits limits)
        {
            return limits == null ? "{}" : Json.Write(limits);
        }

        static EngineHandle NewWithLimits(string limitsJson)
        {
            byte[] l = Interop.Utf8(limitsJson, "limits");
            EngineHandle made = null;
            Interop.Bytes((out SlotwiseResult r) =>
                NativeMethods.slotwise_engine_new_with_limits(l, Interop.Len(l), out made, out r));
            return made;
        }

        static EngineHandle Open(string json, string limitsJson)
        {
            byte[] text = Interop.Utf8(json, "json");
            byte[] l = Interop.Utf8(limitsJson, "limits");
            EngineHandle opened = null;
            Interop.Bytes((out SlotwiseResult r) => NativeMethods.slotwise_engine_from_json_with_limits(
                text, Interop.Len(text), l, Interop.Len(l), out opened, out r));
            return opened;
        }

        /// <summary>An engine from its JSON state <c>{"version": 1, "schedules", "appointments"}</c>.</summary>
        public static SlotwiseEngine FromJson(string json, SlotwiseLimits limits = null)
        {
            return new SlotwiseEngine(Open(json, LimitsJson(limits)));
        }

        /// <summary>An engine from snapshot bytes (see <see cref="ToSnapshot"/>).</summary>
        public static SlotwiseEngine FromSnapshot(byte[] snapshot, SlotwiseLimits limits = null)
        {
            if (snapshot == null) throw new ArgumentNullException("snapshot");
            // A non-empty array, so the library never sees a NULL pointer for an empty one.
            byte[] bytes = new byte[snapshot.Length + 1];
            Buffer.BlockCopy(snapshot, 0, bytes, 0, snapshot.Length);
            byte[] l = Interop.Utf8(LimitsJson(limits), "limits");
            EngineHandle opened = null;
            Interop.Bytes((out SlotwiseResult r) => NativeMethods.slotwise_engine_from_snapshot_with_limits(
                bytes, (UIntPtr)(ulong)snapshot.Length, l, Interop.Len(l), out opened, out r));
            return new SlotwiseEngine(opened);
        }

        /// <summary>The whole state as JSON, each list ordered by id.</summary>
        public string ToJson()
        {
            return Interop.Text((out SlotwiseResult r) => NativeMethods.slotwise_engine_to_json(Handle, out r));
        }

        /// <summary>The engine as snapshot bytes, to open elsewhere with <see cref="FromSnapshot"/>.</summary>
        public byte[] ToSnapshot()
        {
            return Interop.Bytes((out SlotwiseResult r) => NativeMethods.slotwise_engine_to_snapshot(Handle, out r));
        }

        public void AddSchedule(Schedule schedule) { AddScheduleJson(Write(schedule, "schedule")); }

        public void AddScheduleJson(string json) { Change(NativeMethods.slotwise_engine_add_schedule, json, "json"); }

        /// <summary>Replace the schedule with the same id; its appointments stay.</summary>
        public void ReplaceSchedule(Schedule schedule) { ReplaceScheduleJson(Write(schedule, "schedule")); }

        public void ReplaceScheduleJson(string json) { Change(NativeMethods.slotwise_engine_replace_schedule, json, "json"); }

        public void RemoveSchedule(string id) { Change(NativeMethods.slotwise_engine_remove_schedule, id, "id"); }

        public void AddAppointment(Appointment appointment) { AddAppointmentJson(Write(appointment, "appointment")); }

        public void AddAppointmentJson(string json) { Change(NativeMethods.slotwise_engine_add_appointment, json, "json"); }

        /// <summary>Replace the appointment with the same id (a move, a status change).</summary>
        public void UpdateAppointment(Appointment appointment) { UpdateAppointmentJson(Write(appointment, "appointment")); }

        public void UpdateAppointmentJson(string json) { Change(NativeMethods.slotwise_engine_update_appointment, json, "json"); }

        public void RemoveAppointment(string id) { Change(NativeMethods.slotwise_engine_remove_appointment, id, "id"); }

        /// <summary>The slots of a query, ordered by start then schedule id (read as columns).</summary>
        public List<Slot> Availability(Query query)
        {
            return AvailabilityColumns(query).ToSlots();
        }

        /// <summary>The slots of a query as a JSON array.</summary>
        public string AvailabilityJson(string query)
        {
            byte[] q = Interop.Utf8(query, "query");
            return Interop.Text((out SlotwiseResult r) =>
                NativeMethods.slotwise_engine_availability(Handle, q, Interop.Len(q), out r));
        }

        /// <summary>The slots of a query as columns, for big answers.</summary>
        public SlotColumns AvailabilityColumns(Query query)
        {
            return AvailabilityColumnsJson(Write(query, "query"));
        }

        /// <summary>The slots of a query (JSON) as columns.</summary>
        public SlotColumns AvailabilityColumnsJson(string query)
        {
            byte[] q = Interop.Utf8(query, "query");
            SlotwiseColumns columns;
            SlotwiseResult result;
            bool added = false;
            handle.DangerousAddRef(ref added);
            try
            {
                int code = NativeMethods.slotwise_engine_availability_columns(handle, q, Interop.Len(q), out columns, out result);
                try
                {
                    Interop.Check(code, ref result);
                    return Columns.Copy(ref columns);
                }
                finally
                {
                    NativeMethods.slotwise_result_free(ref result);
                    NativeMethods.slotwise_columns_free(ref columns);
                }
            }
            finally
            {
                if (added) handle.DangerousRelease();
            }
        }

        /// <summary>
        /// The rows of a combined query (<see cref="Query.Combine"/>): the times every
        /// (<c>all</c>), any (<c>any</c>, a pool) or at least k (<c>k_of_n</c>) of its
        /// schedules can take, ordered by start, then end, selected by the query's
        /// window, notice rules and <see cref="Query.First"/>. Errors name the query's
        /// field (<c>combine.k</c>, <c>combine.schedules[1]</c>).
        /// </summary>
        public List<CombinedRow> Combined(Query query)
        {
            return Json.Read<List<CombinedRow>>(CombinedJson(Write(query, "query")));
        }

        /// <summary>The rows of a combined query (JSON) as a JSON array of
        /// <c>{start, end, schedules, remaining}</c>.</summary>
        public string CombinedJson(string query)
        {
            byte[] q = Interop.Utf8(query, "query");
            return Interop.Text((out SlotwiseResult r) =>
                NativeMethods.slotwise_engine_combined(Handle, q, Interop.Len(q), out r));
        }

        /// <summary>Whether an appointment fits (an appointment with a held id is checked as its move).</summary>
        public BookingCheck CheckBooking(Appointment appointment, BookingRules rules = null)
        {
            return Json.Read<BookingCheck>(CheckBookingJson(
                Write(appointment, "appointment"), Json.Write(rules ?? new BookingRules())));
        }

        public string CheckBookingJson(string appointment, string rules)
        {
            byte[] a = Interop.Utf8(appointment, "appointment");
            byte[] b = Interop.Utf8(rules, "rules");
            return Interop.Text((out SlotwiseResult r) =>
                NativeMethods.slotwise_engine_check_booking(Handle, a, Interop.Len(a), b, Interop.Len(b), out r));
        }

        /// <summary>The window, exclusions and slots holding an instant in a schedule.</summary>
        public Explanation Explain(string scheduleId, DateTimeOffset instant)
        {
            return Json.Read<Explanation>(ExplainJson(scheduleId, Iso.FormatInstant(instant)));
        }

        public string ExplainJson(string scheduleId, string instant)
        {
            byte[] id = Interop.Utf8(scheduleId, "scheduleId");
            byte[] at = Interop.Utf8(instant, "instant");
            return Interop.Text((out SlotwiseResult r) =>
                NativeMethods.slotwise_engine_explain(Handle, id, Interop.Len(id), at, Interop.Len(at), out r));
        }

        /// <summary>The plan that brings the host's stored slots with start in <c>[from, to)</c> in line.</summary>
        public Plan Reconcile(DateTimeOffset from, DateTimeOffset to, IEnumerable<ExistingSlot> existing)
        {
            if (existing == null) throw new ArgumentNullException("existing");
            var doc = new ReconcileDocument
            {
                Window = new Period { From = from, To = to },
                Existing = existing.ToList(),
            };
            return Json.Read<Plan>(ReconcileJson(Json.Write(doc)));
        }

        /// <summary>A plan for <c>{"window": {"from", "to"}, "existing": [...]}</c>.</summary>
        public string ReconcileJson(string document)
        {
            byte[] d = Interop.Utf8(document, "document");
            return Interop.Text((out SlotwiseResult r) =>
                NativeMethods.slotwise_engine_reconcile(Handle, d, Interop.Len(d), out r));
        }

        /// <summary>Occupancy per schedule and bucket over <c>[from, to)</c>.</summary>
        public List<ReportRow> Report(DateTimeOffset from, DateTimeOffset to, Bucket bucket)
        {
            var doc = new ReportDocument { Window = new Period { From = from, To = to }, Bucket = BucketNames.Name(bucket) };
            return Json.Read<List<ReportRow>>(ReportJson(Json.Write(doc)));
        }

        /// <summary>Rows for <c>{"window": {"from", "to"}, "bucket": "day" | "week" | "month"}</c>.</summary>
        public string ReportJson(string document)
        {
            byte[] d = Interop.Utf8(document, "document");
            return Interop.Text((out SlotwiseResult r) =>
                NativeMethods.slotwise_engine_report(Handle, d, Interop.Len(d), out r));
        }

        /// <summary>Free the engine now (otherwise the finalizer does).</summary>
        public void Dispose()
        {
            handle.Dispose();
        }

        EngineHandle Handle
        {
            get
            {
                if (handle.IsClosed) throw new ObjectDisposedException("SlotwiseEngine");
                return handle;
            }
        }

        delegate int ChangeCall(EngineHandle engine, byte[] text, UIntPtr len, out SlotwiseResult result);

        void Change(ChangeCall call, string text, string name)
        {
            byte[] t = Interop.Utf8(text, name);
            Interop.Bytes((out SlotwiseResult r) => call(Handle, t, Interop.Len(t), out r));
        }

        static string Write<T>(T value, string name) where T : class
        {
            if (value == null) throw new ArgumentNullException(name);
            return Json.Write(value);
        }

        [DataContract]
        sealed class EngineState
        {
            [DataMember(Name = "version", Order = 0)]
            public int Version = 1;

            [DataMember(Name = "schedules", Order = 1)]
            public List<Schedule> Schedules;

            [DataMember(Name = "appointments", Order = 2)]
            public List<Appointment> Appointments;
        }

        [DataContract]
        sealed class Period
        {
            public DateTimeOffset From;
            public DateTimeOffset To;

            [DataMember(Name = "from", Order = 0)]
            string FromText { get { return Iso.FormatInstant(From); } set { From = Iso.ParseInstant(value); } }

            [DataMember(Name = "to", Order = 1)]
            string ToText { get { return Iso.FormatInstant(To); } set { To = Iso.ParseInstant(value); } }
        }

        [DataContract]
        sealed class ReconcileDocument
        {
            [DataMember(Name = "window", Order = 0)]
            public Period Window;

            [DataMember(Name = "existing", Order = 1)]
            public List<ExistingSlot> Existing;
        }

        [DataContract]
        sealed class ReportDocument
        {
            [DataMember(Name = "window", Order = 0)]
            public Period Window;

            [DataMember(Name = "bucket", Order = 1)]
            public string Bucket;
        }
    }
}
