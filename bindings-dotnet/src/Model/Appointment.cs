using System;
using System.Runtime.Serialization;

namespace Slotwise
{
    /// <summary>What an appointment is doing with its seats.</summary>
    public enum AppointmentStatus
    {
        Booked,
        Attended,
        NoShow,
        Cancelled,
    }

    /// <summary>A booking of seats in a schedule; cancelled ones hold no seat.</summary>
    [DataContract]
    public sealed class Appointment : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        [OnDeserializing]
        void Defaults(StreamingContext context)
        {
            Seats = 1;
        }

        [DataMember(Name = "id", Order = 0)]
        public string Id { get; set; }

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

        [DataMember(Name = "seats", Order = 4)]
        public int Seats { get; set; } = 1;

        public AppointmentStatus Status { get; set; }

        [DataMember(Name = "status", Order = 5)]
        string StatusText
        {
            get { return StatusNames.Name(Status); }
            set { Status = StatusNames.Parse(value); }
        }
    }

    internal static class StatusNames
    {
        internal static string Name(AppointmentStatus status)
        {
            switch (status)
            {
                case AppointmentStatus.Attended: return "attended";
                case AppointmentStatus.NoShow: return "no_show";
                case AppointmentStatus.Cancelled: return "cancelled";
                default: return "booked";
            }
        }

        internal static AppointmentStatus Parse(string name)
        {
            switch (name)
            {
                case "attended": return AppointmentStatus.Attended;
                case "no_show": return AppointmentStatus.NoShow;
                case "cancelled": return AppointmentStatus.Cancelled;
                case "booked":
                case null: return AppointmentStatus.Booked;
                default: throw new FormatException("unknown appointment status: " + name);
            }
        }
    }
}
