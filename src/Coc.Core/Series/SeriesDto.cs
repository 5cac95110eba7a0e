using System.Text.Json.Serialization;

namespace Coc.Core.Series;

/// <summary>
/// The wire and layout-file form of a series: <c>{"measurement": "...", "field": "...", "tags": {...}}</c>.
/// </summary>
public sealed class SeriesDto
{
    [JsonPropertyName("measurement")]
    public string? Measurement { get; set; }

    [JsonPropertyName("field")]
    public string? Field { get; set; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; set; }

    public static SeriesDto From(SeriesKey key) => new()
    {
        Measurement = key.Measurement,
        Field = key.Field,
        Tags = key.Tags.ToDictionary(t => t.Key, t => t.Value),
    };

    /// <summary>Returns the key, or null with a reason when measurement or field is missing.</summary>
    public SeriesKey? ToKey(out string? error)
    {
        if (string.IsNullOrWhiteSpace(Measurement))
        {
            error = "\"measurement\" is missing";
            return null;
        }
        if (string.IsNullOrWhiteSpace(Field))
        {
            error = "\"field\" is missing";
            return null;
        }
        // JSON "tags": {"x": null} deserializes to a null value; SeriesKey would refuse it with an exception.
        if (Tags?.FirstOrDefault(t => t.Value is null) is { Key: { } nullTag })
        {
            error = $"tag '{nullTag}' has no value";
            return null;
        }
        error = null;
        return new SeriesKey(Measurement, Field, Tags);
    }
}
