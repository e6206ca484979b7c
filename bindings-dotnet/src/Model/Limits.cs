using System.Runtime.Serialization;

namespace Slotwise
{
    /// <summary>
    /// The resource limits an engine checks on every call (past one, a call fails with
    /// <c>limit_exceeded</c> naming it, and never answers in part). Unset ones keep the
    /// engine's defaults: 1,000,000 instances per expansion, 10,000,000 slots per
    /// answer, windows of 10,000 years, 1,000,000 schedules, 50,000,000 appointments,
    /// 64 MiB per text input, 1 GiB per snapshot.
    /// </summary>
    [DataContract]
    public sealed class SlotwiseLimits : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        [DataMember(Name = "max_instances", EmitDefaultValue = false)]
        public long? MaxInstances { get; set; }

        [DataMember(Name = "max_slots", EmitDefaultValue = false)]
        public long? MaxSlots { get; set; }

        [DataMember(Name = "max_window_seconds", EmitDefaultValue = false)]
        public long? MaxWindowSeconds { get; set; }

        [DataMember(Name = "max_schedules", EmitDefaultValue = false)]
        public long? MaxSchedules { get; set; }

        [DataMember(Name = "max_appointments", EmitDefaultValue = false)]
        public long? MaxAppointments { get; set; }

        [DataMember(Name = "max_input_bytes", EmitDefaultValue = false)]
        public long? MaxInputBytes { get; set; }

        [DataMember(Name = "max_snapshot_bytes", EmitDefaultValue = false)]
        public long? MaxSnapshotBytes { get; set; }
    }
}
