using Coc.Tests.Shared;
using Coc.Web.Alarms;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coc.Web.Tests.Alarms;

/// <summary>The rules folder as operators edit it: a save applies, a broken save keeps the file's last good rules.</summary>
public sealed class AlarmRuleStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Placeholders replaced rather than interpolated: the message's own {name} must stay in the text.
    private const string RuleTemplate = """
        {"rules": [{"id": "ID", "series": {"measurement": "water_level", "field": "value", "tags": {"sensor": "*"}},
          "above": [{"value": LEVEL, "severity": "SEVERITY", "label": "Siaga"}], "message": "{name} siaga"}]}
        """;

    private static string RuleFile(string id, double level, string severity = "warning") => RuleTemplate
        .Replace("ID", id, StringComparison.Ordinal)
        .Replace("LEVEL", level.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("SEVERITY", severity, StringComparison.Ordinal);

    private AlarmRuleStore Open(string rulesPath = "") =>
        new(Options.Create(new AlarmOptions { RulesPath = rulesPath.Length == 0 ? _folder.Path : rulesPath }),
            new TestHostEnvironment(_folder.Path), NullLogger<AlarmRuleStore>.Instance);

    /// <summary>Changes the folder and waits on the store's notification until the condition holds (no sleeps).</summary>
    private static async Task SaveAndWaitAsync(AlarmRuleStore store, Action change, Func<AlarmRuleStore, bool> reached)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = store.Watch(() =>
        {
            if (reached(store))
            {
                arrived.TrySetResult();
            }
        });
        change();
        // Generous: other builds share this machine's two cores; the quiet period itself is 300 ms.
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Constructor_Folder_RulesLoadedWithoutErrors()
    {
        _folder.Write("sungai.json", RuleFile("sungai", 11.5));

        using var store = Open();

        Assert.Equal("sungai", Assert.Single(store.Rules).Id);
        Assert.Empty(store.Errors);
        Assert.Equal(_folder.Path, store.Directory);
    }

    [Fact]
    public void Reload_BrokenFile_KeepsLastGoodRulesAndNamesFileRuleField()
    {
        _folder.Write("sungai.json", RuleFile("sungai", 11.5));
        using var store = Open();
        var good = store.Rules[0];

        _folder.Write("sungai.json", RuleFile("sungai", 12.5, severity: "siaga"));
        store.Reload();

        Assert.Same(good, Assert.Single(store.Rules));
        Assert.Contains(store.Errors, e => e.ToString() == "sungai.json: rule 'sungai': 'above[0].severity' must be warning or critical");
        Assert.Contains(store.Errors, e => e.File == "sungai.json" && e.Message.StartsWith("not applied", StringComparison.Ordinal));
    }

    [Fact]
    public void Reload_FileDeleted_ItsRulesGo()
    {
        _folder.Write("sungai.json", RuleFile("sungai", 11.5));
        using var store = Open();

        File.Delete(Path.Combine(_folder.Path, "sungai.json"));
        store.Reload();

        Assert.Empty(store.Rules);
        Assert.Empty(store.Errors);
    }

    [Fact]
    public async Task Save_ChangedLevel_WatchersSeeNewRule()
    {
        _folder.Write("sungai.json", RuleFile("sungai", 11.5));
        using var store = Open();

        await SaveAndWaitAsync(store, () => _folder.Write("sungai.json", RuleFile("sungai", 12.0)), s => s.Rules.Single().Levels[0].Value == 12.0);

        Assert.Empty(store.Errors);
    }

    [Fact]
    public async Task Save_BrokenThenFixed_ErrorsShownThenCleared()
    {
        _folder.Write("sungai.json", RuleFile("sungai", 11.5));
        using var store = Open();

        await SaveAndWaitAsync(store, () => _folder.Write("sungai.json", "{\"rules\": [ "), s => s.Errors.Count > 0);
        Assert.Equal(11.5, store.Rules.Single().Levels[0].Value);
        await SaveAndWaitAsync(store, () => _folder.Write("sungai.json", RuleFile("sungai", 13.0)), s => s.Errors.Count == 0);

        Assert.Equal(13.0, store.Rules.Single().Levels[0].Value);
    }

    [Fact]
    public void Watch_Disposed_NoLongerCalled()
    {
        _folder.Write("sungai.json", RuleFile("sungai", 11.5));
        using var store = Open();
        var calls = 0;
        var watch = store.Watch(() => calls++);
        _folder.Write("sungai.json", RuleFile("sungai", 12.0));
        store.Reload();

        watch.Dispose();
        _folder.Write("sungai.json", RuleFile("sungai", 12.5));
        store.Reload();

        Assert.Equal(1, calls);
    }

    [Fact]
    public void Constructor_NoPathConfigured_FindsNearestAlarmRulesFolder()
    {
        var rules = Directory.CreateDirectory(Path.Combine(_folder.Path, "alarm-rules")).FullName;
        var contentRoot = Directory.CreateDirectory(Path.Combine(_folder.Path, "src", "Coc.Web")).FullName;

        Assert.Equal(rules, JsonFolderWatcher.ResolveDirectory("", contentRoot, "alarm-rules"));
        Assert.Equal(Path.Combine(contentRoot, "mine"), JsonFolderWatcher.ResolveDirectory("mine", contentRoot, "alarm-rules"));
    }

    [Theory]
    [InlineData("", 10_000, 1000, "DatabasePath is required")]
    [InlineData("data/alarms.db", 0, 1000, "MaxInstances must be 1-1000000")]
    [InlineData("data/alarms.db", 10_000, 10, "TickMilliseconds must be 100-60000")]
    public void Validate_BadOptions_Fails(string database, int maxInstances, int tickMs, string expected)
    {
        var result = new AlarmOptionsValidator().Validate(null, new AlarmOptions { DatabasePath = database, MaxInstances = maxInstances, TickMilliseconds = tickMs });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new AlarmOptionsValidator().Validate(null, new AlarmOptions()).Succeeded);
    }
}
