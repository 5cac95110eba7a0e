using Coc.Core.Alarms;
using Coc.Core.Series;

namespace Coc.Core.Tests.Alarms;

public class AlarmEngineTimingTests
{
    private const string SilentGauge = """
        {"id": "sensor-diam", "series": {"measurement": "water_level", "field": "value", "tags": {"sensor": "*"}},
         "noDataSeconds": 60, "severity": "warning", "message": "{name} tidak mengirim data {seconds} detik"}
        """;

    private const string QuietFeed = """
        {"id": "feed-sepi", "feed": "sensors", "noDataSeconds": 60, "severity": "warning",
         "names": {"sensors": "Sensor IoT"}, "message": "{name} ({feed}) sepi {seconds} detik"}
        """;

    private const string SaturationRule = """
        {"id": "atcs-jenuh", "series": {"measurement": "atcs", "field": "saturation", "tags": {"intersection": "*"}},
         "above": [{"value": 0.85, "severity": "warning", "label": "padat"}], "forSeconds": 120, "message": "{name} {label}"}
        """;

    private const string RiseRule = """
        {"id": "sungai-naik", "series": {"measurement": "water_level", "field": "value", "tags": {"sensor": "*"}},
         "rateOfChange": {"perMinute": 0.01, "windowSeconds": 600, "direction": "rise"}, "hysteresis": 0.002,
         "severity": "warning", "message": "{name} naik {rate} m/menit"}
        """;

    private static readonly SeriesKey Kawat = SeriesKey.Create("atcs", "saturation", ("intersection", "simpang-kawat"));

    [Fact]
    public void Tick_WildcardSeriesSilent_RaisesAfterNoDataSeconds()
    {
        var rig = new AlarmTestRig(SilentGauge);
        rig.Feed(10.0);

        rig.Wait(59);
        Assert.Empty(rig.Engine.Open);
        rig.Wait(1);

        var alarm = rig.Single();
        Assert.Equal("pos-angso-duo tidak mengirim data 60 detik", alarm.Message);
    }

    [Fact]
    public void Tick_WildcardSeriesNeverSeen_NothingToWatch()
    {
        var rig = new AlarmTestRig(SilentGauge);

        rig.Wait(600, tickEverySeconds: 10);

        Assert.Empty(rig.Engine.Open);
    }

    [Fact]
    public void Observe_SampleAfterSilence_Clears()
    {
        var rig = new AlarmTestRig(SilentGauge);
        rig.Feed(10.0);
        rig.Wait(61);

        rig.Feed(10.0);

        Assert.Equal([AlarmTransitionKind.Raised, AlarmTransitionKind.Cleared], rig.Kinds);
    }

    [Fact]
    public void Tick_ExactSeriesSilentFromStart_Raises()
    {
        var rig = new AlarmTestRig("""
            {"id": "angso-diam", "series": {"measurement": "water_level", "field": "value", "tags": {"sensor": "pos-angso-duo"}},
             "noDataSeconds": 30, "severity": "critical", "message": "{name} diam"}
            """);

        rig.Wait(30);

        Assert.Equal((AlarmSeverity.Critical, "pos-angso-duo diam"), (rig.Single().Severity, rig.Single().Message));
    }

    [Fact]
    public void Tick_FeedQuiet_RaisesThenClearsWhenFeedSpeaks()
    {
        var rig = new AlarmTestRig(QuietFeed);
        rig.FeedLast["sensors"] = rig.Time.GetUtcNow();

        rig.Wait(59);
        Assert.Empty(rig.Engine.Open);
        rig.Wait(1);
        var alarm = rig.Single();
        rig.FeedLast["sensors"] = rig.Time.GetUtcNow();
        rig.Wait(1);

        Assert.Equal(("feed-sepi|feed:sensors", "sensors", "Sensor IoT (sensors) sepi 60 detik"), (alarm.Id, alarm.Feed, alarm.Message));
        Assert.Null(alarm.Series);
        Assert.Equal([AlarmTransitionKind.Raised, AlarmTransitionKind.Cleared], rig.Kinds);
    }

    [Fact]
    public void Tick_FeedNeverHeard_QuietFromEngineStart()
    {
        var rig = new AlarmTestRig(QuietFeed);

        rig.Wait(60);

        Assert.Single(rig.Engine.Open);
    }

    [Fact]
    public void Observe_ForSeconds_RaisesOnlyAfterConditionHeld()
    {
        var rig = new AlarmTestRig(SaturationRule);

        rig.Feed(0.9, Kawat);
        rig.Feed(0.95, Kawat, afterSeconds: 60);
        Assert.Empty(rig.Engine.Open);
        rig.Wait(59);
        Assert.Empty(rig.Engine.Open);
        rig.Wait(1);

        Assert.Equal("simpang-kawat padat", rig.Single().Message);
    }

    [Fact]
    public void Observe_ForSeconds_ShortSpikesNeverRaise()
    {
        var rig = new AlarmTestRig(SaturationRule);

        for (var i = 0; i < 10; i++)
        {
            rig.Feed(0.9, Kawat, afterSeconds: 30);
            rig.Feed(0.5, Kawat, afterSeconds: 100);
            rig.Wait(30);
        }

        Assert.Empty(rig.Journal.Appended);
    }

    [Fact]
    public void Observe_ForSeconds_ClearIsImmediate()
    {
        var rig = new AlarmTestRig(SaturationRule);
        rig.Feed(0.9, Kawat);
        rig.Wait(120);
        Assert.Single(rig.Engine.Open);

        rig.Feed(0.5, Kawat);

        Assert.Equal([AlarmTransitionKind.Raised, AlarmTransitionKind.Cleared], rig.Kinds);
    }

    [Fact]
    public void Observe_RiverRisingFast_RaisesRateAlarm_SteadyClears()
    {
        var rig = new AlarmTestRig(RiseRule);

        // 0.02 m/min for 10 minutes, a sample every 10 s.
        for (var i = 0; i < 60; i++)
        {
            rig.Feed(11 + i * 0.02 / 6, afterSeconds: 10);
        }
        var alarm = rig.Single();
        for (var i = 0; i < 60; i++)
        {
            rig.Feed(11.2, afterSeconds: 10);
        }

        Assert.Equal(AlarmTransitionKind.Raised, rig.Journal.Appended[0].Kind);
        Assert.InRange(alarm.Value!.Value, 0.019, 0.021);
        Assert.StartsWith("pos-angso-duo naik 0,02 m/menit", alarm.Message, StringComparison.Ordinal);
        Assert.Equal([AlarmTransitionKind.Raised, AlarmTransitionKind.Cleared], rig.Kinds);
    }

    [Fact]
    public void Observe_RiverFallingFast_RiseRuleStaysQuiet()
    {
        var rig = new AlarmTestRig(RiseRule);

        for (var i = 0; i < 60; i++)
        {
            rig.Feed(12 - i * 0.05 / 6, afterSeconds: 10);
        }

        Assert.Empty(rig.Journal.Appended);
    }

    [Fact]
    public void Observe_RateWithManySamples_HistoryBoundedAndRateStillRight()
    {
        var rig = new AlarmTestRig(RiseRule);

        // 20 samples a second for 6 minutes: far more than the 64 slots a series may keep.
        for (var i = 0; i < 20 * 360; i++)
        {
            rig.Feed(11 + i * 0.03 / 1200, afterSeconds: 0.05);
        }

        Assert.InRange(rig.Single().Value!.Value, 0.029, 0.031);
    }
}
