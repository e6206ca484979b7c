using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Slotwise
{
    /// <summary>
    /// A bookable slot: its stable <see cref="Key"/> (<c>{schedule}@{start as RFC 3339 UTC}</c>,
    /// the same on every host), its span, and seats offered, held and left.
    /// </summary>
    [DataContract]
    public sealed class Slot : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        [DataMember(Name = "key", Order = 0)]
        public string Key { get; set; }

        [DataMember(Name = "schedule", Order = 1)]
        public string Schedule { get; set; }

        public DateTimeOffset Start { get; set; }

        [DataMember(Name = "start", Order = 2)]
        string StartText
        {
            get { return Iso.FormatInstant(Start); }
            set { Start = Iso.ParseInstant(value); }
        }

        public DateTimeOffset End { get; set; }

        [DataMember(Name = "end", Order = 3)]
        string EndText
        {
            get { return Iso.FormatInstant(End); }
            set { End = Iso.ParseInstant(value); }
        }

        [DataMember(Name = "capacity", Order = 4)]
        public int Capacity { get; set; }

        /// <summary>Peak seats held during the slot's blocked span (buffers included).</summary>
        [DataMember(Name = "booked", Order = 5)]
        public int Booked { get; set; }

        /// <summary><c>max(0, Capacity - Booked)</c>.</summary>
        [DataMember(Name = "remaining", Order = 6)]
        public int Remaining { get; set; }
    }

    /// <summary>
    /// An availability answer as columns (one array per field, copied once from the
    /// engine): row <c>i</c> is the slot of schedule <c>Ids[Schedule[i]]</c> from
    /// <c>Start[i]</c> to <c>End[i]</c> (Unix seconds, UTC).
    /// </summary>
    public sealed class SlotColumns
    {
        public string[] Ids { get; internal set; }
        public uint[] Schedule { get; internal set; }
        public long[] Start { get; internal set; }
        public long[] End { get; internal set; }
        public uint[] Capacity { get; internal set; }
        public uint[] Booked { get; internal set; }
        public uint[] Remaining { get; internal set; }

        /// <summary>The number of rows.</summary>
        public int Count { get { return Start.Length; } }

        /// <summary>The stable key of row <paramref name="row"/>.</summary>
        public string Key(int row)
        {
            return Ids[Schedule[row]] + "@" + Iso.FormatInstant(Iso.FromUnixSeconds(Start[row]));
        }

        /// <summary>Row <paramref name="row"/> as a slot.</summary>
        public Slot Slot(int row)
        {
            var start = Iso.FromUnixSeconds(Start[row]);
            string id = Ids[Schedule[row]];
            return new Slot
            {
                Key = id + "@" + Iso.FormatInstant(start),
                Schedule = id,
                Start = start,
                End = Iso.FromUnixSeconds(End[row]),
                Capacity = checked((int)Capacity[row]),
                Booked = checked((int)Booked[row]),
                Remaining = checked((int)Remaining[row]),
            };
        }

        /// <summary>Every row as a slot, in order.</summary>
        public List<Slot> ToSlots()
        {
            var slots = new List<Slot>(Count);
            for (int i = 0; i < Count; i++) slots.Add(Slot(i));
            return slots;
        }
    }
}
