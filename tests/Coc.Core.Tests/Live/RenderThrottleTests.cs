using Coc.Core.Live;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Core.Tests.Live;

public class RenderThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero));
    private int _runs;

    private RenderThrottle Create() => new(_time, Interval, () => _runs++);

    [Fact]
    public void Signal_First_RunsImmediately()
    {
        using var throttle = Create();

        throttle.Signal();

        Assert.Equal(1, _runs);
    }

    [Fact]
    public void Signal_NoSignal_NeverRuns()
    {
        using var throttle = Create();

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, _runs);
    }

    [Fact]
    public void Signal_BurstWithinInterval_ExactlyOneMoreRunAtEndOfInterval()
    {
        using var throttle = Create();
        throttle.Signal();

        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            throttle.Signal();
        }
        Assert.Equal(1, _runs);

        _time.Advance(Interval - TimeSpan.FromMilliseconds(200) - TimeSpan.FromTicks(1));
        Assert.Equal(1, _runs);

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(2, _runs);

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, _runs);
    }

    [Fact]
    public void Signal_SecondSignalRightAfterFirst_RunsOneIntervalAfterFirstRun()
    {
        using var throttle = Create();
        throttle.Signal();
        _time.Advance(TimeSpan.FromMilliseconds(100));

        throttle.Signal();
        _time.Advance(TimeSpan.FromMilliseconds(149));
        Assert.Equal(1, _runs);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, _runs);
    }

    [Fact]
    public void Signal_AfterQuietSpell_RunsAtOnce()
    {
        using var throttle = Create();
        throttle.Signal();
        _time.Advance(TimeSpan.FromSeconds(3));

        throttle.Signal();

        Assert.Equal(2, _runs);
    }

    [Fact]
    public void Signal_ExactlyOneIntervalAfterRun_RunsAtOnce()
    {
        using var throttle = Create();
        throttle.Signal();
        _time.Advance(Interval);

        throttle.Signal();

        Assert.Equal(2, _runs);
    }

    [Fact]
    public void Signal_RightAfterCoalescedRun_WaitsAnotherFullInterval()
    {
        using var throttle = Create();
        throttle.Signal();
        _time.Advance(TimeSpan.FromMilliseconds(50));
        throttle.Signal();
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(2, _runs);

        throttle.Signal();
        _time.Advance(Interval - TimeSpan.FromTicks(1));
        Assert.Equal(2, _runs);

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(3, _runs);
    }

    [Fact]
    public void Signal_ContinuousStream_AtMostOneRunPerInterval()
    {
        using var throttle = Create();

        // 10 seconds of a signal every 5 ms.
        for (var i = 0; i < 2000; i++)
        {
            throttle.Signal();
            _time.Advance(TimeSpan.FromMilliseconds(5));
        }

        // One run at t=0, then one at every 250 ms boundary up to and including t=10 s.
        Assert.Equal(41, _runs);
    }

    [Fact]
    public void Signal_AfterDispose_NeverRuns()
    {
        var throttle = Create();
        throttle.Dispose();

        throttle.Signal();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, _runs);
    }

    [Fact]
    public void Dispose_WithPendingRun_PendingRunDropped()
    {
        var throttle = Create();
        throttle.Signal();
        _time.Advance(TimeSpan.FromMilliseconds(10));
        throttle.Signal();

        throttle.Dispose();
        _time.Advance(TimeSpan.FromSeconds(1));
        throttle.Signal();

        Assert.Equal(1, _runs);
    }

    [Fact]
    public void Dispose_Twice_DoesNotThrow()
    {
        var throttle = Create();
        throttle.Dispose();

        var ex = Record.Exception(throttle.Dispose);

        Assert.Null(ex);
    }
}
