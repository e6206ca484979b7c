using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Slotwise
{
    /// <summary>
    /// An availability query: slots starting in <c>[From, To)</c> with at least
    /// <see cref="Seats"/> free (0 lists every slot, full ones too); with
    /// <see cref="Now"/>, not before <c>Now + MinNotice</c> nor after <c>Now + MaxAdvance</c>;
    /// with <see cref="First"/>, only the first n. With <see cref="Combine"/> it is a
    /// combined query, asked with <see cref="SlotwiseEngine.Combined"/>.
    /// </summary>
    [DataContract]
    public sealed class Query : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        [OnDeserializing]
        void Defaults(StreamingContext context)
        {
            Seats = 1;
        }

        public Query() { }

        public Query(DateTimeOffset from, DateTimeOffset? to)
        {
            From = from;
            To = to;
        }

        public DateTimeOffset From { get; set; }

        [DataMember(Name = "from", Order = 0)]
        string FromText
        {
            get { return Iso.FormatInstant(From); }
            set { From = Iso.ParseInstant(value); }
        }

        /// <summary>The end of the window (exclusive). It may be left out when
        /// <see cref="First"/> is given: the window then reaches <c>Now + MaxAdvance</c>
        /// (inclusive) when both are given, else <c>From</c> + 366 days.</summary>
        public DateTimeOffset? To { get; set; }

        [DataMember(Name = "to", Order = 1, EmitDefaultValue = false)]
        string ToText
        {
            get { return To.HasValue ? Iso.FormatInstant(To.Value) : null; }
            set { To = value == null ? (DateTimeOffset?)null : Iso.ParseInstant(value); }
        }

        [DataMember(Name = "seats", Order = 2)]
        public int Seats { get; set; } = 1;

        public DateTimeOffset? Now { get; set; }

        [DataMember(Name = "now", Order = 3, EmitDefaultValue = false)]
        string NowText
        {
            get { return Now.HasValue ? Iso.FormatInstant(Now.Value) : null; }
            set { Now = value == null ? (DateTimeOffset?)null : Iso.ParseInstant(value); }
        }

        public TimeSpan? MinNotice { get; set; }

        [DataMember(Name = "min_notice", Order = 4, EmitDefaultValue = false)]
        string MinNoticeText
        {
            get { return MinNotice.HasValue ? Iso.FormatDuration(MinNotice.Value) : null; }
            set { MinNotice = value == null ? (TimeSpan?)null : Iso.ParseDuration(value); }
        }

        public TimeSpan? MaxAdvance { get; set; }

        [DataMember(Name = "max_advance", Order = 5, EmitDefaultValue = false)]
        string MaxAdvanceText
        {
            get { return MaxAdvance.HasValue ? Iso.FormatDuration(MaxAdvance.Value) : null; }
            set { MaxAdvance = value == null ? (TimeSpan?)null : Iso.ParseDuration(value); }
        }

        /// <summary>Only these schedules (default: all). Not with <see cref="Combine"/>: a
        /// combined query's schedules are <c>Combine.Schedules</c>, and a query giving both is
        /// refused (<c>invalid_input</c> at <c>schedules</c>).</summary>
        [DataMember(Name = "schedules", Order = 6, EmitDefaultValue = false)]
        public List<string> Schedules { get; set; }

        /// <summary>Only the first n slots or rows (n >= 1), in the answer's order; the
        /// engine stops as soon as it has them.</summary>
        [DataMember(Name = "first", Order = 7, EmitDefaultValue = false)]
        public int? First { get; set; }

        /// <summary>Combine schedules (<see cref="SlotwiseEngine.Combined"/>);
        /// <see cref="SlotwiseEngine.Availability"/> refuses a query with it.</summary>
        [DataMember(Name = "combine", Order = 8, EmitDefaultValue = false)]
        public Combine Combine { get; set; }
    }

    /// <summary>When a booking may be made, relative to <see cref="Now"/> (none: any time).</summary>
    [DataContract]
    public sealed class BookingRules : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        public DateTimeOffset? Now { get; set; }

        [DataMember(Name = "now", Order = 0, EmitDefaultValue = false)]
        string NowText
        {
            get { return Now.HasValue ? Iso.FormatInstant(Now.Value) : null; }
            set { Now = value == null ? (DateTimeOffset?)null : Iso.ParseInstant(value); }
        }

        public TimeSpan? MinNotice { get; set; }

        [DataMember(Name = "min_notice", Order = 1, EmitDefaultValue = false)]
        string MinNoticeText
        {
            get { return MinNotice.HasValue ? Iso.FormatDuration(MinNotice.Value) : null; }
            set { MinNotice = value == null ? (TimeSpan?)null : Iso.ParseDuration(value); }
        }

        public TimeSpan? MaxAdvance { get; set; }

        [DataMember(Name = "max_advance", Order = 2, EmitDefaultValue = false)]
        string MaxAdvanceText
        {
            get { return MaxAdvance.HasValue ? Iso.FormatDuration(MaxAdvance.Value) : null; }
            set { MaxAdvance = value == null ? (TimeSpan?)null : Iso.ParseDuration(value); }
        }
    }
}
