using Coc.Core.Alarms;

namespace Coc.Core.Tests.Alarms;

public class AlarmEngineLifecycleTests
{
    [Fact]
    public void Acknowledge_Active_BecomesActiveAcknowledgedWithUser()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        rig.Feed(12.0);
        var alarm = rig.Single();

        var result = rig.Engine.Acknowledge(alarm.Id, alarm.Occurrence, "budi", "petugas ke lokasi");

        Assert.Equal(AcknowledgeResult.Acknowledged, result);
        var after = rig.Single();
        Assert.Equal((AlarmState.ActiveAcknowledged, "budi", "petugas ke lokasi"), (after.State, after.AcknowledgedBy, after.AcknowledgeComment));
        var last = rig.Journal.Appended[^1];
        Assert.Equal((AlarmTransitionKind.Acknowledged, "budi"), (last.Kind, last.By));
    }

    [Fact]
    public void Acknowledge_Twice_AlreadyAcknowledged()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        rig.Feed(12.0);
        var alarm = rig.Single();
        rig.Engine.Acknowledge(alarm.Id, alarm.Occurrence, "budi", null);

        Assert.Equal(AcknowledgeResult.AlreadyAcknowledged, rig.Engine.Acknowledge(alarm.Id, alarm.Occurrence, "sari", null));
        Assert.Equal(2, rig.Journal.Appended.Count);
    }

    [Fact]
    public void Clear_WhenAcknowledged_Closes()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        rig.Feed(12.0);
        var alarm = rig.Single();
        rig.Engine.Acknowledge(alarm.Id, alarm.Occurrence, "budi", null);

        rig.Feed(11.0);

        Assert.Empty(rig.Engine.Open);
        Assert.Equal(AlarmState.Closed, rig.Journal.Appended[^1].After.State);
        Assert.Equal(AlarmTransitionKind.Cleared, rig.Journal.Appended[^1].Kind);
    }

    [Fact]
    public void Acknowledge_ClearedUnacknowledged_Closes()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        rig.Feed(12.0);
        rig.Feed(11.0);
        var cleared = rig.Single();

        var result = rig.Engine.Acknowledge(cleared.Id, cleared.Occurrence, "budi", null);

        Assert.Equal(AcknowledgeResult.Acknowledged, result);
        Assert.Empty(rig.Engine.Open);
        Assert.Equal(AlarmState.Closed, rig.Journal.Appended[^1].After.State);
    }

    [Fact]
    public void Observe_ConditionBackWhileClearedUnacknowledged_ReturnedSameOccurrence()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        rig.Feed(12.0);
        var first = rig.Single();
        rig.Feed(11.0);

        rig.Feed(12.7);

        Assert.Equal([AlarmTransitionKind.Raised, AlarmTransitionKind.Cleared, AlarmTransitionKind.Returned], rig.Kinds);
        var returned = rig.Single();
        Assert.Equal((first.Occurrence, AlarmState.ActiveUnacknowledged, "Siaga 2"), (returned.Occurrence, returned.State, returned.Level));
        Assert.Null(returned.ClearedAt);
    }

    [Fact]
    public void Observe_ConditionBackAfterClosed_NewOccurrence()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        rig.Feed(12.0);
        var first = rig.Single();
        rig.Engine.Acknowledge(first.Id, first.Occurrence, "budi", null);
        rig.Feed(11.0);

        rig.Feed(12.0);

        var second = rig.Single();
        Assert.Equal(first.Id, second.Id);
        Assert.True(second.Occurrence > first.Occurrence);
        Assert.Equal(AlarmTransitionKind.Raised, rig.Journal.Appended[^1].Kind);
    }

    [Fact]
    public void Acknowledge_OldOccurrence_OccurrenceChanged()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        rig.Feed(12.0);
        var first = rig.Single();
        rig.Engine.Acknowledge(first.Id, first.Occurrence, "budi", null);
        rig.Feed(11.0);
        rig.Feed(12.0);

        var result = rig.Engine.Acknowledge(first.Id, first.Occurrence, "sari", null);

        Assert.Equal(AcknowledgeResult.OccurrenceChanged, result);
        Assert.Equal(AlarmState.ActiveUnacknowledged, rig.Single().State);
    }

    [Fact]
    public void Acknowledge_UnknownId_NotFound()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);

        Assert.Equal(AcknowledgeResult.NotFound, rig.Engine.Acknowledge("sungai-siaga|nothing", 1, "budi", null));
    }

    [Fact]
    public void Escalate_WhenAcknowledged_UnacknowledgedAgain_EaseKeepsAcknowledgement()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        rig.Feed(12.0);
        var alarm = rig.Single();
        rig.Engine.Acknowledge(alarm.Id, alarm.Occurrence, "budi", null);

        rig.Feed(12.6);
        var escalated = rig.Single();
        rig.Engine.Acknowledge(escalated.Id, escalated.Occurrence, "budi", null);
        rig.Feed(12.0);

        Assert.Equal((AlarmState.ActiveUnacknowledged, (string?)null), (escalated.State, escalated.AcknowledgedBy));
        Assert.Equal((AlarmState.ActiveAcknowledged, "budi"), (rig.Single().State, rig.Single().AcknowledgedBy));
        Assert.Equal(AlarmTransitionKind.Eased, rig.Journal.Appended[^1].Kind);
    }

    [Fact]
    public void Watch_EveryTransition_SameOrderAsJournal_UntilDisposed()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        var seen = new List<AlarmTransition>();
        var subscription = rig.Engine.Watch(seen.Add);

        rig.Feed(12.0);
        rig.Feed(13.6);
        rig.Feed(11.0);
        subscription.Dispose();
        rig.Feed(12.0);

        Assert.Equal(rig.Journal.Appended.Take(3), seen);
        Assert.Equal(4, rig.Journal.Appended.Count);
    }

    [Fact]
    public void Watch_ThrowingWatcher_OthersAndJournalStillServed()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        var seen = 0;
        using var bad = rig.Engine.Watch(_ => throw new InvalidOperationException("circuit gone"));
        using var good = rig.Engine.Watch(_ => seen++);

        rig.Feed(12.0);

        Assert.Equal(1, seen);
        Assert.Single(rig.Journal.Appended);
        Assert.Equal(1, rig.Engine.WatcherFailures);
    }

    [Fact]
    public void Open_Ordered_CriticalThenUnacknowledgedThenNewest()
    {
        var rig = new AlarmTestRig(AlarmTestRig.RiverRule);
        rig.Feed(12.0, AlarmTestRig.Gauge("a"));
        rig.Feed(12.0, AlarmTestRig.Gauge("b"));
        rig.Feed(14.0, AlarmTestRig.Gauge("c"));
        var b = rig.Engine.Find("sungai-siaga|water_level,sensor=b#value")!;
        rig.Engine.Acknowledge(b.Id, b.Occurrence, "budi", null);
        rig.Feed(12.0, AlarmTestRig.Gauge("d"));

        var order = rig.Engine.Open.Select(a => a.Series!.Tags["sensor"]).ToList();

        Assert.Equal(["c", "d", "a", "b"], order);
        Assert.Equal("c", rig.Engine.WorstFor(new HashSet<Coc.Core.Series.SeriesKey> { AlarmTestRig.Gauge("c") })?.Series?.Tags["sensor"]);
        Assert.Null(rig.Engine.WorstFor(new HashSet<Coc.Core.Series.SeriesKey> { AlarmTestRig.Gauge("zz") }));
        // A tile showing two series flashes for the unacknowledged one of equal severity.
        Assert.Equal("a", rig.Engine.WorstFor(new HashSet<Coc.Core.Series.SeriesKey> { AlarmTestRig.Gauge("b"), AlarmTestRig.Gauge("a") })?.Series?.Tags["sensor"]);
    }
}
