using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coc.Storage.Influx;

/// <summary>
/// The v1 <c>/query</c> JSON: <c>{"results": [{"statement_id": 0, "series": [{"name", "tags", "columns",
/// "values"}], "error"}], "error"}</c>. Chunked answers are several such documents, one after another.
/// </summary>
internal sealed class QueryResponse
{
    [JsonPropertyName("results")]
    public List<StatementResult>? Results { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }

    public static readonly JsonSerializerOptions Json = new() { Converters = { new NumberOrNull() } };

    /// <summary>
    /// Values are read as numbers; a string or boolean (a field Coc did not write) reads as null rather than
    /// failing the whole answer.
    /// </summary>
    private sealed class NumberOrNull : JsonConverter<double?>
    {
        public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                return reader.GetDouble();
            }
            reader.Skip();
            return null;
        }

        public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options) =>
            throw new NotSupportedException();
    }
}

internal sealed class StatementResult
{
    [JsonPropertyName("series")]
    public List<ResultSeries>? Series { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }
}

internal sealed class ResultSeries
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("columns")]
    public List<string> Columns { get; set; } = [];

    [JsonPropertyName("values")]
    public List<double?[]> Values { get; set; } = [];

    /// <summary>The tags the series really has: GROUP BY * lists every tag key of the measurement, "" where absent.</summary>
    public IEnumerable<KeyValuePair<string, string>> PresentTags => Tags?.Where(t => !string.IsNullOrEmpty(t.Value)) ?? [];
}
