using System;
using System.Collections.Generic;
using System.IO;
using System.Json;
using System.Linq;

namespace Slotwise.Tests
{
    /// <summary>
    /// Every case of tests/vectors (one format: each file an array of
    /// <c>{kind, description, input, expected | error {code, path?}}</c>), through both
    /// forms of the API (JSON documents and typed classes), compared exactly with the
    /// answers Rust gives. One test per file.
    /// </summary>
    static class VectorTests
    {
        internal static string Root
        {
            get { return Environment.GetEnvironmentVariable("SLOTWISE_ROOT") ?? "."; }
        }

        static JsonValue Field(JsonValue o, string key)
        {
            var obj = (JsonObject)o;
            return obj.ContainsKey(key) ? obj[key] : null;
        }

        [Cases]
        static IEnumerable<KeyValuePair<string, Action>> Files()
        {
            var runs = new Dictionary<string, Func<JsonValue, string[]>>
            {
                { "expand", Expand }, { "availability", Availability }, { "combined", Combined },
                { "reconcile", Reconcile }, { "report", Report },
            };
            foreach (var kind in runs.Keys)
            {
                var dir = Path.Combine(Path.Combine(Root, "tests/vectors"), kind);
                var files = Directory.GetFiles(dir, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
                if (files.Count < 3) throw new InvalidOperationException("vectors missing in " + dir);
                foreach (var file in files)
                {
                    var path = file;
                    var run = runs[kind];
                    var name = kind + "/" + Path.GetFileName(file);
                    yield return new KeyValuePair<string, Action>("vectors/" + name, () => RunFile(name, kind, path, run));
                }
            }
        }

        static void RunFile(string name, string kind, string path, Func<JsonValue, string[]> run)
        {
            var cases = JsonValue.Parse(File.ReadAllText(path)) as JsonArray;
            Assert.True(cases != null && cases.Count > 0, name + ": an array of cases");
            var failures = new List<string>();
            for (int i = 0; i < cases.Count; i++)
            {
                try
                {
                    RunCase(kind, cases[i], run);
                }
                catch (AssertionException e)
                {
                    failures.Add(name + "[" + i + "]: " + e.Message);
                }
            }
            Assert.True(failures.Count == 0, string.Join("\n  ", failures));
        }

        static void RunCase(string kind, JsonValue c, Func<JsonValue, string[]> run)
        {
            Assert.Equal(kind, (string)Field(c, "kind"), "kind");
            var input = Field(c, "input");
            var error = Field(c, "error");
            string[] answers = null;
            SlotwiseException failure = null;
            try
            {
                answers = run(input);
            }
            catch (SlotwiseException e)
            {
                failure = e;
            }
            if (error != null)
            {
                Assert.True(failure != null, "expected error " + Field(error, "code"));
                Assert.Equal((string)Field(error, "code"), failure.Code, "error code (" + failure.Message + ")");
                if (Field(error, "path") != null) Assert.Equal((string)Field(error, "path"), failure.Path, "error path");
                return;
            }
            Assert.True(failure == null, "unexpected error " + (failure == null ? "" : failure.Code + ": " + failure.Message));
            var expected = Field(c, "expected");
            JsonCompare.Same(expected, answers[0], "JSON answer");
            JsonCompare.Same(expected, answers[1], "typed answer");
        }

        /// <summary>Errors found while loading carry paths from the input's root; so do the
        /// call's, once prefixed by where the call's document sits in the input.</summary>
        static T Within<T>(string prefix, Func<T> call)
        {
            try
            {
                return call();
            }
            catch (SlotwiseException e)
            {
                if (prefix == null || e.Path.Length == 0) throw;
                throw new SlotwiseException(e.Code, prefix + "." + e.Path, e.Message);
            }
        }

        /// <summary>The engine of an input's schedules and appointments.</summary>
        static SlotwiseEngine EngineOf(JsonValue input)
        {
            var state = new JsonObject();
            state["version"] = 1;
            state["schedules"] = Field(input, "schedules") ?? new JsonArray();
            state["appointments"] = Field(input, "appointments") ?? new JsonArray();
            return SlotwiseEngine.FromJson(state.ToString());
        }

        static string[] Expand(JsonValue input)
        {
            var limitValue = Field(input, "limit");
            int? limit = limitValue == null ? (int?)null : (int)limitValue;
            string ical = Field(input, "ical"), from = Field(input, "from"), to = Field(input, "to");
            string json = SlotwiseLibrary.ExpandJson(ical, from, to, limit);
            var typed = SlotwiseLibrary.Expand(ical, Iso.ParseInstant(from), Iso.ParseInstant(to), limit);
            return new[] { json, Json.Write(typed.Select(Iso.FormatInstant).ToList()) };
        }

        static string[] Availability(JsonValue input)
        {
            using (var engine = EngineOf(input))
            {
                string query = Field(input, "query").ToString();
                return Within("query", () => new[]
                {
                    engine.AvailabilityJson(query),
                    Json.Write(engine.Availability(Json.Read<Query>(query))),
                });
            }
        }

        static string[] Combined(JsonValue input)
        {
            using (var engine = EngineOf(input))
            {
                string query = Field(input, "query").ToString();
                return Within("query", () => new[]
                {
                    engine.CombinedJson(query),
                    Json.Write(engine.Combined(Json.Read<Query>(query))),
                });
            }
        }

        static string[] Reconcile(JsonValue input)
        {
            using (var engine = EngineOf(input))
            {
                var doc = new JsonObject();
                doc["window"] = Field(input, "window");
                doc["existing"] = Field(input, "existing") ?? new JsonArray();
                string json = engine.ReconcileJson(doc.ToString());
                var plan = engine.Reconcile(
                    Iso.ParseInstant((string)Field(doc["window"], "from")),
                    Iso.ParseInstant((string)Field(doc["window"], "to")),
                    Json.Read<List<ExistingSlot>>(doc["existing"].ToString()));
                return new[] { json, Json.Write(plan) };
            }
        }

        static string[] Report(JsonValue input)
        {
            using (var engine = EngineOf(input))
            {
                var doc = new JsonObject();
                doc["window"] = Field(input, "window");
                doc["bucket"] = Field(input, "bucket");
                string json = engine.ReportJson(doc.ToString());
                var rows = engine.Report(
                    Iso.ParseInstant((string)Field(doc["window"], "from")),
                    Iso.ParseInstant((string)Field(doc["window"], "to")),
                    (Bucket)Enum.Parse(typeof(Bucket), (string)doc["bucket"], true));
                return new[] { json, Json.Write(rows) };
            }
        }
    }
}
