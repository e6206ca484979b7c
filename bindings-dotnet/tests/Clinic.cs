using System.IO;
using System.Json;

namespace Slotwise.Tests
{
    /// <summary>examples/data/clinic.json: three schedules in two zones, with appointments and a query.</summary>
    static class Clinic
    {
        public static JsonObject Document()
        {
            return (JsonObject)JsonValue.Parse(File.ReadAllText(Path.Combine(VectorTests.Root, "examples/data/clinic.json")));
        }

        public static string StateJson()
        {
            var doc = Document();
            var state = new JsonObject();
            state["version"] = 1;
            state["schedules"] = doc["schedules"];
            state["appointments"] = doc["appointments"];
            return state.ToString();
        }

        public static string QueryJson()
        {
            return Document()["query"].ToString();
        }

        public static SlotwiseEngine Engine()
        {
            return SlotwiseEngine.FromJson(StateJson());
        }
    }
}
