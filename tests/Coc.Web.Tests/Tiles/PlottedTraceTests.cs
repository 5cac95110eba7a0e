using Coc.Web.Components.Tiles;

namespace Coc.Web.Tests.Tiles;

public class PlottedTraceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static IEnumerable<DateTimeOffset> EveryTenSeconds(int count, DateTimeOffset from) =>
        Enumerable.Range(0, count).Select(i => from.AddSeconds(10 * i));

    [Fact]
    public void Add_MoreThanMaxPoints_KeepsTheNewestMaxPoints()
    {
        var trace = new PlottedTrace(maxPoints: 5);

        trace.Add(EveryTenSeconds(8, T0));

        Assert.Equal(5, trace.Count);
        Assert.Equal(5, trace.TrimIfDue(cutoff: T0.AddSeconds(30), trimWhenOlderThan: T0.AddSeconds(31)));
    }

    [Fact]
    public void TrimIfDue_NothingOlderThanTheSlack_NoTrim()
    {
        var trace = new PlottedTrace(maxPoints: 3_600);
        trace.Add(EveryTenSeconds(360, T0)); // one hour, T0 .. T0+59:50

        Assert.Null(trace.TrimIfDue(cutoff: T0.AddMinutes(5), trimWhenOlderThan: T0));
        Assert.Equal(360, trace.Count);
    }

    [Fact]
    public void TrimIfDue_OldPointsBeyondTheSlack_KeepsOnlyTheWindow()
    {
        var trace = new PlottedTrace(maxPoints: 3_600);
        trace.Add(EveryTenSeconds(720, T0)); // two hours of a slow series: far under the count cap

        var keep = trace.TrimIfDue(cutoff: T0.AddHours(1), trimWhenOlderThan: T0.AddMinutes(54));

        Assert.Equal(360, keep);
        Assert.Equal(360, trace.Count);
        Assert.Null(trace.TrimIfDue(cutoff: T0.AddHours(1), trimWhenOlderThan: T0.AddMinutes(54)));
    }

    [Fact]
    public void TrimIfDue_AllPointsOld_KeepsNone()
    {
        var trace = new PlottedTrace(maxPoints: 100);
        trace.Add(EveryTenSeconds(10, T0));

        Assert.Equal(0, trace.TrimIfDue(cutoff: T0.AddHours(2), trimWhenOlderThan: T0.AddHours(1)));
    }
}
