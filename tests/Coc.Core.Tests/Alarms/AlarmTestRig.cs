using Coc.Core.Alarms;
using Coc.Core.Series;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Core.Tests.Alarms;

/// <summary>An engine on a fake clock with an in-memory journal, and rules written as the files write them.</summary>
internal sealed class AlarmTestRig
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 7, 0, 0, TimeSpan.Zero);

    public AlarmTestRig(string rulesJson, int maxInstances = AlarmEngine.DefaultMaxInstances)
    {
        Engine = new AlarmEngine(Time, Journal, feed => FeedLast.TryGetValue(feed, out var at) ? at : null, maxInstances);
        Engine.SetRules(Rules(rulesJson));
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public InMemoryAlarmJournal Journal { get; } = new();

    public Dictionary<string, DateTimeOffset> FeedLast { get; } = [];

    public AlarmEngine Engine { get; }

    public List<AlarmTransitionKind> Kinds => Journal.Appended.Select(t => t.Kind).ToList();

    public static IReadOnlyList<AlarmRule> Rules(string rulesJson)
    {
        var (rules, errors) = AlarmRuleLoader.Parse($$"""{"rules": [{{rulesJson}}]}""", "test.json");
        Assert.Empty(errors);
        return rules;
    }

    public static SeriesKey Gauge(string sensor = "pos-angso-duo") => SeriesKey.Create("water_level", "value", ("sensor", sensor));

    /// <summary>One sample stamped now, after moving the clock on.</summary>
    public void Feed(double value, SeriesKey? series = null, double afterSeconds = 1)
    {
        Time.Advance(TimeSpan.FromSeconds(afterSeconds));
        Engine.Observe([new Sample(series ?? Gauge(), Time.GetUtcNow(), value)]);
    }

    public void Wait(double seconds, double tickEverySeconds = 1)
    {
        for (var waited = 0.0; waited < seconds; waited += tickEverySeconds)
        {
            Time.Advance(TimeSpan.FromSeconds(tickEverySeconds));
            Engine.Tick();
        }
    }

    public Alarm Single() => Assert.Single(Engine.Open);

    public const string RiverRule = """
        {
          "id": "sungai-siaga",
          "series": {"measurement": "water_level", "field": "value", "tags": {"sensor": "*"}},
          "names": {"pos-angso-duo": "Pos Angso Duo"},
          "above": [
            {"value": 13.5, "severity": "critical", "label": "Siaga 1"},
            {"value": 11.5, "severity": "warning", "label": "Siaga 3"},
            {"value": 12.5, "severity": "warning", "label": "Siaga 2"}
          ],
          "hysteresis": 0.05,
          "message": "{name}: {label}, {value} m",
          "messageEn": "{name}: {label}, {value} m"
        }
        """;
}
