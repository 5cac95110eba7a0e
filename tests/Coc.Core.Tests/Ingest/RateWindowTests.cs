using Coc.Core.Ingest;

namespace Coc.Core.Tests.Ingest;

public sealed class RateWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LastMinute_AddsWithinTheMinute_SumsThem()
    {
        var window = new RateWindow();
        window.Add(10, T0);
        window.Add(5, T0.AddSeconds(30));

        Assert.Equal(15, window.LastMinute(T0.AddSeconds(59)));
        Assert.Equal(0.25, window.PerSecond(T0.AddSeconds(59)));
    }

    [Fact]
    public void LastMinute_OlderThanAMinute_Forgotten()
    {
        var window = new RateWindow();
        window.Add(10, T0);
        window.Add(5, T0.AddSeconds(30));

        Assert.Equal(5, window.LastMinute(T0.AddSeconds(60)));
        Assert.Equal(0, window.LastMinute(T0.AddSeconds(90)));
    }

    [Fact]
    public void Add_SameSlotAMinuteLater_ReplacesTheOldCount()
    {
        var window = new RateWindow();
        window.Add(100, T0);

        window.Add(1, T0.AddSeconds(60));

        Assert.Equal(1, window.LastMinute(T0.AddSeconds(60)));
    }
}
