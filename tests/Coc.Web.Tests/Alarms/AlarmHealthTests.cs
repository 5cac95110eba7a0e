using Coc.Tests.Shared;
using Coc.Web.Security;
using Coc.Web.Tests.Support;

namespace Coc.Web.Tests.Alarms;

/// <summary>A rule file that does not load is where operators look: /health (and /alarms) name it.</summary>
public sealed class AlarmHealthTests : IDisposable
{
    private readonly TempFolder _rules = new();

    private sealed class App(string rules) : CocAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Coc:Alarms:RulesPath", rules)];
    }

    [Fact]
    public async Task Health_BrokenRuleFile_AlarmsDegradedNamingTheFileAndRule()
    {
        File.WriteAllText(Path.Combine(_rules.Path, "good.json"), TestAlarmRules.RiverJson);
        File.WriteAllText(Path.Combine(_rules.Path, "rusak.json"), """
            { "rules": [ { "id": "pm25-rusak", "series": { "measurement": "pm25", "field": "value" },
                           "above": [ { "value": 55.5, "severity": "gawat" } ], "message": "x" } ] }
            """);
        await using var app = new App(_rules.Path);
        using var client = app.CreateBasicClient(CocRoles.Operator);

        var body = await client.GetStringAsync("/health");

        Assert.Contains("\"alarms\"", body);
        Assert.Contains("Degraded", body);
        Assert.Contains("rusak.json", body);
        Assert.Contains("pm25-rusak", body);
    }

    public void Dispose() => _rules.Dispose();
}
