using System;
using System.Globalization;
using System.Text;

namespace Slotwise
{
    /// <summary>
    /// The engine's text forms: instants as RFC 3339 (written in UTC, <c>Z</c>, to the
    /// second), durations as ISO 8601 exact elapsed time (<c>PT30M</c>, <c>P1D</c> = 24
    /// hours), local dates as <c>yyyy-MM-dd</c>.
    /// </summary>
    public static class Iso
    {
        static readonly string[] InstantForms =
        {
            "yyyy'-'MM'-'dd'T'HH':'mm':'ssK", "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK",
        };

        /// <summary>An instant as RFC 3339 UTC; fractions of a second are dropped.</summary>
        public static string FormatInstant(DateTimeOffset instant)
        {
            // By hand: a culture-aware format string costs more than the engine's
            // whole answer when a big answer is turned into slots and keys.
            DateTime t = instant.UtcDateTime;
            var c = new char[20];
            Digits(c, 0, t.Year, 4);
            c[4] = '-';
            Digits(c, 5, t.Month, 2);
            c[7] = '-';
            Digits(c, 8, t.Day, 2);
            c[10] = 'T';
            Digits(c, 11, t.Hour, 2);
            c[13] = ':';
            Digits(c, 14, t.Minute, 2);
            c[16] = ':';
            Digits(c, 17, t.Second, 2);
            c[19] = 'Z';
            return new string(c);
        }

        static void Digits(char[] into, int at, int value, int width)
        {
            for (int i = at + width - 1; i >= at; i--)
            {
                into[i] = (char)('0' + value % 10);
                value /= 10;
            }
        }

        /// <summary>An RFC 3339 instant, keeping its offset.</summary>
        public static DateTimeOffset ParseInstant(string text)
        {
            return DateTimeOffset.ParseExact(text, InstantForms, CultureInfo.InvariantCulture, DateTimeStyles.None);
        }

        /// <summary>A duration in the engine's form; whole seconds only.</summary>
        public static string FormatDuration(TimeSpan duration)
        {
            if (duration.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                throw new ArgumentException("the engine takes durations in whole seconds: " + duration, "duration");
            }
            long s = (long)Math.Abs(duration.TotalSeconds);
            var b = new StringBuilder();
            if (duration < TimeSpan.Zero) b.Append('-');
            b.Append('P');
            long days = s / 86400;
            s %= 86400;
            if (days > 0) b.Append(days).Append('D');
            if (s > 0 || days == 0)
            {
                b.Append('T');
                long h = s / 3600, m = s % 3600 / 60, sec = s % 60;
                if (h > 0) b.Append(h).Append('H');
                if (m > 0) b.Append(m).Append('M');
                if (sec > 0 || (h == 0 && m == 0)) b.Append(sec).Append('S');
            }
            return b.ToString();
        }

        /// <summary>An ISO 8601 duration of weeks, days, hours, minutes and seconds.</summary>
        public static TimeSpan ParseDuration(string text)
        {
            string s = text.Trim();
            bool negative = s.StartsWith("-", StringComparison.Ordinal);
            if (negative || s.StartsWith("+", StringComparison.Ordinal)) s = s.Substring(1);
            if (!s.StartsWith("P", StringComparison.Ordinal) || s.Length == 1)
            {
                throw new FormatException("not an ISO 8601 duration: " + text);
            }
            long total = 0, number = 0;
            bool inTime = false, digits = false;
            foreach (char c in s.Substring(1))
            {
                if (c >= '0' && c <= '9')
                {
                    number = checked(number * 10 + (c - '0'));
                    digits = true;
                    continue;
                }
                if (c == 'T' && !inTime && !digits)
                {
                    inTime = true;
                    continue;
                }
                if (!digits) throw new FormatException("not an ISO 8601 duration: " + text);
                long unit;
                if (!inTime && c == 'W') unit = 7 * 86400;
                else if (!inTime && c == 'D') unit = 86400;
                else if (inTime && c == 'H') unit = 3600;
                else if (inTime && c == 'M') unit = 60;
                else if (inTime && c == 'S') unit = 1;
                else throw new FormatException("not an ISO 8601 duration: " + text);
                total = checked(total + number * unit);
                number = 0;
                digits = false;
            }
            if (digits) throw new FormatException("not an ISO 8601 duration: " + text);
            return TimeSpan.FromSeconds(negative ? -total : total);
        }

        /// <summary>A local date as <c>yyyy-MM-dd</c>.</summary>
        public static string FormatDate(DateTime date)
        {
            return date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
        }

        /// <summary>A local date <c>yyyy-MM-dd</c>.</summary>
        public static DateTime ParseDate(string text)
        {
            return DateTime.ParseExact(text, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None);
        }

        /// <summary>An instant as seconds since the Unix epoch (UTC).</summary>
        public static DateTimeOffset FromUnixSeconds(long seconds)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
    }
}
