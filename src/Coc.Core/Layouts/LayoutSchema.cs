using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Coc.Core.Layouts;

/// <summary>
/// The JSON Schema of a wall file (<c>wall-layouts/wall.schema.json</c>, the one editors use): structure,
/// types, static ranges and typos. Its findings are <see cref="LayoutError"/>s naming file, JSON path and rule.
/// </summary>
public sealed class LayoutSchema
{
    public const string FileName = "wall.schema.json";

    // Compiled in from wall-layouts/, so a wall is checked even where the folder has no copy of the schema.
    private const string ResourceName = "Coc.Core.Layouts.wall.schema.json";

    private static readonly Lazy<LayoutSchema> ShippedSchema = new(() =>
    {
        using var stream = typeof(LayoutSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {typeof(LayoutSchema).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    });

    private static readonly JsonLoadSettings Reading = new()
    {
        // People edit walls by hand: comments are allowed, and line numbers make the errors findable.
        CommentHandling = CommentHandling.Ignore,
        LineInfoHandling = LineInfoHandling.Load,
    };

    private readonly JsonSchema _schema;

    private LayoutSchema(JsonSchema schema) => _schema = schema;

    /// <summary>The schema built into this version of Coc.</summary>
    public static LayoutSchema Shipped => ShippedSchema.Value;

    /// <summary>Reads a schema; throws when the text is not a usable JSON Schema.</summary>
    public static LayoutSchema FromJson(string json) =>
        // No external $refs to resolve, so this completes synchronously.
        new(JsonSchema.FromJsonAsync(json).GetAwaiter().GetResult());

    /// <summary>Every schema problem of one wall file's text; a text that is not JSON gives one error.</summary>
    public List<LayoutError> Validate(string json, string fileName) =>
        TryParse(json, out var document, out var problem)
            ? Validate(document, fileName)
            : [new LayoutError(fileName, "$", $"not valid JSON: {problem}")];

    internal static bool TryParse(string json, out JToken document, out string problem)
    {
        try
        {
            document = JToken.Parse(json, Reading);
            problem = "";
            return true;
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            document = JValue.CreateNull();
            problem = ex.Message;
            return false;
        }
    }

    internal List<LayoutError> Validate(JToken document, string fileName)
    {
        var found = new List<ValidationError>();
        foreach (var error in _schema.Validate(document))
        {
            LayoutSchemaErrors.Flatten(error, found);
        }
        return LayoutSchemaErrors.WithoutEchoes(found)
            .OrderBy(e => e.LineNumber)
            .ThenBy(e => e.LinePosition)
            .Select(e => new LayoutError(fileName, LayoutSchemaErrors.JsonPath(e.Path), LayoutSchemaErrors.Describe(e)))
            .Distinct()
            .ToList();
    }
}
