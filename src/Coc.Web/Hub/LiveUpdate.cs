using System.Text.Json.Serialization;
using Coc.Core.Series;

namespace Coc.Web.Hub;

/// <summary>The <c>update</c> message hub clients receive: the series, the sample time (UTC) and its fields.</summary>
public sealed record LiveUpdate(
    [property: JsonPropertyName("series")] SeriesDto Series,
    [property: JsonPropertyName("ts")] DateTimeOffset Ts,
    [property: JsonPropertyName("fields")] Dictionary<string, double> Fields)
{
    public static LiveUpdate From(SeriesKey key, DateTimeOffset ts, double value) =>
        new(SeriesDto.From(key), ts, new Dictionary<string, double> { [key.Field] = value });
}
