using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Slotwise
{
    /// <summary>
    /// An availability query: slots starting in <c>[From, To)</c> with at least
    /// <see cref="Seats"/> free (0 lists every slot, full ones too); with
    /// <see cref="Now"/>, not before <c>Now + MinNotice</c> nor after <c>Now + MaxAdvance</c>.
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

        public Query(DateTimeOffset from, DateTimeOffset to)
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

        public DateTimeOffset To { get; set; }

        [DataMember(Name = "to", Order = 1)]
        string ToText
        {
            get { return Iso.FormatInstant(To); }
            set { To = Iso.ParseInstant(value); }
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

        /// <summary>Only these schedules (default: all).</summary>
        [DataMember(Name = "schedules", Order = 6, EmitDefaultValue = false)]
        public List<string> Schedules { get; set; }
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
