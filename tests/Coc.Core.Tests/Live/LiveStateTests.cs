using Coc.Core.Live;
using Coc.Core.Series;

namespace Coc.Core.Tests.Live;

public class LiveStateTests
{
    private static readonly DateTimeOffset T0 = new(2024, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey Water = SeriesKey.Create("water_level", "value", ("sensor", "batanghari-1"));
    private static readonly SeriesKey Rain = SeriesKey.Create("rainfall", "mm", ("sensor", "arg-12"));
    private static readonly SeriesKey Vehicles = SeriesKey.Create("atcs", "vehicles", ("intersection", "simpang-kawat"));

    private static Sample S(SeriesKey key, int second, double value) => new(key, T0.AddSeconds(second), value);

    [Fact]
    public void Apply_Samples_WindowsHoldLatestAndReceiveTime()
    {
        var state = new LiveState();
        var receivedAt = T0.AddSeconds(2);

        state.Apply([S(Water, 0, 3.1), S(Water, 1, 3.2), S(Rain, 0, 7)], receivedAt);

        Assert.Equal(2, state.SeriesCount);
        Assert.Equal(new LivePoint(T0.AddSeconds(1), 3.2, receivedAt), state.Get(Water)!.Latest);
        Assert.Equal(receivedAt, state.Get(Rain)!.LastArrival);
        Assert.Null(state.Get(Vehicles));
        Assert.Equal([Water, Rain], state.Keys.OrderBy(k => k.Id == Water.Id ? 0 : 1));
    }

    [Fact]
    public void Apply_WindowCapacity_PassedToEachWindow()
    {
        var state = new LiveState(windowCapacity: 2);

        state.Apply([S(Water, 0, 1), S(Water, 1, 2), S(Water, 2, 3)], T0);

        Assert.Equal([2, 3], state.Get(Water)!.PointsAfter(DateTimeOffset.MinValue).Select(p => p.Value));
    }

    [Fact]
    public void Apply_KeyEqualButDifferentInstance_SameWindow()
    {
        var state = new LiveState();

        state.Apply([S(SeriesKey.Create("m", "f", ("a", "1"), ("b", "2")), 0, 1)], T0);
        state.Apply([S(SeriesKey.Create("m", "f", ("b", "2"), ("a", "1")), 1, 2)], T0);

        Assert.Equal(1, state.SeriesCount);
    }

    [Fact]
    public void Apply_OnlyOtherSeriesChanged_WatcherNotCalled()
    {
        var state = new LiveState();
        var calls = new List<SeriesKey>();
        using var _ = state.Watch([Water], calls.Add);

        state.Apply([S(Rain, 0, 1), S(Vehicles, 0, 2)], T0);

        Assert.Empty(calls);
    }

    [Fact]
    public void Apply_ManySamplesOfOneSeriesInBatch_WatcherCalledOnce()
    {
        var state = new LiveState();
        var calls = new List<SeriesKey>();
        using var _ = state.Watch([Water], calls.Add);

        state.Apply([S(Water, 0, 1), S(Rain, 0, 1), S(Water, 1, 2), S(Water, 2, 3)], T0);

        Assert.Equal([Water], calls);
    }

    [Fact]
    public void Apply_TwoWatchedSeriesChanged_CalledOncePerSeries()
    {
        var state = new LiveState();
        var calls = new List<SeriesKey>();
        using var _ = state.Watch([Water, Rain, Vehicles], calls.Add);

        state.Apply([S(Water, 0, 1), S(Rain, 0, 1), S(Water, 1, 2)], T0);

        Assert.Equal(2, calls.Count);
        Assert.Contains(Water, calls);
        Assert.Contains(Rain, calls);
    }

    [Fact]
    public void Apply_SeveralBatches_CalledOncePerBatch()
    {
        var state = new LiveState();
        var calls = 0;
        using var _ = state.Watch([Water], _ => calls++);

        state.Apply([S(Water, 0, 1)], T0);
        state.Apply([S(Water, 1, 2), S(Water, 2, 3)], T0);

        Assert.Equal(2, calls);
    }

    [Fact]
    public void Apply_EmptyBatch_NobodyCalled()
    {
        var state = new LiveState();
        var calls = 0;
        using var a = state.Watch([Water], _ => calls++);
        using var b = state.WatchAll(_ => calls++);

        state.Apply([], T0);

        Assert.Equal(0, calls);
        Assert.Equal(0, state.SeriesCount);
    }

    [Fact]
    public void Apply_LateSample_StillSignalsWatcher()
    {
        var state = new LiveState();
        state.Apply([S(Water, 10, 1)], T0);
        var calls = 0;
        using var _ = state.Watch([Water], _ => calls++);

        state.Apply([S(Water, 5, 2)], T0.AddSeconds(20));

        Assert.Equal(1, calls);
        Assert.Equal(T0.AddSeconds(20), state.Get(Water)!.LastArrival);
    }

    [Fact]
    public void Watch_SameKeyListedTwice_RegisteredAndCalledOnce()
    {
        var state = new LiveState();
        var calls = 0;
        using var _ = state.Watch([Water, SeriesKey.Create("water_level", "value", ("sensor", "batanghari-1"))], _ => calls++);

        state.Apply([S(Water, 0, 1)], T0);

        Assert.Equal(1, state.WatcherCount);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Watch_KeysCounted_WatcherCountPerSeriesCallback()
    {
        var state = new LiveState();

        using var a = state.Watch([Water, Rain], _ => { });
        using var b = state.Watch([Water], _ => { });

        Assert.Equal(3, state.WatcherCount);
    }

    [Fact]
    public void Dispose_Subscriptions_WatcherCountBackToZeroAndNoMoreCalls()
    {
        var state = new LiveState();
        var calls = 0;
        var a = state.Watch([Water, Rain], _ => calls++);
        var b = state.Watch([Water], _ => calls++);

        a.Dispose();
        b.Dispose();
        state.Apply([S(Water, 0, 1), S(Rain, 0, 1)], T0);

        Assert.Equal(0, state.WatcherCount);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Dispose_Twice_RemovesOnlyOwnRegistration()
    {
        var state = new LiveState();
        Action<SeriesKey> shared = _ => { };
        var first = state.Watch([Water], shared);
        using var second = state.Watch([Water], shared);

        first.Dispose();
        first.Dispose();

        Assert.Equal(1, state.WatcherCount);
    }

    [Fact]
    public void Dispose_OneOfTwoWatchers_OtherStillCalled()
    {
        var state = new LiveState();
        var first = 0;
        var second = 0;
        var sub = state.Watch([Water], _ => first++);
        using var _ = state.Watch([Water], _ => second++);

        sub.Dispose();
        state.Apply([S(Water, 0, 1)], T0);

        Assert.Equal(0, first);
        Assert.Equal(1, second);
    }

    [Fact]
    public void Apply_WatcherThrows_OthersStillCalledAndFaultCounted()
    {
        var state = new LiveState();
        var before = 0;
        var after = 0;
        var batches = 0;
        using var a = state.Watch([Water], _ => before++);
        using var b = state.Watch([Water], _ => throw new InvalidOperationException("circuit gone"));
        using var c = state.Watch([Water], _ => after++);
        using var d = state.WatchAll(_ => batches++);

        state.Apply([S(Water, 0, 1)], T0);

        Assert.Equal(1, before);
        Assert.Equal(1, after);
        Assert.Equal(1, batches);
        Assert.Equal(1, state.WatcherFaults);
        Assert.Equal(1, state.Get(Water)!.Latest!.Value.Value);
    }

    [Fact]
    public void Apply_WatcherThrowsEveryBatch_FaultsAccumulate()
    {
        var state = new LiveState();
        using var _ = state.Watch([Water, Rain], _ => throw new InvalidOperationException());

        state.Apply([S(Water, 0, 1), S(Rain, 0, 1)], T0);
        state.Apply([S(Water, 1, 1)], T0);

        Assert.Equal(3, state.WatcherFaults);
    }

    [Fact]
    public void WatchAll_Batch_ReceivesWholeBatchOnce()
    {
        var state = new LiveState();
        var seen = new List<IReadOnlyList<Sample>>();
        using var _ = state.WatchAll(seen.Add);
        Sample[] batch = [S(Water, 0, 1), S(Rain, 0, 2), S(Water, 1, 3)];

        state.Apply(batch, T0);

        Assert.Equal(batch, Assert.Single(seen));
    }

    [Fact]
    public void WatchAll_Disposed_NoMoreBatches()
    {
        var state = new LiveState();
        var batches = 0;
        var sub = state.WatchAll(_ => batches++);
        state.Apply([S(Water, 0, 1)], T0);

        sub.Dispose();
        state.Apply([S(Water, 1, 2)], T0);

        Assert.Equal(1, batches);
    }

    [Fact]
    public void WatchAll_Throws_OtherBatchWatchersStillCalledAndFaultCounted()
    {
        var state = new LiveState();
        var batches = 0;
        using var a = state.WatchAll(_ => throw new InvalidOperationException());
        using var b = state.WatchAll(_ => batches++);

        state.Apply([S(Water, 0, 1)], T0);

        Assert.Equal(1, batches);
        Assert.Equal(1, state.WatcherFaults);
    }

    [Fact]
    public void Watch_RegisteredBeforeFirstSample_SeesSeriesOnceItArrives()
    {
        var state = new LiveState();
        SeriesWindow? seen = null;
        using var _ = state.Watch([Vehicles], key => seen = state.Get(key));

        state.Apply([S(Vehicles, 0, 42)], T0);

        Assert.Equal(42, seen!.Latest!.Value.Value);
    }

    [Fact]
    public void Apply_MaxSeriesReached_KnownSeriesKeepUpdatingAndNewOnesAreCounted()
    {
        var state = new LiveState(windowCapacity: 10, maxSeries: 1);
        state.Apply([S(Water, 0, 1)], T0);

        state.Apply([S(Vehicles, 1, 42), S(Water, 1, 2)], T0);

        Assert.Equal(1, state.SeriesCount);
        Assert.Null(state.Get(Vehicles));
        Assert.Equal(2, state.Get(Water)!.Latest!.Value.Value);
        Assert.Equal(1, state.SeriesRefused);
    }
}
