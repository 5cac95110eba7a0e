using Coc.Core.Live;

namespace Coc.Core.Tests.Live;

public class FreshnessTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    [Fact]
    public void Of_NoData_StaleWithoutAge()
    {
        var freshness = Freshness.Of(null, Now, StaleAfter);

        Assert.True(freshness.IsStale);
        Assert.Null(freshness.Age);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12.5)]
    [InlineData(30)]
    public void Of_AgeWithinStaleAfter_Fresh(double ageSeconds)
    {
        var freshness = Freshness.Of(Now.AddSeconds(-ageSeconds), Now, StaleAfter);

        Assert.False(freshness.IsStale);
        Assert.Equal(TimeSpan.FromSeconds(ageSeconds), freshness.Age);
    }

    [Theory]
    [InlineData(30.001)]
    [InlineData(3600)]
    public void Of_AgeBeyondStaleAfter_Stale(double ageSeconds)
    {
        var freshness = Freshness.Of(Now.AddSeconds(-ageSeconds), Now, StaleAfter);

        Assert.True(freshness.IsStale);
        Assert.Equal(TimeSpan.FromSeconds(ageSeconds), freshness.Age);
    }

    [Fact]
    public void Of_ArrivalAfterNow_AgeClampedToZeroAndFresh()
    {
        var freshness = Freshness.Of(Now.AddSeconds(5), Now, StaleAfter);

        Assert.Equal(TimeSpan.Zero, freshness.Age);
        Assert.False(freshness.IsStale);
    }

    [Fact]
    public void Of_DifferentOffsets_ComparedAsInstants()
    {
        var wib = TimeSpan.FromHours(7);

        var freshness = Freshness.Of(Now.ToOffset(wib).AddSeconds(-10), Now, StaleAfter);

        Assert.Equal(TimeSpan.FromSeconds(10), freshness.Age);
    }
}
