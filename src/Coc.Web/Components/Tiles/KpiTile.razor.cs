using Coc.Core.Live;

namespace Coc.Web.Components.Tiles;

/// <summary>A big number with unit, a trend arrow against five minutes ago, and its threshold colour.</summary>
public partial class KpiTile
{
    /// <summary>Changes smaller than this share of the value read as steady, so noise does not flicker the arrow.</summary>
    private const double SteadyBand = 0.01;
    private static readonly TimeSpan TrendSpan = TimeSpan.FromMinutes(5);

    private LivePoint? _point;
    private FrameState _frame;
    private string? _trend;

    protected override void Refresh()
    {
        var key = Keys[0];
        _point = Latest(key);
        var freshness = FreshnessOf(key);
        _frame = new FrameState(_point?.Value, _point?.Timestamp, freshness.Age, freshness.IsStale);
        _trend = _point is { } p ? TrendOf(key, p) : null;
    }

    private string? TrendOf(Coc.Core.Series.SeriesKey key, LivePoint latest)
    {
        var window = Live.Get(key)?.PointsAfter(latest.Timestamp - TrendSpan);
        if (window is null || window.Count < 2)
        {
            return null;
        }
        var then = window[0].Value;
        var band = Math.Max(Math.Abs(then) * SteadyBand, 1e-9);
        return latest.Value - then > band ? "up" : then - latest.Value > band ? "down" : "flat";
    }
}
