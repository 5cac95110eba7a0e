using System.Text.Json;

namespace Coc.Core.Layouts;

/// <summary>Reads every <c>*.json</c> wall in a folder; a broken file is reported and skipped, the others load.</summary>
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
            var (wall, errors) = Parse(text, name);
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

    /// <summary>Parses and validates one wall file's text.</summary>
    public static (WallLayout? Wall, List<LayoutError> Errors) Parse(string json, string fileName)
    {
        WallLayout? wall;
        try
        {
            wall = JsonSerializer.Deserialize<WallLayout>(json, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, column {ex.BytePositionInLine + 1})" : "";
            return (null, [new LayoutError(fileName, ex.Path ?? "$", $"not valid JSON for a wall{where}: {FirstSentence(ex.Message)}")]);
        }
        if (wall is null)
        {
            return (null, [new LayoutError(fileName, "$", "file is empty or null")]);
        }
        wall.SourceFile = fileName;
        var errors = LayoutValidator.Validate(wall, fileName);
        return (errors.Count == 0 ? wall : null, errors);
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
