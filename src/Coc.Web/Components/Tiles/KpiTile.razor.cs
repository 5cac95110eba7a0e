using Coc.Core.Layouts;
using Coc.Core.Live;

namespace Coc.Web.Components.Tiles;

/// <summary>A big number with unit, a trend arrow against five minutes ago, its threshold colour and that threshold's label.</summary>
public partial class KpiTile
{
    /// <summary>Changes smaller than this share of the value read as steady, so noise does not flicker the arrow.</summary>
    private const double SteadyBand = 0.01;
    private static readonly TimeSpan TrendSpan = TimeSpan.FromMinutes(5);

    private LivePoint? _point;
    private FrameState _frame;
    private string? _trend;
    private string? _label;

    protected override void Refresh()
    {
        var key = Keys[0];
        _point = Latest(key);
        var freshness = FreshnessOf(key);
        _frame = new FrameState(_point?.Value, _point?.Timestamp, freshness.Age, freshness.IsStale);
        _trend = _point is { } p ? TrendOf(key, p) : null;
        _label = _point is { } v && ThresholdLevels.Reached(Tile.Thresholds, v.Value)?.Label is { Length: > 0 } label ? label : null;
    }

    private string? TrendOf(Coc.Core.Series.SeriesKey key, LivePoint latest)
    {
        // Runs on every render: read the one point five minutes back, never copy the window.
        if (Live.Get(key)?.FirstAfter(latest.Timestamp - TrendSpan) is not { } then || then.Timestamp == latest.Timestamp)
        {
            return null;
        }
        var band = Math.Max(Math.Abs(then.Value) * SteadyBand, 1e-9);
        return latest.Value - then.Value > band ? "up" : then.Value - latest.Value > band ? "down" : "flat";
    }
}
