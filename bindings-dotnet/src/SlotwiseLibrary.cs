using System;
using System.Collections.Generic;
using System.Linq;
using Slotwise.Native;

namespace Slotwise
{
    /// <summary>Calls that need no engine: versions and rule expansion.</summary>
    public static class SlotwiseLibrary
    {
        /// <summary>The engine's version.</summary>
        public static string Version
        {
            get { return Interop.StaticString(NativeMethods.slotwise_version()); }
        }

        /// <summary>The bundled IANA time zone database's version (<c>2026b</c>).</summary>
        public static string TzdataVersion
        {
            get { return Interop.StaticString(NativeMethods.slotwise_tzdata_version()); }
        }

        /// <summary>
        /// The instants of iCalendar text (DTSTART, RRULE/RDATE/EXDATE lines) starting in
        /// <c>[from, to)</c>, in order; at most <paramref name="limit"/> (the first ones).
        /// </summary>
        public static List<DateTimeOffset> Expand(string ical, DateTimeOffset from, DateTimeOffset to, int? limit = null)
        {
            return Json.Read<List<string>>(ExpandJson(ical, Iso.FormatInstant(from), Iso.FormatInstant(to), limit))
                .Select(Iso.ParseInstant)
                .ToList();
        }

        /// <summary>The same, with RFC 3339 text in and a JSON array of instants out.</summary>
        public static string ExpandJson(string ical, string from, string to, int? limit = null)
        {
            if (limit < 0) throw new ArgumentOutOfRangeException("limit");
            byte[] i = Interop.Utf8(ical, "ical");
            byte[] f = Interop.Utf8(from, "from");
            byte[] t = Interop.Utf8(to, "to");
            long l = limit.HasValue ? limit.Value : -1;
            return Interop.Text((out SlotwiseResult r) =>
                NativeMethods.slotwise_expand(i, Interop.Len(i), f, Interop.Len(f), t, Interop.Len(t), l, out r));
        }
    }
}
