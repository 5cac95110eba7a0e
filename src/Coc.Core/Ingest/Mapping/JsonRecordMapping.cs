using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Coc.Core.Ingest.Mapping;

/// <summary>A checked <see cref="JsonMappingSpec"/>: every path parsed once, every placeholder known.</summary>
public sealed partial class JsonRecordMapping
{
    /// <summary>Records one document may carry; beyond it the rest are refused, so one response cannot flood the queue.</summary>
    public const int MaxItems = 10_000;

    private JsonRecordMapping(string measurement, JsonPath? items, IReadOnlyList<(string Name, JsonPath Path)> tags,
        IReadOnlyList<(string Name, JsonPath Path)> fields, JsonPath? timestamp, bool timestampInSeconds)
    {
        Measurement = measurement;
        Items = items;
        Tags = tags;
        Fields = fields;
        Timestamp = timestamp;
        TimestampInSeconds = timestampInSeconds;
    }

    /// <summary>The measurement template, <c>{segment}</c> placeholders still in it.</summary>
    public string Measurement { get; }

    public JsonPath? Items { get; }

    public IReadOnlyList<(string Name, JsonPath Path)> Tags { get; }

    public IReadOnlyList<(string Name, JsonPath Path)> Fields { get; }

    public JsonPath? Timestamp { get; }

    public bool TimestampInSeconds { get; }

    /// <summary>
    /// Checks a spec. <paramref name="segmentNames"/> are the topic's named segments a measurement may
    /// use; <paramref name="where"/> prefixes every error (the configuration key), so it names what to fix.
    /// </summary>
    public static bool TryCompile(JsonMappingSpec spec, IReadOnlyCollection<string> segmentNames, string where,
        [NotNullWhen(true)] out JsonRecordMapping? mapping, out List<string> errors)
    {
        errors = [];
        mapping = null;
        if (string.IsNullOrWhiteSpace(spec.Measurement))
        {
            errors.Add($"{where}:Measurement is required");
        }
        else
        {
            foreach (Match placeholder in Placeholder().Matches(spec.Measurement))
            {
                if (!segmentNames.Contains(placeholder.Groups[1].Value))
                {
                    errors.Add($"{where}:Measurement uses {{{placeholder.Groups[1].Value}}}, which is not a named topic segment");
                }
            }
        }
        var items = OptionalPath(spec.Items, $"{where}:Items", errors);
        var timestamp = OptionalPath(spec.Timestamp, $"{where}:Timestamp", errors);
        var tags = Paths(spec.Tags, $"{where}:Tags", errors);
        var fields = Paths(spec.Fields, $"{where}:Fields", errors);
        if (spec.Fields.Count == 0)
        {
            errors.Add($"{where}:Fields needs at least one field name → JSON path");
        }
        if (spec.TimestampUnit is not ("ms" or "s"))
        {
            errors.Add($"{where}:TimestampUnit must be 'ms' or 's', got '{spec.TimestampUnit}'");
        }
        if (errors.Count > 0)
        {
            return false;
        }
        mapping = new JsonRecordMapping(spec.Measurement, items, tags, fields, timestamp, spec.TimestampUnit == "s");
        return true;
    }

    /// <summary>The measurement with topic segment values put in.</summary>
    public string MeasurementFor(IReadOnlyDictionary<string, string>? segments) =>
        segments is null || !Measurement.Contains('{', StringComparison.Ordinal)
            ? Measurement
            : Placeholder().Replace(Measurement, m => segments.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    private static JsonPath? OptionalPath(string? text, string where, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (JsonPath.TryParse(text, out var path, out var error))
        {
            return path;
        }
        errors.Add($"{where} '{text}' {error}");
        return null;
    }

    private static List<(string, JsonPath)> Paths(Dictionary<string, string> map, string where, List<string> errors)
    {
        var paths = new List<(string, JsonPath)>(map.Count);
        foreach (var (name, text) in map)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add($"{where} has an empty name");
            }
            else if (JsonPath.TryParse(text, out var path, out var error))
            {
                paths.Add((name, path));
            }
            else
            {
                errors.Add($"{where}:{name} '{text}' {error}");
            }
        }
        return paths;
    }

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex Placeholder();
}
