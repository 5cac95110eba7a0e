using Coc.Core.Alarms;
using Coc.Core.Series;

namespace Coc.Core.Tests.Alarms;

public class AlarmEngineReloadTests
{
    private const string Pm25Rule = """
        {"id": "ispu", "series": {"measurement": "pm25", "field": "value", "tags": {"sensor": "*"}},
         "above": [{"value": 55.5, "severity": "warning", "label": "Tidak Sehat"}], "message": "{name} {value}"}
        """;

    private static readonly SeriesKey Station = SeriesKey.Create("pm25", "value", ("sensor", "ispu-kota-baru"));

    [Fact]
    public void SetRules_RuleRemoved_ActiveAlarmCleared()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule + "," + Pm25Rule);
        rig.Feed(12.0);
        rig.Feed(80, Station);

        rig.Engine.SetRules(AlarmTestRig.Rules(Pm25Rule));

        var cleared = rig.Journal.Appended[^1];
        Assert.Equal((AlarmTransitionKind.Cleared, "sungai-siaga", AlarmState.ClearedUnacknowledged), (cleared.Kind, cleared.After.RuleId, cleared.After.State));
        Assert.Equal(AlarmState.ActiveUnacknowledged, rig.Engine.Open.Single(a => a.RuleId == "ispu").State);
        rig.Feed(14.0);
        Assert.Equal(3, rig.Journal.Appended.Count);
    }

    [Fact]
    public void SetRules_SameRulesAgain_NothingHappens()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        rig.Feed(12.0);

        rig.Engine.SetRules(AlarmTestRig.Rules(AlarmTestRig.RiverRule));
        rig.Feed(12.1);

        Assert.Single(rig.Journal.Appended);
        Assert.Equal(1, rig.Engine.Instances);
    }

    [Fact]
    public void SetRules_RuleEdited_KeepsAlarmAndAppliesNewLevels()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        rig.Feed(12.0);
        var before = rig.Single();

        rig.Engine.SetRules(AlarmTestRig.Rules(AlarmTestRig.RiverRule.Replace("11.5", "12.2", StringComparison.Ordinal)));
        rig.Feed(12.05);

        Assert.Equal([AlarmTransitionKind.Raised, AlarmTransitionKind.Cleared], rig.Kinds);
        Assert.Equal(before.Occurrence, rig.Journal.Appended[^1].After.Occurrence);
    }

    [Fact]
    public void Restore_ConditionStillHolds_NoDuplicateRaise()
    {
        var first = new AlarmTestRig(AlarmTestRig.RiverRule);
        first.Feed(12.0);
        var alarm = first.Single();
        first.Engine.Acknowledge(alarm.Id, alarm.Occurrence, "budi", null);

        var restarted = new AlarmTestRig(AlarmTestRig.RiverRule);
        restarted.Journal.OpenAtStart.AddRange(first.Journal.OpenFromAppended());
        restarted.Engine.Restore();
        restarted.Feed(12.1);

        Assert.Empty(restarted.Journal.Appended);
        var kept = restarted.Single();
        Assert.Equal((alarm.Occurrence, AlarmState.ActiveAcknowledged, "budi"), (kept.Occurrence, kept.State, kept.AcknowledgedBy));
    }

    [Fact]
    public void Restore_ThenWorse_EscalatesSameAlarm()
    {
        var first = new AlarmTestRig(AlarmTestRig.RiverRule);
        first.Feed(12.0);
        var restarted = new AlarmTestRig(AlarmTestRig.RiverRule);
        restarted.Journal.OpenAtStart.AddRange(first.Journal.OpenFromAppended());
        restarted.Engine.Restore();

        restarted.Feed(13.6);

        var t = Assert.Single(restarted.Journal.Appended);
        Assert.Equal((AlarmTransitionKind.Escalated, first.Single().Occurrence), (t.Kind, t.After.Occurrence));
    }

    [Fact]
    public void Restore_ConditionGone_ClearsOnFirstSample()
    {
        var first = new AlarmTestRig(AlarmTestRig.RiverRule);
        first.Feed(12.0);
        var restarted = new AlarmTestRig(AlarmTestRig.RiverRule);
        restarted.Journal.OpenAtStart.AddRange(first.Journal.OpenFromAppended());
        restarted.Engine.Restore();

        restarted.Feed(10.0);

        Assert.Equal([AlarmTransitionKind.Cleared], restarted.Kinds);
    }

    [Fact]
    public void Restore_ClearedUnacknowledged_ReturnsWithoutNewOccurrence()
    {
        var first = new AlarmTestRig(AlarmTestRig.RiverRule);
        first.Feed(12.0);
        first.Feed(10.0);
        var restarted = new AlarmTestRig(AlarmTestRig.RiverRule);
        restarted.Journal.OpenAtStart.AddRange(first.Journal.OpenFromAppended());
        restarted.Engine.Restore();

        restarted.Feed(12.0);

        var t = Assert.Single(restarted.Journal.Appended);
        Assert.Equal((AlarmTransitionKind.Returned, first.Single().Occurrence), (t.Kind, t.After.Occurrence));
    }

    [Fact]
    public void Restore_AlarmOfRuleNoLongerShipped_Cleared()
    {
        var first = new AlarmTestRig(Pm25Rule);
        first.Feed(80, Station);
        var restarted = new AlarmTestRig(AlarmTestRig.RiverRule);
        restarted.Journal.OpenAtStart.AddRange(first.Journal.OpenFromAppended());

        restarted.Engine.Restore();

        var t = Assert.Single(restarted.Journal.Appended);
        Assert.Equal((AlarmTransitionKind.Cleared, "ispu"), (t.Kind, t.After.RuleId));
    }

    [Fact]
    public void Observe_InstanceCapReached_NewSeriesRefusedAndCounted()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule, maxInstances: 2);

        rig.Feed(12.0, AlarmTestRig.Gauge("a"));
        rig.Feed(12.0, AlarmTestRig.Gauge("b"));
        rig.Feed(12.0, AlarmTestRig.Gauge("c"));
        rig.Feed(12.0, AlarmTestRig.Gauge("d"));
        rig.Feed(14.0, AlarmTestRig.Gauge("a"));

        Assert.Equal(2, rig.Engine.Instances);
        Assert.Equal(2, rig.Engine.RefusedInstances);
        Assert.Equal(["a", "b"], rig.Engine.Open.Select(a => a.Series!.Tags["sensor"]).Order());
    }

    [Fact]
    public void Observe_ConcurrentWithAcknowledge_JournalOrderIsConsistent()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        var gauges = Enumerable.Range(0, 50).Select(i => AlarmTestRig.Gauge($"g{i}")).ToArray();
        var start = rig.Time.GetUtcNow();

        Parallel.For(0, 4, worker =>
        {
            for (var round = 0; round < 200; round++)
            {
                var value = round % 2 == 0 ? 12.0 : 10.0;
                rig.Engine.Observe([.. gauges.Select(g => new Sample(g, start.AddSeconds(round), value))]);
                foreach (var alarm in rig.Engine.Open)
                {
                    rig.Engine.Acknowledge(alarm.Id, alarm.Occurrence, $"w{worker}", null);
                }
            }
        });

        // Replaying the journal per alarm must follow the lifecycle: never two raises without a close between.
        foreach (var id in rig.Journal.Appended.GroupBy(t => t.After.Id))
        {
            var open = false;
            foreach (var t in id)
            {
                if (t.Kind == AlarmTransitionKind.Raised)
                {
                    Assert.False(open);
                    open = true;
                }
                if (t.After.State == AlarmState.Closed)
                {
                    open = false;
                }
            }
        }
        Assert.Equal(rig.Journal.OpenFromAppended().Select(a => a.Id).Order(), rig.Engine.Open.Select(a => a.Id).Order());
    }
}
