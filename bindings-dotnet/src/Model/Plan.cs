using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Slotwise
{
    /// <summary>A slot as the host has stored it.</summary>
    [DataContract]
    public sealed class ExistingSlot : IExtensibleDataObject
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

        /// <summary>What a host stores for a slot.</summary>
        public static ExistingSlot Of(Slot slot)
        {
            return new ExistingSlot
            {
                Key = slot.Key, Schedule = slot.Schedule, Start = slot.Start, End = slot.End, Capacity = slot.Capacity,
            };
        }
    }

    /// <summary>A stored slot whose capacity or end changed.</summary>
    [DataContract]
    public sealed class SlotUpdate : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        [DataMember(Name = "key", Order = 0)]
        public string Key { get; set; }

        [DataMember(Name = "before", Order = 1)]
        public ExistingSlot Before { get; set; }

        [DataMember(Name = "after", Order = 2)]
        public Slot After { get; set; }
    }

    /// <summary>A stored slot the schedules no longer generate but that holds appointments.</summary>
    [DataContract]
    public sealed class Conflict : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        [DataMember(Name = "key", Order = 0)]
        public string Key { get; set; }

        [DataMember(Name = "appointments", Order = 1)]
        public List<string> Appointments { get; set; }
    }

    /// <summary>
    /// What to do to the host's stored slots: create, update, delete (free ones only),
    /// and conflicts never deleted. Applying it and reconciling again gives an empty plan.
    /// </summary>
    [DataContract]
    public sealed class Plan : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        [DataMember(Name = "create", Order = 0)]
        public List<Slot> Create { get; set; }

        [DataMember(Name = "update", Order = 1)]
        public List<SlotUpdate> Update { get; set; }

        /// <summary>Keys of slots to delete.</summary>
        [DataMember(Name = "delete", Order = 2)]
        public List<string> Delete { get; set; }

        [DataMember(Name = "conflicts", Order = 3)]
        public List<Conflict> Conflicts { get; set; }

        /// <summary>How many stored slots are already right.</summary>
        [DataMember(Name = "unchanged", Order = 4)]
        public int Unchanged { get; set; }

        /// <summary>Whether applying the plan changes anything.</summary>
        public bool HasChanges
        {
            get { return Create.Count + Update.Count + Delete.Count > 0; }
        }
    }
}
