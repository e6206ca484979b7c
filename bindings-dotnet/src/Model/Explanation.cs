using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Slotwise
{
    /// <summary>A span of instants.</summary>
    [DataContract]
    public sealed class Window : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        public DateTimeOffset Start { get; set; }

        [DataMember(Name = "start", Order = 0)]
        string StartText
        {
            get { return Iso.FormatInstant(Start); }
            set { Start = Iso.ParseInstant(value); }
        }

        public DateTimeOffset End { get; set; }

        [DataMember(Name = "end", Order = 1)]
        string EndText
        {
            get { return Iso.FormatInstant(End); }
            set { End = Iso.ParseInstant(value); }
        }
    }

    /// <summary>An exclusion of a schedule that a slot or instant runs into.</summary>
    [DataContract]
    public sealed class ExclusionHit : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        /// <summary>Its index in the schedule's exclusions.</summary>
        [DataMember(Name = "index", Order = 0)]
        public int Index { get; set; }

        /// <summary><c>day</c> or <c>range</c>.</summary>
        [DataMember(Name = "kind", Order = 1)]
        public string Kind { get; set; }

        public DateTimeOffset From { get; set; }

        [DataMember(Name = "from", Order = 2)]
        string FromText
        {
            get { return Iso.FormatInstant(From); }
            set { From = Iso.ParseInstant(value); }
        }

        public DateTimeOffset To { get; set; }

        [DataMember(Name = "to", Order = 3)]
        string ToText
        {
            get { return Iso.FormatInstant(To); }
            set { To = Iso.ParseInstant(value); }
        }

        [DataMember(Name = "reason", Order = 4, EmitDefaultValue = false)]
        public string Reason { get; set; }
    }

    /// <summary>
    /// Why a booking does not fit. <see cref="Code"/> is one of
    /// <c>outside_availability</c>, <c>not_a_slot</c>, <c>excluded</c> (with the
    /// exclusion's fields), <c>full</c> and <c>overbooked</c> (with seats and
    /// appointments), <c>in_buffer</c> (appointments), <c>limit_reached</c> (the
    /// booking limit's <see cref="Index"/>, <see cref="Period"/>, its maxima and what
    /// the period holds: <see cref="PeriodAppointments"/>, <see cref="Minutes"/>),
    /// <c>before_minimum_notice</c> (<see cref="Earliest"/>),
    /// <c>after_maximum_advance</c> (<see cref="Latest"/>).
    /// </summary>
    [DataContract]
    [KnownType(typeof(string[]))]
    public sealed class Reason : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        [DataMember(Name = "code", Order = 0)]
        public string Code { get; set; }

        [DataMember(Name = "capacity", Order = 1, EmitDefaultValue = false)]
        public int? Capacity { get; set; }

        [DataMember(Name = "booked", Order = 2, EmitDefaultValue = false)]
        public int? Booked { get; set; }

        [DataMember(Name = "remaining", Order = 3, EmitDefaultValue = false)]
        public int? Remaining { get; set; }

        /// <summary>The seat-holding appointments involved (<c>full</c>,
        /// <c>overbooked</c>, <c>in_buffer</c>).</summary>
        public List<string> Appointments { get; set; }

        /// <summary>For <c>limit_reached</c>: the seat-holding appointments starting in
        /// the period.</summary>
        public int? PeriodAppointments { get; set; }

        // The JSON member `appointments` is a list of ids, or a count for limit_reached.
        [DataMember(Name = "appointments", Order = 4, EmitDefaultValue = false)]
        object AppointmentsValue
        {
            get
            {
                if (PeriodAppointments.HasValue) return PeriodAppointments.Value;
                return Appointments == null ? null : Appointments.ToArray();
            }
            set
            {
                var ids = value as object[];
                if (ids != null)
                {
                    Appointments = new List<string>(ids.Length);
                    foreach (var id in ids) Appointments.Add((string)id);
                }
                else if (value != null)
                {
                    PeriodAppointments = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        /// <summary>For <c>excluded</c>: the exclusion's index; for <c>limit_reached</c>:
        /// the limit's index in the schedule's <see cref="Schedule.Limits"/>.</summary>
        [DataMember(Name = "index", Order = 5, EmitDefaultValue = false)]
        public int? Index { get; set; }

        [DataMember(Name = "kind", Order = 6, EmitDefaultValue = false)]
        public string Kind { get; set; }

        public DateTimeOffset? From { get; set; }

        [DataMember(Name = "from", Order = 7, EmitDefaultValue = false)]
        string FromText
        {
            get { return From.HasValue ? Iso.FormatInstant(From.Value) : null; }
            set { From = value == null ? (DateTimeOffset?)null : Iso.ParseInstant(value); }
        }

        public DateTimeOffset? To { get; set; }

        [DataMember(Name = "to", Order = 8, EmitDefaultValue = false)]
        string ToText
        {
            get { return To.HasValue ? Iso.FormatInstant(To.Value) : null; }
            set { To = value == null ? (DateTimeOffset?)null : Iso.ParseInstant(value); }
        }

        [DataMember(Name = "reason", Order = 9, EmitDefaultValue = false)]
        public string ExclusionReason { get; set; }

        public DateTimeOffset? Earliest { get; set; }

        [DataMember(Name = "earliest", Order = 10, EmitDefaultValue = false)]
        string EarliestText
        {
            get { return Earliest.HasValue ? Iso.FormatInstant(Earliest.Value) : null; }
            set { Earliest = value == null ? (DateTimeOffset?)null : Iso.ParseInstant(value); }
        }

        public DateTimeOffset? Latest { get; set; }

        [DataMember(Name = "latest", Order = 11, EmitDefaultValue = false)]
        string LatestText
        {
            get { return Latest.HasValue ? Iso.FormatInstant(Latest.Value) : null; }
            set { Latest = value == null ? (DateTimeOffset?)null : Iso.ParseInstant(value); }
        }

        /// <summary>For <c>limit_reached</c>: the limit's period (<c>day</c>, <c>week</c>, <c>month</c>).</summary>
        [DataMember(Name = "period", Order = 12, EmitDefaultValue = false)]
        public string Period { get; set; }

        /// <summary>For <c>limit_reached</c>: the period's first local date.</summary>
        public DateTime? PeriodStart { get; set; }

        [DataMember(Name = "period_start", Order = 13, EmitDefaultValue = false)]
        string PeriodStartText
        {
            get { return PeriodStart.HasValue ? Iso.FormatDate(PeriodStart.Value) : null; }
            set { PeriodStart = value == null ? (DateTime?)null : Iso.ParseDate(value); }
        }

        /// <summary>For <c>limit_reached</c>: the limit's most appointments, if given.</summary>
        [DataMember(Name = "max_appointments", Order = 14, EmitDefaultValue = false)]
        public int? MaxAppointments { get; set; }

        /// <summary>For <c>limit_reached</c>: the limit's most minutes, if given.</summary>
        [DataMember(Name = "max_minutes", Order = 15, EmitDefaultValue = false)]
        public int? MaxMinutes { get; set; }

        /// <summary>For <c>limit_reached</c>: the minutes of the appointments starting in
        /// the period (rounded down).</summary>
        [DataMember(Name = "minutes", Order = 16, EmitDefaultValue = false)]
        public long? Minutes { get; set; }
    }

    /// <summary>The answer of <see cref="SlotwiseEngine.CheckBooking"/>.</summary>
    [DataContract]
    public sealed class BookingCheck : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        /// <summary>Whether the appointment fits (no reasons).</summary>
        [DataMember(Name = "fits", Order = 0)]
        public bool Fits { get; set; }

        /// <summary>The slot starting at the appointment's start, if the grid has one.</summary>
        [DataMember(Name = "slot", Order = 1)]
        public Slot Slot { get; set; }

        [DataMember(Name = "reasons", Order = 2)]
        public List<Reason> Reasons { get; set; }
    }

    /// <summary>A slot and why it cannot take one more seat (no reasons: it can).</summary>
    [DataContract]
    public sealed class SlotVerdict : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        [DataMember(Name = "slot", Order = 0)]
        public Slot Slot { get; set; }

        [DataMember(Name = "reasons", Order = 1)]
        public List<Reason> Reasons { get; set; }
    }

    /// <summary>What the engine sees in a schedule at one instant.</summary>
    [DataContract]
    public sealed class Explanation : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        [DataMember(Name = "schedule", Order = 0)]
        public string Schedule { get; set; }

        public DateTimeOffset Instant { get; set; }

        [DataMember(Name = "instant", Order = 1)]
        string InstantText
        {
            get { return Iso.FormatInstant(Instant); }
            set { Instant = Iso.ParseInstant(value); }
        }

        /// <summary>The instant on the schedule's clock, with its offset.</summary>
        public DateTimeOffset LocalTime { get; set; }

        [DataMember(Name = "local_time", Order = 2)]
        string LocalTimeText
        {
            get { return LocalTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'sszzz", System.Globalization.CultureInfo.InvariantCulture); }
            set { LocalTime = Iso.ParseInstant(value); }
        }

        /// <summary>Whether a slot holding the instant can take one more seat.</summary>
        [DataMember(Name = "bookable", Order = 3)]
        public bool Bookable { get; set; }

        /// <summary>The merged availability window holding the instant, if any.</summary>
        [DataMember(Name = "window", Order = 4)]
        public Window Window { get; set; }

        [DataMember(Name = "exclusions", Order = 5)]
        public List<ExclusionHit> Exclusions { get; set; }

        [DataMember(Name = "slots", Order = 6)]
        public List<SlotVerdict> Slots { get; set; }

        /// <summary>One line for people.</summary>
        [DataMember(Name = "summary", Order = 7)]
        public string Summary { get; set; }
    }
}
