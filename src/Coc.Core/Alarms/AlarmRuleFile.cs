using System.Text.Json.Serialization;
using Coc.Core.Series;

namespace Coc.Core.Alarms;

// The file's shape, loosely typed where an operator's mistake must get our message rather than the
// serializer's (severity and direction are strings, numbers are nullable so "missing" is seen).

internal sealed class AlarmRuleFileDto
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    [JsonPropertyName("rules")]
    public List<AlarmRuleDto?>? Rules { get; set; }
}

internal sealed class AlarmRuleDto
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Free text for whoever edits the file next (why a level is where it is); not shown on screens.</summary>
    [JsonPropertyName("note")]
    public string? Note { get; set; }

    [JsonPropertyName("series")]
    public SeriesDto? Series { get; set; }

    [JsonPropertyName("feed")]
    public string? Feed { get; set; }

    [JsonPropertyName("names")]
    public Dictionary<string, string?>? Names { get; set; }

    [JsonPropertyName("above")]
    public List<AlarmLevelDto?>? Above { get; set; }

    [JsonPropertyName("below")]
    public List<AlarmLevelDto?>? Below { get; set; }

    [JsonPropertyName("hysteresis")]
    public double? Hysteresis { get; set; }

    [JsonPropertyName("forSeconds")]
    public double? ForSeconds { get; set; }

    [JsonPropertyName("rateOfChange")]
    public RateOfChangeDto? RateOfChange { get; set; }

    [JsonPropertyName("noDataSeconds")]
    public double? NoDataSeconds { get; set; }

    [JsonPropertyName("severity")]
    public string? Severity { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("messageEn")]
    public string? MessageEn { get; set; }
}

internal sealed class AlarmLevelDto
{
    [JsonPropertyName("value")]
    public double? Value { get; set; }

    [JsonPropertyName("severity")]
    public string? Severity { get; set; }

    [JsonPropertyName("label")]
    public string? Label { get; set; }
}

internal sealed class RateOfChangeDto
{
    [JsonPropertyName("perMinute")]
    public double? PerMinute { get; set; }

    [JsonPropertyName("windowSeconds")]
    public double? WindowSeconds { get; set; }

    [JsonPropertyName("direction")]
    public string? Direction { get; set; }
}
