using Coc.Core.Alarms;
using Coc.Tests.Shared;

namespace Coc.Core.Tests.Alarms;

public class AlarmRuleLoaderTests
{
    private const string Good = """
        {"rules": [{"id": "sungai-siaga", "series": {"measurement": "water_level", "field": "value", "tags": {"sensor": "*"}},
          "above": [{"value": 12.5, "severity": "warning", "label": "Siaga 2"}, {"value": 11.5, "severity": "warning", "label": "Siaga 3"}],
          "message": "{name} {label}"}]}
        """;

    private static List<string> Errors(string json) => AlarmRuleLoader.Parse(json, "jambi.json").Errors.Select(e => e.ToString()).ToList();

    private static string OneRule(string body) => $$"""{"rules": [{"id": "sungai-siaga", "message": "pesan", {{body}}}]}""";

    [Fact]
    public void Parse_GoodRule_LevelsSortedMildestFirst()
    {
        var (rules, errors) = AlarmRuleLoader.Parse(Good, "jambi.json");

        Assert.Empty(errors);
        var rule = Assert.Single(rules);
        Assert.Equal([11.5, 12.5], rule.Levels.Select(l => l.Value));
        Assert.Equal(("jambi.json", AlarmConditionKind.Above, "sensor"), (rule.SourceFile, rule.Kind, rule.Series!.WildcardTag));
    }

    [Fact]
    public void Parse_BadSeverity_NamesFileRuleAndField()
    {
        var errors = Errors(OneRule("""
            "series": {"measurement": "water_level", "field": "value"},
            "above": [{"value": 11.5, "severity": "warning"}, {"value": 12.5, "severity": "siaga"}]
            """));

        Assert.Equal(["jambi.json: rule 'sungai-siaga': 'above[1].severity' must be warning or critical"], errors);
    }

    [Fact]
    public void Parse_UnknownField_NamedWithRuleId()
    {
        var errors = Errors(OneRule("""
            "series": {"measurement": "water_level", "field": "value"},
            "abvoe": [{"value": 11.5, "severity": "warning"}]
            """));

        var error = Assert.Single(errors);
        Assert.StartsWith("jambi.json: rule 'sungai-siaga': 'abvoe' is not a known field", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongType_NamesFieldPath()
    {
        var errors = Errors(OneRule("""
            "series": {"measurement": "water_level", "field": "value"},
            "above": [{"value": "tinggi", "severity": "warning"}]
            """));

        Assert.StartsWith("jambi.json: rule 'sungai-siaga': 'above[0].value'", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"series\": {\"measurement\": \"m\", \"field\": \"f\"}", "has no condition")]
    [InlineData("\"series\": {\"measurement\": \"m\", \"field\": \"f\"}, \"above\": [{\"value\": 1, \"severity\": \"warning\"}], \"noDataSeconds\": 60, \"severity\": \"warning\"", "more than one condition")]
    [InlineData("\"above\": [{\"value\": 1, \"severity\": \"warning\"}]", "watches nothing")]
    [InlineData("\"feed\": \"atcs\", \"above\": [{\"value\": 1, \"severity\": \"warning\"}]", "'feed' rules only watch a feed going quiet")]
    [InlineData("\"feed\": \"atcs\", \"noDataSeconds\": 60", "'severity' is required")]
    [InlineData("\"series\": {\"measurement\": \"m\", \"field\": \"f\", \"tags\": {\"sensor\": \"pos-*\"}}, \"noDataSeconds\": 60, \"severity\": \"warning\"", "'series.tags.sensor' must be a value or \"*\"")]
    [InlineData("\"series\": {\"measurement\": \"m\", \"field\": \"f\"}, \"above\": [{\"value\": 2, \"severity\": \"warning\"}, {\"value\": 1, \"severity\": \"critical\"}]", "'above' a worse level must not have a milder severity")]
    [InlineData("\"series\": {\"measurement\": \"m\", \"field\": \"f\"}, \"above\": [{\"value\": 1, \"severity\": \"warning\"}], \"hysteresis\": -1", "'hysteresis' must be 0 or more")]
    [InlineData("\"series\": {\"measurement\": \"m\", \"field\": \"f\"}, \"rateOfChange\": {\"perMinute\": 0, \"windowSeconds\": 600}, \"severity\": \"warning\"", "'rateOfChange.perMinute' is required")]
    [InlineData("\"series\": {\"measurement\": \"m\", \"field\": \"f\"}, \"rateOfChange\": {\"perMinute\": 1, \"windowSeconds\": 600, \"direction\": \"up\"}, \"severity\": \"warning\"", "'rateOfChange.direction' must be rise, fall or any")]
    [InlineData("\"series\": {\"measurement\": \"m\", \"field\": \"f\"}, \"noDataSeconds\": 0, \"severity\": \"warning\"", "'noDataSeconds' must be 1-")]
    public void Parse_BrokenRule_ErrorSaysWhat(string body, string expected)
    {
        var errors = Errors(OneRule(body));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal) && e.StartsWith("jambi.json: rule 'sungai-siaga':", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MissingIdAndMessage_RuleNamedByIndex()
    {
        var errors = Errors("""{"rules": [{"feed": "atcs", "noDataSeconds": 60, "severity": "warning"}]}""");

        Assert.Contains("jambi.json: rule #0: 'id' is required (lowercase letters, digits, '.', '_' and '-')", errors);
        Assert.Contains(errors, e => e.StartsWith("jambi.json: rule #0: 'message' is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnknownPlaceholder_Refused()
    {
        var errors = Errors("""{"rules": [{"id": "a", "feed": "atcs", "noDataSeconds": 60, "severity": "warning", "message": "{nama} sepi"}]}""");

        Assert.StartsWith("jambi.json: rule 'a': 'message' has an unknown placeholder '{nama}'", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_OneErrorWithLine()
    {
        var error = Assert.Single(Errors("{\"rules\": [\n{\"id\": "));

        Assert.Contains("line 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OneBadRule_NoRuleOfTheFileApplied()
    {
        var json = """
            {"rules": [
              {"id": "a", "feed": "atcs", "noDataSeconds": 60, "severity": "warning", "message": "sepi"},
              {"id": "b", "feed": "etle", "noDataSeconds": 60, "severity": "loud", "message": "sepi"}
            ]}
            """;

        var (rules, errors) = AlarmRuleLoader.Parse(json, "x.json");

        Assert.Empty(rules);
        Assert.Equal("x.json: rule 'b': 'severity' must be warning or critical", Assert.Single(errors).ToString());
    }

    [Fact]
    public void LoadDirectory_DuplicateIdAcrossFiles_SecondFileRefused()
    {
        using var folder = new TempFolder();
        folder.Write("a.json", Good);
        folder.Write("b.json", Good);

        var result = AlarmRuleLoader.LoadDirectory(folder.Path);

        Assert.Equal("a.json", Assert.Single(result.Rules).SourceFile);
        Assert.Equal("b.json: rule 'sungai-siaga': 'id' is already used by a rule in a.json", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void LoadDirectory_BrokenFileWithLastGood_KeepsItsRules()
    {
        using var folder = new TempFolder();
        folder.Write("a.json", Good);
        var first = AlarmRuleLoader.LoadDirectory(folder.Path);
        folder.Write("a.json", Good.Replace("\"warning\"", "\"siaga\"", StringComparison.Ordinal));

        var second = AlarmRuleLoader.LoadDirectory(folder.Path, first.Rules);

        Assert.Same(first.Rules[0], Assert.Single(second.Rules));
        Assert.Contains(second.Errors, e => e.Message.StartsWith("not applied", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadDirectory_SchemaFileSkipped()
    {
        using var folder = new TempFolder();
        folder.Write("alarm-rules.schema.json", "{\"type\": \"object\"}");

        var result = AlarmRuleLoader.LoadDirectory(folder.Path);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Rules);
    }

    [Fact]
    public void ShippedRules_LoadWithoutErrors_CoverTheJambiFeeds()
    {
        var folder = ShippedFolder();

        var result = AlarmRuleLoader.LoadDirectory(folder);

        Assert.Empty(result.Errors.Select(e => e.ToString()));
        var ids = result.Rules.Select(r => r.Id).ToHashSet();
        Assert.Superset(new HashSet<string> { "sungai-siaga", "sungai-naik-cepat", "ispu-pm25", "atcs-kejenuhan", "aduan-lewat-24-jam", "aduan-lewat-72-jam" }, ids);
        Assert.Equal(["atcs", "complaints", "etle", "sensors"], result.Rules.Where(r => r.Feed is not null).Select(r => r.Feed!).Order());
        Assert.All(result.Rules, r => Assert.NotNull(r.MessageEn));
        var river = result.Rules.Single(r => r.Id == "sungai-siaga");
        Assert.Equal([(11.5, "Siaga 3"), (12.5, "Siaga 2"), (13.5, "Siaga 1")], river.Levels.Select(l => (l.Value, l.Label!)));
    }

    [Fact]
    public async Task ShippedSchema_AcceptsShippedRules_RejectsTypo()
    {
        var folder = ShippedFolder();
        var schema = await NJsonSchema.JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Path.Combine(folder, "alarm-rules.schema.json")));
        var shipped = await File.ReadAllTextAsync(Path.Combine(folder, "jambi.json"));

        Assert.Empty(schema.Validate(shipped));
        Assert.NotEmpty(schema.Validate(shipped.Replace("\"hysteresis\"", "\"histeresis\"", StringComparison.Ordinal)));
    }

    private static string ShippedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "alarm-rules");
            if (Directory.Exists(folder))
            {
                return folder;
            }
        }
        throw new InvalidOperationException("alarm-rules not found above the test binaries");
    }
}
