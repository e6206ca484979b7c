using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Slotwise
{
    /// <summary>
    /// A schedule: recurring opening hours in a time zone, carved into slots with
    /// capacity, with per-date overrides and exclusions.
    /// </summary>
    [DataContract]
    public sealed class Schedule : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        /// <summary>Unique id; slot keys start with it.</summary>
        [DataMember(Name = "id", Order = 0)]
        public string Id { get; set; }

        /// <summary>IANA zone name (<c>America/Sao_Paulo</c>); local times are read in it.</summary>
        [DataMember(Name = "timezone", Order = 1)]
        public string Timezone { get; set; }

        /// <summary>The recurring windows.</summary>
        [DataMember(Name = "availability", Order = 2, EmitDefaultValue = false)]
        public List<AvailabilityRule> Availability { get; set; } = new List<AvailabilityRule>();

        /// <summary>Dates whose windows are replaced.</summary>
        [DataMember(Name = "overrides", Order = 3, EmitDefaultValue = false)]
        public List<Override> Overrides { get; set; }

        /// <summary>How windows are carved into slots.</summary>
        [DataMember(Name = "slot", Order = 4)]
        public SlotSpec Slot { get; set; }

        /// <summary>Days and ranges with no slots.</summary>
        [DataMember(Name = "exclusions", Order = 5, EmitDefaultValue = false)]
        public List<Exclusion> Exclusions { get; set; }

        /// <summary>Booking limits per local day, week or month.</summary>
        [DataMember(Name = "limits", Order = 6, EmitDefaultValue = false)]
        public List<BookingLimit> Limits { get; set; }
    }

    /// <summary>
    /// A recurring window: iCalendar text (DTSTART floating or in the schedule's zone,
    /// RRULE...), ending at a local time <see cref="End"/> or after <see cref="Duration"/>.
    /// </summary>
    [DataContract]
    public sealed class AvailabilityRule : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        [DataMember(Name = "rule", Order = 0)]
        public string Rule { get; set; }

        /// <summary>Local end time <c>HH:MM</c> (the next day when not after the start).</summary>
        [DataMember(Name = "end", Order = 1, EmitDefaultValue = false)]
        public string End { get; set; }

        /// <summary>Exact length of each window (instead of <see cref="End"/>).</summary>
        public TimeSpan? Duration { get; set; }

        [DataMember(Name = "duration", Order = 2, EmitDefaultValue = false)]
        string DurationText
        {
            get { return Duration.HasValue ? Iso.FormatDuration(Duration.Value) : null; }
            set { Duration = value == null ? (TimeSpan?)null : Iso.ParseDuration(value); }
        }
    }

    /// <summary>The windows of one local date, replacing the rule's (an empty list: a day off).</summary>
    [DataContract]
    public sealed class Override : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        public DateTime Date { get; set; }

        [DataMember(Name = "date", Order = 0)]
        string DateText
        {
            get { return Iso.FormatDate(Date); }
            set { Date = Iso.ParseDate(value); }
        }

        /// <summary>Pairs of local times <c>["09:00", "12:00"]</c>.</summary>
        [DataMember(Name = "windows", Order = 1)]
        public List<string[]> Windows { get; set; } = new List<string[]>();
    }

    /// <summary>Slot length, grid step, seats and buffers.</summary>
    [DataContract]
    public sealed class SlotSpec : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        public TimeSpan Duration { get; set; }

        [DataMember(Name = "duration", Order = 0)]
        string DurationText
        {
            get { return Iso.FormatDuration(Duration); }
            set { Duration = Iso.ParseDuration(value); }
        }

        /// <summary>Distance between slot starts (default: the duration).</summary>
        public TimeSpan? Step { get; set; }

        [DataMember(Name = "step", Order = 1, EmitDefaultValue = false)]
        string StepText
        {
            get { return Step.HasValue ? Iso.FormatDuration(Step.Value) : null; }
            set { Step = value == null ? (TimeSpan?)null : Iso.ParseDuration(value); }
        }

        [DataMember(Name = "capacity", Order = 2)]
        public int Capacity { get; set; }

        public TimeSpan BufferBefore { get; set; }

        [DataMember(Name = "buffer_before", Order = 3, EmitDefaultValue = false)]
        string BufferBeforeText
        {
            get { return BufferBefore == TimeSpan.Zero ? null : Iso.FormatDuration(BufferBefore); }
            set { BufferBefore = value == null ? TimeSpan.Zero : Iso.ParseDuration(value); }
        }

        public TimeSpan BufferAfter { get; set; }

        [DataMember(Name = "buffer_after", Order = 4, EmitDefaultValue = false)]
        string BufferAfterText
        {
            get { return BufferAfter == TimeSpan.Zero ? null : Iso.FormatDuration(BufferAfter); }
            set { BufferAfter = value == null ? TimeSpan.Zero : Iso.ParseDuration(value); }
        }
    }

    /// <summary>
    /// A local date off (<c>Kind = "day"</c>, <see cref="Date"/>) or a span of instants
    /// (<c>Kind = "range"</c>, <see cref="From"/> to <see cref="To"/>).
    /// </summary>
    [DataContract]
    public sealed class Exclusion : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        public const string Day = "day";
        public const string Range = "range";

        [DataMember(Name = "kind", Order = 0)]
        public string Kind { get; set; }

        public DateTime? Date { get; set; }

        [DataMember(Name = "date", Order = 1, EmitDefaultValue = false)]
        string DateText
        {
            get { return Date.HasValue ? Iso.FormatDate(Date.Value) : null; }
            set { Date = value == null ? (DateTime?)null : Iso.ParseDate(value); }
        }

        public DateTimeOffset? From { get; set; }

        [DataMember(Name = "from", Order = 2, EmitDefaultValue = false)]
        string FromText
        {
            get { return From.HasValue ? Iso.FormatInstant(From.Value) : null; }
            set { From = value == null ? (DateTimeOffset?)null : Iso.ParseInstant(value); }
        }

        public DateTimeOffset? To { get; set; }

        [DataMember(Name = "to", Order = 3, EmitDefaultValue = false)]
        string ToText
        {
            get { return To.HasValue ? Iso.FormatInstant(To.Value) : null; }
            set { To = value == null ? (DateTimeOffset?)null : Iso.ParseInstant(value); }
        }

        [DataMember(Name = "reason", Order = 4, EmitDefaultValue = false)]
        public string Reason { get; set; }
    }
}
