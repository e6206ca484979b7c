using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Slotwise
{
    /// <summary>
    /// The schedules a combined query joins (<see cref="Query.Combine"/>, asked with
    /// <see cref="SlotwiseEngine.Combined"/>): <see cref="All"/> of them (a doctor and a
    /// room), <see cref="Any"/> one of them (a pool: the times are the schedules' own
    /// slots) or at least <see cref="K"/> of them (<see cref="KOfN"/>). <c>All</c> and
    /// <c>KOfN</c> need <see cref="Duration"/> (<see cref="Step"/> defaults to it);
    /// <c>Any</c> takes neither.
    /// </summary>
    [DataContract]
    public sealed class Combine : IExtensibleDataObject
    {
        /// <summary>Members this version of the class does not know, kept so a
        /// read-then-written document loses nothing.</summary>
        public ExtensionDataObject ExtensionData { get; set; }

        public const string All = "all";
        public const string Any = "any";
        public const string KOfN = "k_of_n";

        public Combine() { }

        public Combine(string mode, IEnumerable<string> schedules)
        {
            Mode = mode;
            Schedules = new List<string>(schedules);
        }

        /// <summary><see cref="All"/>, <see cref="Any"/> or <see cref="KOfN"/>.</summary>
        [DataMember(Name = "mode", Order = 0)]
        public string Mode { get; set; }

        /// <summary>With <see cref="KOfN"/>: how many must be able to take a time (1 to n).</summary>
        [DataMember(Name = "k", Order = 1, EmitDefaultValue = false)]
        public int? K { get; set; }

        /// <summary>Two or more distinct schedule ids.</summary>
        [DataMember(Name = "schedules", Order = 2)]
        public List<string> Schedules { get; set; } = new List<string>();

        /// <summary>Length of a combined time (<c>All</c>, <c>KOfN</c>).</summary>
        public TimeSpan? Duration { get; set; }

        [DataMember(Name = "duration", Order = 3, EmitDefaultValue = false)]
        string DurationText
        {
            get { return Duration.HasValue ? Iso.FormatDuration(Duration.Value) : null; }
            set { Duration = value == null ? (TimeSpan?)null : Iso.ParseDuration(value); }
        }

        /// <summary>Distance between combined starts (default: the duration).</summary>
        public TimeSpan? Step { get; set; }

        [DataMember(Name = "step", Order = 4, EmitDefaultValue = false)]
        string StepText
        {
            get { return Step.HasValue ? Iso.FormatDuration(Step.Value) : null; }
            set { Step = value == null ? (TimeSpan?)null : Iso.ParseDuration(value); }
        }
    }

    /// <summary>A combined time and who can take it.</summary>
    [DataContract]
    public sealed class CombinedRow : IExtensibleDataObject
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

        /// <summary>The schedules that can take it: in id order (<c>all</c>,
        /// <c>k_of_n</c>), fairest first (<c>any</c>: fewest appointments that local
        /// day, then id).</summary>
        [DataMember(Name = "schedules", Order = 2)]
        public List<string> Schedules { get; set; }

        /// <summary><c>all</c>: the least free-seat count among them; <c>k_of_n</c>: how
        /// many can take it; <c>any</c>: the remaining seats of every listed schedule with
        /// that slot, summed.</summary>
        [DataMember(Name = "remaining", Order = 3)]
        public int Remaining { get; set; }
    }
}
