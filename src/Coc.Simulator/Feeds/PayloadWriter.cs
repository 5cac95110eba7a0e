using System.Buffers;
using System.Text.Json;

namespace Coc.Simulator.Feeds;

/// <summary>Writes the two payload shapes of the Coc MQTT contract (see Coc.Core.Ingest.MqttPayloadParser).</summary>
internal static class PayloadWriter
{
    /// <summary><c>{"ts": ms, "value": v}</c></summary>
    public static byte[] Value(long timestampMs, double value)
    {
        var buffer = new ArrayBufferWriter<byte>(48);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("ts", timestampMs);
            json.WriteNumber("value", value);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"ts": ms, "tags": {name: value}, "fields": {...}}</c>; tags only when a tag is given.</summary>
    public static byte[] Fields(long timestampMs, ReadOnlySpan<(string Name, double Value)> fields, string? tagName = null, string? tagValue = null)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("ts", timestampMs);
            if (tagName is not null && tagValue is not null)
            {
                json.WriteStartObject("tags");
                json.WriteString(tagName, tagValue);
                json.WriteEndObject();
            }
            json.WriteStartObject("fields");
            foreach (var (name, value) in fields)
            {
                json.WriteNumber(name, value);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
