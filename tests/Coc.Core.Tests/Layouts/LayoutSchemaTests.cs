using System.Text.Json;
using Coc.Core.Layouts;
using Coc.Tests.Shared;

namespace Coc.Core.Tests.Layouts;

/// <summary>wall-layouts/wall.schema.json: the shipped wall passes, typos and bad values are named by file, path and rule.</summary>
public sealed class LayoutSchemaTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string WallLayoutsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "wall-layouts");
            if (File.Exists(Path.Combine(candidate, LayoutSchema.FileName)))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("wall-layouts/ not found above " + AppContext.BaseDirectory);
    }

    private static LayoutSchema RepoSchema() =>
        LayoutSchema.FromJson(File.ReadAllText(Path.Combine(WallLayoutsFolder(), LayoutSchema.FileName)));

    [Fact]
    public void Validate_ShippedJambiWall_NoErrors()
    {
        var json = File.ReadAllText(Path.Combine(WallLayoutsFolder(), "jambi-coc.json"));

        Assert.Empty(RepoSchema().Validate(json, "jambi-coc.json"));
        Assert.Empty(LayoutSchema.Shipped.Validate(json, "jambi-coc.json"));
    }

    [Fact]
    public void LoadDirectory_ShippedFolder_EveryWallLoadsWithoutErrors()
    {
        var result = LayoutLoader.LoadDirectory(WallLayoutsFolder());

        Assert.Empty(result.Errors);
        Assert.Contains(result.Walls, w => w.Id == "jambi-coc");
        Assert.Contains(result.Walls, w => w.Id == "briefing");
    }

    [Fact]
    public void Shipped_SameAsTheFileInWallLayouts()
    {
        // The compiled-in copy is built from the file: a stale build would check walls by old rules.
        var sample = LayoutSamples.TrafficWallJson.Replace("\"title\": \"Batanghari\"", "\"titel\": \"Batanghari\"", StringComparison.Ordinal);

        Assert.Equal(RepoSchema().Validate(sample, "t.json"), LayoutSchema.Shipped.Validate(sample, "t.json"));
    }

    [Fact]
    public void Validate_TypoInTileProperty_FilePathRuleAndSuggestion()
    {
        var json = LayoutSamples.TrafficWallJson.Replace("\"title\": \"Batanghari\"", "\"titel\": \"Batanghari\"", StringComparison.Ordinal);

        var error = Assert.Single(LayoutSchema.Shipped.Validate(json, "traffic.json"));

        Assert.Equal("traffic.json", error.File);
        Assert.Equal("$.scenes[0].tiles[0].titel", error.Path);
        Assert.StartsWith("property 'titel' is not allowed (additionalProperties); did you mean 'title'?", error.Message);
        Assert.Contains("(line 12, column ", error.Message);
    }

    [Fact]
    public void Validate_TypoAtRoot_Reported()
    {
        var json = LayoutSamples.TrafficWallJson.Replace("\"screens\":", "\"screen\":", StringComparison.Ordinal);

        var error = Assert.Single(LayoutSchema.Shipped.Validate(json, "traffic.json"));

        Assert.Equal("$.screen", error.Path);
        Assert.Contains("did you mean 'screens'?", error.Message);
    }

    [Fact]
    public void Validate_BadThresholdLevel_PathAndEnumRule()
    {
        var json = LayoutSamples.TrafficWallJson.Replace("\"level\": \"warning\"", "\"level\": \"bahaya\"", StringComparison.Ordinal);

        var error = Assert.Single(LayoutSchema.Shipped.Validate(json, "traffic.json"));

        Assert.Equal("$.scenes[0].tiles[0].thresholds[1].level", error.Path);
        Assert.StartsWith("'bahaya' is not one of ok, info, warning, critical (enum)", error.Message);
    }

    [Fact]
    public void Validate_UnknownTileType_PathAndEnumRule()
    {
        var json = LayoutSamples.TrafficWallJson.Replace("\"type\": \"kpi\"", "\"type\": \"meter\"", StringComparison.Ordinal);

        var error = Assert.Single(LayoutSchema.Shipped.Validate(json, "traffic.json"));

        Assert.Equal("$.scenes[0].tiles[0].type", error.Path);
        Assert.Contains("'meter' is not one of kpi,", error.Message);
        Assert.Contains("(enum)", error.Message);
    }

    [Theory]
    [InlineData("ftp://cctv.local/simpang.jpg")]
    [InlineData("javascript:alert(1)")]
    public void Validate_CameraUrlNotHttp_PathAndPatternRule(string url)
    {
        var json = $$"""
            {"id": "cams", "scenes": [{"id": "normal", "tiles": [
              {"id": "cam-1", "type": "camera", "x": 0, "y": 0, "url": "{{url}}"}
            ]}]}
            """;

        var error = Assert.Single(LayoutSchema.Shipped.Validate(json, "cams.json"));

        Assert.Equal("cams.json", error.File);
        Assert.Equal("$.scenes[0].tiles[0].url", error.Path);
        Assert.StartsWith($"'{url}' does not match ^https?:// (pattern)", error.Message);
    }

    [Theory]
    [InlineData("\"h\": 2,", "\"h\": 0,", "$.scenes[0].tiles[0].h", "0 is too small: must be at least 1 (minimum)")]
    [InlineData("\"minutes\": 60", "\"minutes\": 0", "$.scenes[0].tiles[1].minutes", "(minimum)")]
    [InlineData("\"columns\": 12", "\"columns\": 49", "$.grid.columns", "(maximum)")]
    [InlineData("\"id\": \"traffic\"", "\"id\": \"Lalu Lintas\"", "$.id", "(pattern)")]
    [InlineData("\"x\": 12,", "\"x\": \"twelve\",", "$.scenes[0].tiles[1].x", "must be an integer, not a string (type)")]
    [InlineData("\"unit\": \"cm\"", "\"unit\": 5", "$.scenes[0].tiles[0].unit", "must be a string or null, not a number (type)")]
    [InlineData("\"sensor\": \"batanghari-1\"", "\"sensor\": 1", "$.scenes[0].tiles[0].series.tags.sensor", "(type)")]
    [InlineData("\"field\": \"value\", ", "", "$.scenes[0].tiles[0].series.field", "property 'field' is required (required)")]
    public void Validate_ValueBreaksARule_PathAndRuleNamed(string from, string to, string path, string rule)
    {
        var json = LayoutSamples.TrafficWallJson.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(LayoutSamples.TrafficWallJson, json);

        var error = Assert.Single(LayoutSchema.Shipped.Validate(json, "traffic.json"));

        Assert.Equal(path, error.Path);
        Assert.Contains(rule, error.Message);
    }

    [Fact]
    public void Validate_NullScene_OneTypeErrorNotItsMissingProperties()
    {
        var error = Assert.Single(LayoutSchema.Shipped.Validate("""{"id": "w", "scenes": [null]}""", "w.json"));

        Assert.Equal("$.scenes[0]", error.Path);
        Assert.Contains("must be an object, not null (type)", error.Message);
    }

    [Fact]
    public void Validate_NotJson_OneErrorAtRoot()
    {
        var error = Assert.Single(LayoutSchema.Shipped.Validate("{ \"id\": ", "broken.json"));

        Assert.Equal(("broken.json", "$"), (error.File, error.Path));
    }

    [Fact]
    public void Validate_ModelSerializedWithNulls_NoErrors()
    {
        // Tools (and tests) write walls by serializing the model: every optional null must pass.
        // Read-only members (StartScene, DisplayLabel) are computed, not part of the format.
        var json = JsonSerializer.Serialize(LayoutSamples.ValidWall(), new JsonSerializerOptions { IgnoreReadOnlyProperties = true });

        Assert.Empty(LayoutSchema.Shipped.Validate(json, "flood.json"));
    }

    [Fact]
    public void Schema_EnumsMatchTheModel()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(WallLayoutsFolder(), LayoutSchema.FileName)));
        var definitions = schema.RootElement.GetProperty("definitions");
        string[] Enum(string definition, string property) =>
            [.. definitions.GetProperty(definition).GetProperty("properties").GetProperty(property).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];

        Assert.Equal(TileTypes.All.Order(), Enum("tile", "type").Order());
        Assert.Equal(ThresholdLevels.All.Order(), Enum("threshold", "level").Order());
    }

    [Fact]
    public void Schema_EveryModelPropertyDescribed()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(WallLayoutsFolder(), LayoutSchema.FileName)));
        var root = schema.RootElement;
        var definitions = root.GetProperty("definitions");
        string[] Properties(JsonElement element) => [.. element.GetProperty("properties").EnumerateObject().Select(p => p.Name).Where(n => n != "$schema").Order()];
        string[] Model<T>() => [.. typeof(T).GetProperties()
            .Select(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false).OfType<System.Text.Json.Serialization.JsonPropertyNameAttribute>().FirstOrDefault()?.Name)
            .OfType<string>().Order()];

        Assert.Equal(Model<WallLayout>(), Properties(root));
        Assert.Equal(Model<Scene>(), Properties(definitions.GetProperty("scene")));
        Assert.Equal(Model<GridSize>(), Properties(definitions.GetProperty("grid")));
        Assert.Equal(Model<GridSize>(), Properties(definitions.GetProperty("screens")));
        Assert.Equal(Model<TileDefinition>(), Properties(definitions.GetProperty("tile")));
        Assert.Equal(Model<TileSeries>(), Properties(definitions.GetProperty("series")));
        Assert.Equal(Model<Threshold>(), Properties(definitions.GetProperty("threshold")));
    }

    [Fact]
    public void LoadDirectory_TypoInFile_SchemaErrorWithFileAndPathNoWall()
    {
        _folder.Write("traffic.json", LayoutSamples.TrafficWallJson.Replace("\"unit\": \"cm\"", "\"unti\": \"cm\"", StringComparison.Ordinal));

        var result = LayoutLoader.LoadDirectory(_folder.Path);

        Assert.Empty(result.Walls);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("traffic.json", "$.scenes[0].tiles[0].unti"), (error.File, error.Path));
        Assert.Contains("(additionalProperties)", error.Message);
    }

    [Fact]
    public void LoadDirectory_SchemaErrorAndRuleErrorElsewhere_BothReported()
    {
        // The schema cannot see overlaps; the wall rules still run and report them.
        var json = LayoutSamples.TrafficWallJson
            .Replace("\"level\": \"warning\"", "\"level\": \"bahaya\"", StringComparison.Ordinal)
            .Replace("\"x\": 12,", "\"x\": 2,", StringComparison.Ordinal);
        _folder.Write("traffic.json", json);

        var result = LayoutLoader.LoadDirectory(_folder.Path);

        Assert.Equal(["$.scenes[0].tiles[0].thresholds[1].level", "$.scenes[0].tiles[1]"], result.Errors.Select(e => e.Path));
        Assert.Contains("(enum)", result.Errors[0].Message);
        Assert.Contains("overlaps tile 'water'", result.Errors[1].Message);
    }

    [Fact]
    public void LoadDirectory_FolderSchemaStricter_ItsRulesApply()
    {
        // The folder's own schema wins over the built-in one, so an edit to it re-checks the walls.
        var strict = File.ReadAllText(Path.Combine(WallLayoutsFolder(), LayoutSchema.FileName))
            .Replace("\"maximum\": 1440", "\"maximum\": 30", StringComparison.Ordinal);
        _folder.Write(LayoutSchema.FileName, strict);
        _folder.Write("traffic.json", LayoutSamples.TrafficWallJson);

        var result = LayoutLoader.LoadDirectory(_folder.Path);

        Assert.Empty(result.Walls);
        Assert.Equal("$.scenes[0].tiles[1].minutes", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void LoadDirectory_FolderSchemaBroken_ReportedAndBuiltInSchemaUsed()
    {
        _folder.Write(LayoutSchema.FileName, "{ not json");
        _folder.Write("traffic.json", LayoutSamples.TrafficWallJson);

        var result = LayoutLoader.LoadDirectory(_folder.Path);

        Assert.Equal("traffic", Assert.Single(result.Walls).Id);
        var error = Assert.Single(result.Errors);
        Assert.Equal(LayoutSchema.FileName, error.File);
    }
}
