using System;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.Serialization.Json;
using System.Text;

namespace Slotwise
{
    /// <summary>
    /// The typed classes to and from the engine's JSON, with the serializer .NET and
    /// Mono both ship (DataContractJsonSerializer).
    /// </summary>
    public static class Json
    {
        static readonly ConcurrentDictionary<Type, DataContractJsonSerializer> Serializers =
            new ConcurrentDictionary<Type, DataContractJsonSerializer>();

        static DataContractJsonSerializer For(Type type)
        {
            return Serializers.GetOrAdd(type, t => new DataContractJsonSerializer(
                t, new DataContractJsonSerializerSettings { UseSimpleDictionaryFormat = true }));
        }

        /// <summary>A value as JSON text.</summary>
        public static string Write<T>(T value)
        {
            using (var stream = new MemoryStream())
            {
                For(typeof(T)).WriteObject(stream, value);
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }

        /// <summary>A value from JSON text.</summary>
        public static T Read<T>(string json)
        {
            return Read<T>(Encoding.UTF8.GetBytes(json));
        }

        /// <summary>A value from UTF-8 JSON.</summary>
        public static T Read<T>(byte[] utf8)
        {
            using (var stream = new MemoryStream(utf8))
            {
                return (T)For(typeof(T)).ReadObject(stream);
            }
        }
    }
}
