using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Coc.Core.Series;

namespace Coc.Core.Ingest;

/// <summary>
/// Turns one MQTT message into samples. Accepted payloads:
/// a bare number (field <c>value</c>); <c>{"ts", "value"}</c>; <c>{"ts", "fields": {...}, "tags": {...}}</c>;
/// other numeric top-level properties count as fields too (ATCS devices send them flat).
/// A bad field is refused alone; the rest of the message still flows.
/// </summary>
public static class MqttPayloadParser
{
    /// <summary>Earliest timestamp accepted: catches seconds sent where milliseconds were expected.</summary>
    public static readonly DateTimeOffset EarliestTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead of the receive time a device clock may run.</summary>
    public static readonly TimeSpan MaxClockAhead = TimeSpan.FromDays(1);

    private const int MaxDetailLength = 200;

    public static ParseResult Parse(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        if (!MqttTopicContract.TryMap(topic, out var map))
        {
            var unknown = new ParseResult(MqttTopicContract.FeedOf(topic));
            Reject(unknown, topic, receivedAt, RejectReason.UnknownTopic, $"topic '{Shorten(topic)}' matches no contract (coc/sensors/{{kind}}/{{id}} or coc/atcs/{{id}})");
            return unknown;
        }

        var result = new ParseResult(map.Feed);
        using var doc = JsonPayload.TryOpen(payload, maxDepth: 8, out var reason, out var detail);
        if (doc is null)
        {
            Reject(result, topic, receivedAt, reason, detail);
            return result;
        }
        ParseRoot(doc.RootElement, map, topic, receivedAt, result);
        return result;
    }

    public static ParseResult Parse(string topic, string payload, DateTimeOffset receivedAt) =>
        Parse(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)), receivedAt);

    private static void ParseRoot(JsonElement root, TopicMapping map, string topic, DateTimeOffset receivedAt, ParseResult result)
    {
        // Set before the bare-number case too: without it every sensor of a kind would share one series.
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [map.IdentityTag] = map.IdentityValue };
        switch (root.ValueKind)
        {
            case JsonValueKind.Number:
                AddField(result, map, tags, "value", root, receivedAt, topic, receivedAt);
                return;
            case JsonValueKind.Object:
                break;
            default:
                Reject(result, topic, receivedAt, RejectReason.NonNumericValue, $"payload is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, expected a number or an object");
                return;
        }

        var timestamp = receivedAt;
        if (root.TryGetProperty("ts", out var tsElement) && !TryReadTimestamp(tsElement, receivedAt, out timestamp, out var tsReason, out var tsDetail))
        {
            // Without a trustworthy time no field of this message can be placed: refuse the message.
            Reject(result, topic, receivedAt, tsReason, tsDetail);
            return;
        }

        if (root.TryGetProperty("tags", out var tagsElement))
        {
            if (tagsElement.ValueKind != JsonValueKind.Object)
            {
                Reject(result, topic, receivedAt, RejectReason.BadTags, "\"tags\" must be an object of strings");
                return;
            }
            foreach (var tag in tagsElement.EnumerateObject())
            {
                if (tag.Value.ValueKind != JsonValueKind.String || tag.Name.Length == 0 || string.IsNullOrEmpty(tag.Value.GetString()))
                {
                    Reject(result, topic, receivedAt, RejectReason.BadTags, $"tag '{Shorten(tag.Name)}' must be a non-empty string");
                    return;
                }
                tags[tag.Name] = tag.Value.GetString()!;
            }
        }
        // Text properties the topic's contract names as tags (E-TLE's "type") join the tags first,
        // so every field of the message lands in the same series whatever the property order.
        if (map.TagProperties is { } tagProperties)
        {
            foreach (var property in root.EnumerateObject())
            {
                if (tagProperties.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } value)
                {
                    tags[property.Name] = value;
                }
            }
        }
        // The topic names the device; a payload tag cannot override who sent it.
        tags[map.IdentityTag] = map.IdentityValue;

        var before = result.Samples.Count + result.Rejections.Count;
        foreach (var property in root.EnumerateObject())
        {
            if (map.TagProperties?.Contains(property.Name) == true && tags.ContainsKey(property.Name))
            {
                continue;
            }
            switch (property.Name)
            {
                case "ts" or "tags":
                    continue;
                case "fields" when property.Value.ValueKind == JsonValueKind.Object:
                    foreach (var field in property.Value.EnumerateObject())
                    {
                        AddField(result, map, tags, field.Name, field.Value, timestamp, topic, receivedAt);
                    }
                    break;
                case "fields":
                    Reject(result, topic, receivedAt, RejectReason.MalformedJson, "\"fields\" must be an object of numbers");
                    break;
                default:
                    AddField(result, map, tags, property.Name, property.Value, timestamp, topic, receivedAt);
                    break;
            }
        }
        if (result.Samples.Count + result.Rejections.Count == before)
        {
            Reject(result, topic, receivedAt, RejectReason.NoFields, "payload has no \"value\" and no \"fields\"");
        }
    }

    private static void AddField(ParseResult result, TopicMapping map, Dictionary<string, string> tags, string name,
        JsonElement value, DateTimeOffset timestamp, string topic, DateTimeOffset receivedAt)
    {
        if (name.Length == 0)
        {
            Reject(result, topic, receivedAt, RejectReason.MalformedJson, "a field has an empty name");
            return;
        }
        double number;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDouble(out number) && double.IsFinite(number):
                break;
            case JsonValueKind.Number:
                Reject(result, topic, receivedAt, RejectReason.NonNumericValue, $"field '{Shorten(name)}' = {Shorten(value.GetRawText())} is out of range for a number");
                return;
            case JsonValueKind.True:
                number = 1;
                break;
            case JsonValueKind.False:
                number = 0;
                break;
            default:
                Reject(result, topic, receivedAt, RejectReason.NonNumericValue, $"field '{Shorten(name)}' = {Shorten(value.GetRawText())} is not a number");
                return;
        }
        result.Samples.Add(new Sample(new SeriesKey(map.Measurement, name, tags), timestamp, number));
    }

    /// <summary>Reads <c>ts</c>: an RFC 3339 string or epoch milliseconds.</summary>
    /// <param name="name">How details name the property: <c>"ts"</c> here, a JSON path for configured mappings.</param>
    public static bool TryReadTimestamp(JsonElement element, DateTimeOffset receivedAt, out DateTimeOffset timestamp, out string reason, out string detail, string name = "\"ts\"")
    {
        timestamp = default;
        reason = RejectReason.BadTimestamp;
        detail = "";
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                timestamp = receivedAt;
                return true;
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out timestamp))
                {
                    detail = $"{name} '{Shorten(text)}' is not an RFC 3339 time";
                    return false;
                }
                break;
            case JsonValueKind.Number:
                if (!element.TryGetInt64(out var ms) || ms < EarliestTimestamp.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
                {
                    reason = RejectReason.TimestampOutOfRange;
                    detail = $"{name} {Shorten(element.GetRawText())} is not epoch milliseconds after 2000-01-01";
                    return false;
                }
                timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                break;
            default:
                detail = $"{name} must be a string or a number, got {element.ValueKind.ToString().ToLowerInvariant()}";
                return false;
        }
        if (timestamp < EarliestTimestamp || timestamp > receivedAt + MaxClockAhead)
        {
            reason = RejectReason.TimestampOutOfRange;
            detail = $"{name} {timestamp:O} is before 2000 or more than a day ahead of the server clock";
            return false;
        }
        timestamp = timestamp.ToUniversalTime();
        return true;
    }

    private static void Reject(ParseResult result, string topic, DateTimeOffset at, string reason, string detail) =>
        result.Rejections.Add(new Rejection(result.Feed, reason, detail, Shorten(topic), at));

    private static string Shorten(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
}
