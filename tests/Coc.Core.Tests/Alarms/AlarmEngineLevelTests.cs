using Coc.Core.Alarms;
using Coc.Core.Series;

namespace Coc.Core.Tests.Alarms;

public class AlarmEngineLevelTests
{
    [Fact]
    public void Observe_OscillatingInsideDeadband_RaisesOnceAndNeverClears()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);

        foreach (var value in new[] { 11.49, 11.50, 11.47, 11.52, 11.46, 11.51, 11.455, 11.5 })
        {
            rig.Feed(value);
        }

        Assert.Equal([AlarmTransitionKind.Raised], rig.Kinds);
        Assert.Equal(AlarmState.ActiveUnacknowledged, rig.Single().State);
    }

    [Fact]
    public void Observe_BelowDeadband_Clears()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);

        rig.Feed(11.6);
        rig.Feed(11.451);
        rig.Feed(11.449);

        Assert.Equal([AlarmTransitionKind.Raised, AlarmTransitionKind.Cleared], rig.Kinds);
        Assert.Equal(AlarmState.ClearedUnacknowledged, rig.Single().State);
    }

    [Fact]
    public void Observe_EscalateThenEaseThenClear_OneAlarmThroughLevels()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);

        rig.Feed(11.6);
        var raised = rig.Single();
        rig.Feed(13.6);
        var escalated = rig.Single();
        rig.Feed(12.9);
        var eased = rig.Single();
        rig.Feed(11.0);

        Assert.Equal([AlarmTransitionKind.Raised, AlarmTransitionKind.Escalated, AlarmTransitionKind.Eased, AlarmTransitionKind.Cleared], rig.Kinds);
        Assert.Equal(("Siaga 3", AlarmSeverity.Warning), (raised.Level, raised.Severity));
        Assert.Equal(("Siaga 1", AlarmSeverity.Critical), (escalated.Level, escalated.Severity));
        Assert.Equal(("Siaga 2", AlarmSeverity.Warning), (eased.Level, eased.Severity));
        Assert.All(rig.Journal.Appended, t => Assert.Equal(raised.Occurrence, t.After.Occurrence));
        Assert.Equal(AlarmState.ClearedUnacknowledged, rig.Single().State);
    }

    [Fact]
    public void Observe_JumpStraightToWorstLevel_RaisesAtThatLevel()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);

        rig.Feed(14.0);

        var alarm = rig.Single();
        Assert.Equal(("Siaga 1", AlarmSeverity.Critical, 14.0), (alarm.Level, alarm.Severity, alarm.Value));
        Assert.Equal("Pos Angso Duo: Siaga 1, 14 m", alarm.Message);
    }

    [Fact]
    public void Observe_SustainedCondition_OneAlarmNoDuplicates()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);

        for (var i = 0; i < 50; i++)
        {
            rig.Feed(12.0 + i * 0.001);
        }

        Assert.Single(rig.Journal.Appended);
        Assert.Single(rig.Engine.Open);
    }

    [Fact]
    public void Observe_WildcardTag_OneAlarmPerSeriesNamedFromNames()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);

        rig.Feed(12.0, AlarmTestRig.Gauge("pos-angso-duo"));
        rig.Feed(12.0, AlarmTestRig.Gauge("pos-baru"));

        Assert.Equal(2, rig.Engine.Open.Count);
        Assert.Equal("sungai-siaga|water_level,sensor=pos-angso-duo#value", rig.Engine.Find("sungai-siaga|water_level,sensor=pos-angso-duo#value")?.Id);
        // No name in the map: the tag value stands in.
        Assert.StartsWith("pos-baru:", rig.Engine.Find("sungai-siaga|water_level,sensor=pos-baru#value")!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_OtherTagsOrField_Ignored()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);

        rig.Engine.Observe([
            new Sample(SeriesKey.Create("water_level", "battery", ("sensor", "pos-angso-duo")), rig.Time.GetUtcNow(), 20),
            new Sample(SeriesKey.Create("water_level", "value", ("sensor", "pos-angso-duo"), ("copy", "2")), rig.Time.GetUtcNow(), 20),
            new Sample(SeriesKey.Create("water_level", "value"), rig.Time.GetUtcNow(), 20),
        ]);

        Assert.Empty(rig.Engine.Open);
        Assert.Equal(0, rig.Engine.Instances);
    }

    [Fact]
    public void Observe_OlderSample_IgnoredForState()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        rig.Feed(12.0);
        var late = new Sample(AlarmTestRig.Gauge(), rig.Time.GetUtcNow().AddSeconds(-30), 10.0);

        rig.Engine.Observe([late]);

        Assert.Equal(AlarmState.ActiveUnacknowledged, rig.Single().State);
        Assert.Equal(1, rig.Engine.OutOfOrder);
    }

    [Fact]
    public void Observe_BelowRule_MirrorsAbove()
    {
        var rig = new AlarmTestRig("""
            {"id": "tekanan", "series": {"measurement": "pdam", "field": "bar"},
             "below": [{"value": 1.0, "severity": "warning"}, {"value": 0.5, "severity": "critical"}],
             "hysteresis": 0.1, "message": "tekanan {value} bar"}
            """);
        var key = SeriesKey.Create("pdam", "bar");

        rig.Feed(0.9, key);
        rig.Feed(0.4, key);
        // Inside the deadband of each level: critical holds up to 0.6, warning up to 1.1.
        rig.Feed(0.55, key);
        rig.Feed(1.05, key);
        rig.Feed(1.11, key);

        Assert.Equal([AlarmTransitionKind.Raised, AlarmTransitionKind.Escalated, AlarmTransitionKind.Eased, AlarmTransitionKind.Cleared], rig.Kinds);
        Assert.Equal(1.05, rig.Journal.Appended[2].After.Value);
    }

    [Fact]
    public void Observe_NothingMatches_TracksNothing()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);

        rig.Engine.Observe([new Sample(SeriesKey.Create("pm25", "value", ("sensor", "x")), rig.Time.GetUtcNow(), 999)]);

        Assert.Empty(rig.Journal.Appended);
        Assert.Equal(0, rig.Engine.Instances);
    }

    [Fact]
    public void Observe_BatchWithNoMatchingRule_AllocatesNothing()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        Sample[] batch = [.. Enumerable.Range(0, 100).Select(i => new Sample(SeriesKey.Create("atcs", "vehicles", ("intersection", $"x{i}")), rig.Time.GetUtcNow(), i))];
        rig.Engine.Observe(batch);

        var before = GC.GetAllocatedBytesForCurrentThread();
        rig.Engine.Observe(batch);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
