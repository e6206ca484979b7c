using System;
using System.Collections.Generic;
using System.IO;
using System.Json;
using System.Linq;

namespace Slotwise.Tests
{
    /// <summary>
    /// Every file of tests/vectors, through both forms of the API (JSON documents and
    /// typed classes), compared exactly with the expected answers the Rust tests use.
    /// </summary>
    static class VectorTests
    {
        internal static string Root
        {
            get { return Environment.GetEnvironmentVariable("SLOTWISE_ROOT") ?? "."; }
        }

        static IEnumerable<string> Files(string kind)
        {
            var dir = Path.Combine(Path.Combine(Root, "tests/vectors"), kind);
            var files = Directory.GetFiles(dir, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
            if (files.Count < 3) throw new InvalidOperationException("vectors missing in " + dir);
            return files;
        }

        static JsonValue Field(JsonValue o, string key)
        {
            var obj = (JsonObject)o;
            return obj.ContainsKey(key) ? obj[key] : null;
        }

        static IEnumerable<KeyValuePair<string, Action>> Each(string kind, Action<JsonValue> run)
        {
            foreach (var file in Files(kind))
            {
                var path = file;
                yield return new KeyValuePair<string, Action>(
                    "vectors/" + kind + "/" + Path.GetFileName(file),
                    () => run(JsonValue.Parse(File.ReadAllText(path))));
            }
        }

        /// <summary>The engine a document's schedules and appointments make (errors name them from the root).</summary>
        static SlotwiseEngine EngineOf(JsonValue input)
        {
            var state = new JsonObject();
            state["version"] = 1;
            state["schedules"] = Field(input, "schedules") ?? new JsonArray();
            state["appointments"] = Field(input, "appointments") ?? new JsonArray();
            return SlotwiseEngine.FromJson(state.ToString());
        }

        /// <summary>Run <paramref name="answer"/> (JSON form) and, when it succeeds, <paramref name="typed"/>;
        /// compare both with the vector's expected answer or error.</summary>
        static void Check(JsonValue vector, Func<SlotwiseEngine, string> answer, Func<SlotwiseEngine, string> typed,
            Func<string, string> errorPath)
        {
            var expectedError = Field(vector, "expected_error");
            var input = Field(vector, "input");
            string code = null, path = null, json = null, typedJson = null;
            try
            {
                using (var engine = EngineOf(input))
                {
                    try
                    {
                        json = answer(engine);
                        typedJson = typed(engine);
                    }
                    catch (SlotwiseException e)
                    {
                        code = e.Code;
                        path = errorPath(e.Path);
                    }
                }
            }
            catch (SlotwiseException e)
            {
                code = e.Code;
                path = e.Path;
            }
            if (expectedError != null)
            {
                Assert.Equal((string)Field(expectedError, "code"), code, "error code");
                Assert.Equal((string)Field(expectedError, "path"), path, "error path");
                return;
            }
            Assert.True(code == null, "unexpected error " + code + " at " + path);
            var expected = Field(vector, "expected");
            JsonCompare.Same(expected, json, "JSON answer");
            JsonCompare.Same(expected, typedJson, "typed answer");
        }

        [Cases]
        static IEnumerable<KeyValuePair<string, Action>> Availability()
        {
            return Each("availability", v => Check(v,
                e => e.AvailabilityJson(Field(Field(v, "input"), "query").ToString()),
                e => Json.Write(e.Availability(Json.Read<Query>(Field(Field(v, "input"), "query").ToString()))),
                p => p.Length == 0 ? p : "query." + p));
        }

        [Cases]
        static IEnumerable<KeyValuePair<string, Action>> Reconcile()
        {
            return Each("reconcile", v =>
            {
                var input = Field(v, "input");
                var doc = new JsonObject();
                doc["window"] = Field(input, "window");
                doc["existing"] = Field(input, "existing") ?? new JsonArray();
                Check(v,
                    e => e.ReconcileJson(doc.ToString()),
                    e => Json.Write(e.Reconcile(
                        Iso.ParseInstant((string)Field(doc["window"], "from")),
                        Iso.ParseInstant((string)Field(doc["window"], "to")),
                        Json.Read<List<ExistingSlot>>(doc["existing"].ToString()))),
                    p => p);
            });
        }

        [Cases]
        static IEnumerable<KeyValuePair<string, Action>> Report()
        {
            return Each("report", v =>
            {
                var input = Field(v, "input");
                var doc = new JsonObject();
                doc["window"] = Field(input, "window");
                doc["bucket"] = Field(input, "bucket");
                Check(v,
                    e => e.ReportJson(doc.ToString()),
                    e => Json.Write(e.Report(
                        Iso.ParseInstant((string)Field(doc["window"], "from")),
                        Iso.ParseInstant((string)Field(doc["window"], "to")),
                        (Bucket)Enum.Parse(typeof(Bucket), (string)doc["bucket"], true))),
                    p => p);
            });
        }

        [Cases]
        static IEnumerable<KeyValuePair<string, Action>> Expand()
        {
            foreach (var file in Files("expand"))
            {
                var path = file;
                yield return new KeyValuePair<string, Action>("vectors/expand/" + Path.GetFileName(file), () =>
                {
                    var cases = (JsonArray)JsonValue.Parse(File.ReadAllText(path));
                    Assert.True(cases.Count > 0, "cases in " + path);
                    for (int i = 0; i < cases.Count; i++) ExpandCase(cases[i], Path.GetFileName(path) + "[" + i + "]");
                });
            }
        }

        static void ExpandCase(JsonValue v, string name)
        {
            var limitValue = Field(v, "limit");
            int? limit = limitValue == null ? (int?)null : (int)limitValue;
            string ical = Field(v, "ical"), from = Field(v, "from"), to = Field(v, "to");
            var expectedError = Field(v, "expected_error");
            if (expectedError != null)
            {
                var e = Assert.Throws<SlotwiseException>(() => SlotwiseLibrary.ExpandJson(ical, from, to, limit), name);
                Assert.Equal((string)Field(expectedError, "code"), e.Code, name + " code");
                return;
            }
            var expected = Field(v, "expected");
            JsonCompare.Same(expected, SlotwiseLibrary.ExpandJson(ical, from, to, limit), name);
            var typed = SlotwiseLibrary.Expand(ical, Iso.ParseInstant(from), Iso.ParseInstant(to), limit);
            var expectedList = ((JsonArray)expected).Select(x => (string)x).ToList();
            Assert.Equal(string.Join(",", expectedList), string.Join(",", typed.Select(Iso.FormatInstant)), name + " typed");
        }
    }
}
