using System;

namespace Slotwise
{
    /// <summary>
    /// An error of the engine: a stable <see cref="Code"/> (<c>invalid_rule</c>,
    /// <c>unknown_timezone</c>, <c>invalid_input</c>, <c>invalid_window</c>,
    /// <c>unknown_schedule</c>, <c>duplicate_id</c>, <c>limit_exceeded</c>,
    /// <c>invalid_snapshot</c>, or <c>internal</c> for a bug caught in the library),
    /// the <see cref="Path"/> of the offending field (<c>schedules[0].slot.step</c>;
    /// empty when the whole input is at fault) and a message naming it.
    /// </summary>
    public sealed class SlotwiseException : Exception
    {
        public const string InvalidRule = "invalid_rule";
        public const string UnknownTimezone = "unknown_timezone";
        public const string InvalidInput = "invalid_input";
        public const string InvalidWindow = "invalid_window";
        public const string UnknownSchedule = "unknown_schedule";
        public const string DuplicateId = "duplicate_id";
        public const string LimitExceeded = "limit_exceeded";
        public const string InvalidSnapshot = "invalid_snapshot";
        public const string Internal = "internal";

        public SlotwiseException(string code, string path, string message)
            : base(message)
        {
            Code = code;
            Path = path ?? "";
        }

        /// <summary>The stable code; match on it, never on the message.</summary>
        public string Code { get; private set; }

        /// <summary>The field path, empty when the whole input is at fault.</summary>
        public string Path { get; private set; }
    }
}
