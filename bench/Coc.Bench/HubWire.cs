using System.Text.Json.Serialization;

// The two shapes of the hub's wire contract (src/Coc.Web/Hub), kept together so they change together.

namespace Coc.Bench;

/// <summary>A series as the hub takes and sends it: <c>{"measurement", "field", "tags"}</c>.</summary>
public sealed record HubSeries(
    [property: JsonPropertyName("measurement")] string Measurement,
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("tags")] Dictionary<string, string> Tags);

/// <summary>The hub's <c>update</c> message.</summary>
public sealed record HubUpdate(
    [property: JsonPropertyName("series")] HubSeries? Series,
    [property: JsonPropertyName("ts")] DateTimeOffset Ts,
    [property: JsonPropertyName("fields")] Dictionary<string, double>? Fields);
