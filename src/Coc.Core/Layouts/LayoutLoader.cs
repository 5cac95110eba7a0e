using System.Text.Json;

namespace Coc.Core.Layouts;

/// <summary>
/// Reads every <c>*.json</c> wall in a folder, checked against the JSON Schema and the wall rules;
/// a broken file is reported and skipped, the others load.
/// </summary>
public static class LayoutLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static LayoutLoadResult LoadDirectory(string directory)
    {
        var result = new LayoutLoadResult();
        if (!Directory.Exists(directory))
        {
            result.Errors.Add(new LayoutError(directory, "$", "layout folder does not exist"));
            return result;
        }
        var schema = FolderSchema(directory, result.Errors);
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            // Editors' schema files live beside the walls; they are not walls.
            if (file.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var name = Path.GetFileName(file);
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (IOException ex)
            {
                // An editor may be replacing the file right now; the next reload reads it.
                result.Errors.Add(new LayoutError(name, "$", $"could not be read: {ex.Message}"));
                continue;
            }
            var (wall, errors) = Parse(text, name, schema);
            if (wall is not null && result.Walls.Any(w => w.Id == wall.Id))
            {
                errors.Add(new LayoutError(name, "$.id", $"wall id '{wall.Id}' is already used by another file"));
            }
            if (errors.Count > 0)
            {
                result.Errors.AddRange(errors);
                continue;
            }
            result.Walls.Add(wall!);
        }
        return result;
    }

    /// <summary>Parses and validates one wall file's text against the shipped schema and the wall rules.</summary>
    public static (WallLayout? Wall, List<LayoutError> Errors) Parse(string json, string fileName) =>
        Parse(json, fileName, LayoutSchema.Shipped);

    /// <summary>
    /// The schema speaks first (structure, types, ranges, typos: what an editor also shows); the wall rules
    /// then check what a schema cannot express (fit on the grid, overlaps, unique ids, each tile kind's needs).
    /// </summary>
    public static (WallLayout? Wall, List<LayoutError> Errors) Parse(string json, string fileName, LayoutSchema schema)
    {
        // Text that is not JSON at all is reported once, below, in System.Text.Json's words.
        var schemaErrors = LayoutSchema.TryParse(json, out var document, out _) ? schema.Validate(document, fileName) : [];
        WallLayout? wall;
        try
        {
            wall = JsonSerializer.Deserialize<WallLayout>(json, Options);
        }
        catch (JsonException ex)
        {
            if (schemaErrors.Count > 0)
            {
                // A wrong value type: the schema has already said where and why.
                return (null, schemaErrors);
            }
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, column {ex.BytePositionInLine + 1})" : "";
            return (null, [new LayoutError(fileName, ex.Path ?? "$", $"not valid JSON for a wall{where}: {FirstSentence(ex.Message)}")]);
        }
        if (wall is null)
        {
            return (null, schemaErrors.Count > 0 ? schemaErrors : [new LayoutError(fileName, "$", "file is empty or null")]);
        }
        wall.SourceFile = fileName;
        var errors = schemaErrors;
        errors.AddRange(LayoutValidator.Validate(wall, fileName).Where(e => !SaidBySchema(e, schemaErrors)));
        return (errors.Count == 0 ? wall : null, errors);
    }

    /// <summary>
    /// The two checks overlap (a bad level breaks both): one message per place, the schema's, which points
    /// into the file. A wall rule at or above a place the schema already faulted is left out until that is fixed.
    /// </summary>
    private static bool SaidBySchema(LayoutError rule, List<LayoutError> schemaErrors)
    {
        // The model numbers series even where the file gives one object: its series[0] is the file's "series".
        var asObject = rule.Path.Replace(".series[0]", ".series", StringComparison.Ordinal);
        return schemaErrors.Any(s => s.Path == rule.Path || s.Path == asObject
            || LayoutSchemaErrors.IsBelow(s.Path, rule.Path) || LayoutSchemaErrors.IsBelow(s.Path, asObject));
    }

    /// <summary>The folder's own schema when it has one (an edit to it re-checks every wall), else the shipped one.</summary>
    private static LayoutSchema FolderSchema(string directory, List<LayoutError> errors)
    {
        var file = Path.Combine(directory, LayoutSchema.FileName);
        if (!File.Exists(file))
        {
            return LayoutSchema.Shipped;
        }
        try
        {
            return LayoutSchema.FromJson(File.ReadAllText(file));
        }
        catch (Exception ex) when (ex is IOException or Newtonsoft.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            errors.Add(new LayoutError(LayoutSchema.FileName, "$", $"not a usable JSON Schema, walls are checked against the built-in one: {FirstSentence(ex.Message)}"));
            return LayoutSchema.Shipped;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

public sealed class LayoutLoadResult
{
    public List<WallLayout> Walls { get; } = [];

    public List<LayoutError> Errors { get; } = [];
}
