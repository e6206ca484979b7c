using System;
using System.Collections.Generic;
using System.Json;
using System.Linq;

namespace Slotwise.Tests
{
    /// <summary>Structural JSON equality (object key order ignored, numbers by value).</summary>
    static class JsonCompare
    {
        public static JsonValue Parse(string text)
        {
            return JsonValue.Parse(text);
        }

        /// <summary>Null when equal, else where they first differ.</summary>
        public static string Difference(JsonValue expected, JsonValue actual, string at = "$")
        {
            if (expected == null || actual == null)
            {
                return expected == null && actual == null ? null : at + ": " + Show(expected) + " vs " + Show(actual);
            }
            if (expected.JsonType != actual.JsonType) return at + ": " + Show(expected) + " vs " + Show(actual);
            switch (expected.JsonType)
            {
                case JsonType.Object:
                    var e = (JsonObject)expected;
                    var a = (JsonObject)actual;
                    foreach (var key in e.Keys.Union(a.Keys))
                    {
                        if (!e.ContainsKey(key) || !a.ContainsKey(key)) return at + "." + key + ": present on one side only";
                        var d = Difference(e[key], a[key], at + "." + key);
                        if (d != null) return d;
                    }
                    return null;
                case JsonType.Array:
                    var ea = (JsonArray)expected;
                    var aa = (JsonArray)actual;
                    if (ea.Count != aa.Count) return at + ": " + ea.Count + " items vs " + aa.Count;
                    for (int i = 0; i < ea.Count; i++)
                    {
                        var d = Difference(ea[i], aa[i], at + "[" + i + "]");
                        if (d != null) return d;
                    }
                    return null;
                case JsonType.Number:
                    return (double)expected == (double)actual ? null : at + ": " + Show(expected) + " vs " + Show(actual);
                default:
                    return Show(expected) == Show(actual) ? null : at + ": " + Show(expected) + " vs " + Show(actual);
            }
        }

        static string Show(JsonValue v)
        {
            return v == null ? "null" : v.ToString();
        }

        public static void Same(JsonValue expected, string actual, string what)
        {
            var d = Difference(expected, Parse(actual));
            if (d != null) throw new AssertionException(what + ": differs at " + d);
        }
    }
}
