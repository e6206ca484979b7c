using System;
using System.Runtime.Serialization;

namespace Slotwise
{
    /// <summary>The calendar unit of report rows, in each schedule's zone (weeks start Monday).</summary>
    public enum Bucket
    {
        Day,
        Week,
        Month,
    }

    /// <summary>Appointments by status, counted by their start's bucket.</summary>
    [DataContract]
    public sealed class StatusCounts : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        [DataMember(Name = "booked", Order = 0)]
        public int Booked { get; set; }

        [DataMember(Name = "attended", Order = 1)]
        public int Attended { get; set; }

        [DataMember(Name = "no_show", Order = 2)]
        public int NoShow { get; set; }

        [DataMember(Name = "cancelled", Order = 3)]
        public int Cancelled { get; set; }
    }

    /// <summary>One schedule's occupancy in one bucket.</summary>
    [DataContract]
    public sealed class ReportRow : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        [DataMember(Name = "schedule", Order = 0)]
        public string Schedule { get; set; }

        /// <summary>The bucket's first local date (even when the window starts later).</summary>
        public DateTime BucketStart { get; set; }

        [DataMember(Name = "bucket_start", Order = 1)]
        string BucketStartText
        {
            get { return Iso.FormatDate(BucketStart); }
            set { BucketStart = Iso.ParseDate(value); }
        }

        [DataMember(Name = "offered_seat_minutes", Order = 2)]
        public double OfferedSeatMinutes { get; set; }

        [DataMember(Name = "booked_seat_minutes", Order = 3)]
        public double BookedSeatMinutes { get; set; }

        /// <summary>Booked / offered; null when nothing was offered.</summary>
        [DataMember(Name = "utilization", Order = 4)]
        public double? Utilization { get; set; }

        [DataMember(Name = "appointments", Order = 5)]
        public StatusCounts Appointments { get; set; }

        [DataMember(Name = "cancellation_rate", Order = 6)]
        public double? CancellationRate { get; set; }

        [DataMember(Name = "no_show_rate", Order = 7)]
        public double? NoShowRate { get; set; }
    }

    internal static class BucketNames
    {
        internal static string Name(Bucket bucket)
        {
            switch (bucket)
            {
                case Bucket.Week: return "week";
                case Bucket.Month: return "month";
                default: return "day";
            }
        }
    }
}
