using System.Runtime.Serialization;

namespace Slotwise
{
    /// <summary>
    /// A booking limit of a schedule: at most <see cref="MaxAppointments"/> appointments
    /// and/or <see cref="MaxMinutes"/> minutes of them per local day, week (Monday
    /// first) or month in the schedule's zone. An appointment counts in the period
    /// holding the local date of its start, once whatever its seats. Give either
    /// maximum or both.
    /// </summary>
    [DataContract]
    public sealed class BookingLimit : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        public const string Day = "day";
        public const string Week = "week";
        public const string Month = "month";

        public BookingLimit() { }

        public BookingLimit(string period, int? maxAppointments = null, int? maxMinutes = null)
        {
            Period = period;
            MaxAppointments = maxAppointments;
            MaxMinutes = maxMinutes;
        }

        /// <summary><see cref="Day"/>, <see cref="Week"/> or <see cref="Month"/>.</summary>
        [DataMember(Name = "period", Order = 0)]
        public string Period { get; set; }

        /// <summary>Most seat-holding appointments starting in one period.</summary>
        [DataMember(Name = "max_appointments", Order = 1, EmitDefaultValue = false)]
        public int? MaxAppointments { get; set; }

        /// <summary>Most minutes of seat-holding appointments starting in one period
        /// (reaching it exactly is allowed).</summary>
        [DataMember(Name = "max_minutes", Order = 2, EmitDefaultValue = false)]
        public int? MaxMinutes { get; set; }
    }
}
