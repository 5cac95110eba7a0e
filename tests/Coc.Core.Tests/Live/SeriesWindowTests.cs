using Coc.Core.Live;

namespace Coc.Core.Tests.Live;

public class SeriesWindowTests
{
    private static readonly DateTimeOffset T0 = new(2024, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static LivePoint Point(int second, double value) => new(T0.AddSeconds(second), value, T0.AddSeconds(second).AddMilliseconds(5));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Ctor_CapacityBelowOne_Throws(int capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeriesWindow(capacity));
    }

    [Fact]
    public void New_NoSamples_NothingToShow()
    {
        var window = new SeriesWindow(10);

        Assert.Null(window.Latest);
        Assert.Null(window.LastArrival);
        Assert.Empty(window.PointsAfter(DateTimeOffset.MinValue));
    }

    [Fact]
    public void Add_FewerThanCapacity_AllKeptOldestFirst()
    {
        var window = new SeriesWindow(5);

        window.Add(Point(1, 10));
        window.Add(Point(2, 20));
        window.Add(Point(3, 30));

        Assert.Equal([10, 20, 30], window.PointsAfter(DateTimeOffset.MinValue).Select(p => p.Value));
    }

    [Fact]
    public void Add_MoreThanCapacity_OldestDroppedOrderKept()
    {
        var window = new SeriesWindow(3);

        for (var i = 0; i < 5; i++)
        {
            window.Add(Point(i, i));
        }

        Assert.Equal([2, 3, 4], window.PointsAfter(DateTimeOffset.MinValue).Select(p => p.Value));
    }

    [Fact]
    public void Add_RingWrapsSeveralTimes_HoldsOnlyNewestCapacityPoints()
    {
        var window = new SeriesWindow(4);

        for (var i = 0; i < 103; i++)
        {
            window.Add(Point(i, i));
        }

        Assert.Equal([99, 100, 101, 102], window.PointsAfter(DateTimeOffset.MinValue).Select(p => p.Value));
    }

    [Fact]
    public void Add_CapacityOne_KeepsOnlyLatest()
    {
        var window = new SeriesWindow(1);

        window.Add(Point(1, 1));
        window.Add(Point(2, 2));

        Assert.Equal(2, Assert.Single(window.PointsAfter(DateTimeOffset.MinValue)).Value);
    }

    [Fact]
    public void Latest_SeveralInOrder_NewestPoint()
    {
        var window = new SeriesWindow(3);

        window.Add(Point(1, 1));
        window.Add(Point(2, 2));

        Assert.Equal(Point(2, 2), window.Latest);
        Assert.Equal(Point(2, 2).ReceivedAt, window.LastArrival);
    }

    [Fact]
    public void Add_LateSample_NotInWindowButLastArrivalUpdated()
    {
        var window = new SeriesWindow(10);
        window.Add(Point(10, 100));
        var lateArrival = T0.AddMinutes(5);

        window.Add(new LivePoint(T0.AddSeconds(5), 50, lateArrival));

        Assert.Equal(100, window.Latest!.Value.Value);
        Assert.Equal(lateArrival, window.LastArrival);
        Assert.Equal([100], window.PointsAfter(DateTimeOffset.MinValue).Select(p => p.Value));
    }

    [Fact]
    public void Add_LateSampleWhenFull_DoesNotEvictAnything()
    {
        var window = new SeriesWindow(2);
        window.Add(Point(10, 1));
        window.Add(Point(11, 2));

        window.Add(Point(0, 99));

        Assert.Equal([1, 2], window.PointsAfter(DateTimeOffset.MinValue).Select(p => p.Value));
    }

    [Fact]
    public void Add_SameTimestampAgain_ReplacesLatestAndIsKept()
    {
        var window = new SeriesWindow(5);
        window.Add(Point(1, 1));

        window.Add(Point(1, 2));

        Assert.Equal(2, window.Latest!.Value.Value);
        Assert.Equal([1, 2], window.PointsAfter(DateTimeOffset.MinValue).Select(p => p.Value));
    }

    [Fact]
    public void PointsAfter_Cutoff_OnlyStrictlyLaterPointsOldestFirst()
    {
        var window = new SeriesWindow(10);
        for (var i = 0; i < 6; i++)
        {
            window.Add(Point(i, i));
        }

        var points = window.PointsAfter(T0.AddSeconds(3));

        Assert.Equal([4, 5], points.Select(p => p.Value));
    }

    [Fact]
    public void PointsAfter_AfterWrap_CutoffStillAppliesInOrder()
    {
        var window = new SeriesWindow(3);
        for (var i = 0; i < 7; i++)
        {
            window.Add(Point(i, i));
        }

        Assert.Equal([5, 6], window.PointsAfter(T0.AddSeconds(4)).Select(p => p.Value));
        Assert.Empty(window.PointsAfter(T0.AddSeconds(6)));
    }

    [Fact]
    public void PointsAfter_ReturnedList_IsACopy()
    {
        var window = new SeriesWindow(3);
        window.Add(Point(1, 1));

        var copy = window.PointsAfter(DateTimeOffset.MinValue);
        copy.Clear();

        Assert.Single(window.PointsAfter(DateTimeOffset.MinValue));
    }

    [Fact]
    public void RunStart_NewestPointsHold_TimeOfTheOldestInThatRun()
    {
        var window = new SeriesWindow(4);
        foreach (var (second, value) in new[] { (1, 20.0), (2, 5.0), (3, 12.0), (4, 15.0), (5, 11.0) })
        {
            window.Add(Point(second, value));
        }

        // The ring holds seconds 2-5; the newest run over 10 is 3, 4, 5.
        Assert.Equal(T0.AddSeconds(3), window.RunStart(v => v > 10));
        Assert.Equal(T0.AddSeconds(2), window.RunStart(v => v > 0));
        Assert.Null(window.RunStart(v => v > 100));
        Assert.Null(new SeriesWindow(4).RunStart(_ => true));
    }
}
