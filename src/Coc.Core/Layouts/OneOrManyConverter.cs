using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coc.Core.Layouts;

/// <summary>Reads <c>"series"</c> given as one object or as an array of objects.</summary>
public sealed class OneOrManyConverter : JsonConverter<List<TileSeries>>
{
    public override List<TileSeries> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return reader.TokenType switch
        {
            JsonTokenType.StartObject => [JsonSerializer.Deserialize<TileSeries>(ref reader, options)!],
            JsonTokenType.StartArray => JsonSerializer.Deserialize<List<TileSeries>>(ref reader, options) ?? [],
            _ => throw new JsonException("\"series\" must be a series object or an array of them"),
        };
    }

    public override void Write(Utf8JsonWriter writer, List<TileSeries> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);
}
