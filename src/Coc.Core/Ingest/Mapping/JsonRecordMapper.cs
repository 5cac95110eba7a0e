using System.Globalization;
using System.Text.Json;
using Coc.Core.Series;

namespace Coc.Core.Ingest.Mapping;

/// <summary>
/// Applies a <see cref="JsonRecordMapping"/> to one JSON document. Like the other doors, it refuses
/// precisely: a missing or non-numeric field is refused alone, a record without its tags or time is
/// refused whole, and the good records and fields around them still flow.
/// </summary>
public static class JsonRecordMapper
{
    private const int MaxDetailLength = 200;

    /// <param name="segments">Named topic segments (they become tags), or null for a pulled document.</param>
    /// <param name="source">Where the document came from (topic or URL), kept with each rejection.</param>
    public static void Map(JsonRecordMapping mapping, JsonElement root, IReadOnlyDictionary<string, string>? segments,
        string source, DateTimeOffset receivedAt, ParseResult result)
    {
        var measurement = mapping.MeasurementFor(segments);
        if (mapping.Items is null)
        {
            MapRecord(mapping, measurement, root, "", segments, source, receivedAt, result);
            return;
        }
        if (!mapping.Items.TryResolve(root, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            Reject(result, source, receivedAt, RejectReason.NotAnArray, $"Items path {mapping.Items.Text} is not an array in this document");
            return;
        }
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (index == JsonRecordMapping.MaxItems)
            {
                Reject(result, source, receivedAt, RejectReason.TooManyItems,
                    $"{items.GetArrayLength() - index} records after the first {JsonRecordMapping.MaxItems} were refused");
                return;
            }
            MapRecord(mapping, measurement, item, $"item[{index}] ", segments, source, receivedAt, result);
            index++;
        }
    }

    private static void MapRecord(JsonRecordMapping mapping, string measurement, JsonElement record, string at,
        IReadOnlyDictionary<string, string>? segments, string source, DateTimeOffset receivedAt, ParseResult result)
    {
        var tags = segments is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(segments, StringComparer.Ordinal);
        foreach (var (name, path) in mapping.Tags)
        {
            if (!path.TryResolve(record, out var value) || TagText(value) is not { Length: > 0 } text)
            {
                // Without its tags a record's values would land in another device's series: refuse it whole.
                Reject(result, source, receivedAt, RejectReason.BadTags, $"{at}tag '{name}' at {path.Text} is missing or not text/number");
                return;
            }
            tags[name] = text;
        }

        var timestamp = receivedAt;
        if (mapping.Timestamp is { } tsPath)
        {
            if (!tsPath.TryResolve(record, out var tsValue))
            {
                // Stamping it "now" would show an old reading as fresh: without its configured time a record is refused.
                Reject(result, source, receivedAt, RejectReason.BadTimestamp, $"{at}no time at {tsPath.Text}");
                return;
            }
            if (!TryReadTimestamp(tsValue, tsPath.Text, mapping.TimestampInSeconds, receivedAt, out timestamp, out var reason, out var detail))
            {
                Reject(result, source, receivedAt, reason, $"{at}{detail}");
                return;
            }
        }

        foreach (var (name, path) in mapping.Fields)
        {
            if (!path.TryResolve(record, out var value))
            {
                Reject(result, source, receivedAt, RejectReason.MissingField, $"{at}field '{name}': nothing at {path.Text}");
                continue;
            }
            if (!TryReadNumber(value, out var number))
            {
                Reject(result, source, receivedAt, RejectReason.NonNumericValue, $"{at}field '{name}' at {path.Text} = {Shorten(value.GetRawText())} is not a finite number");
                continue;
            }
            result.Samples.Add(new Sample(new SeriesKey(measurement, name, tags), timestamp, number));
        }
    }

    /// <summary>Numbers, booleans (1/0) and numbers sent as text ("23.5"), which cheap sensors often do.</summary>
    private static bool TryReadNumber(JsonElement value, out double number)
    {
        number = 0;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDouble(out number) && double.IsFinite(number);
            case JsonValueKind.True:
                number = 1;
                return true;
            case JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                return double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
            default:
                return false;
        }
    }

    private static string? TagText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    private static bool TryReadTimestamp(JsonElement value, string path, bool seconds, DateTimeOffset receivedAt, out DateTimeOffset timestamp, out string reason, out string detail)
    {
        if (!seconds || value.ValueKind != JsonValueKind.Number)
        {
            return MqttPayloadParser.TryReadTimestamp(value, receivedAt, out timestamp, out reason, out detail, path);
        }
        timestamp = default;
        reason = RejectReason.TimestampOutOfRange;
        detail = "";
        if (!value.TryGetDouble(out var epochSeconds) || !double.IsFinite(epochSeconds)
            || epochSeconds < MqttPayloadParser.EarliestTimestamp.ToUnixTimeSeconds()
            || epochSeconds > (receivedAt + MqttPayloadParser.MaxClockAhead).ToUnixTimeSeconds())
        {
            detail = $"{path} {Shorten(value.GetRawText())} is not epoch seconds between 2000 and a day ahead of the server clock";
            return false;
        }
        timestamp = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(epochSeconds * 1000));
        return true;
    }

    private static void Reject(ParseResult result, string source, DateTimeOffset at, string reason, string detail) =>
        result.Rejections.Add(new Rejection(result.Feed, reason, Shorten(detail), Shorten(source), at));

    private static string Shorten(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
}
