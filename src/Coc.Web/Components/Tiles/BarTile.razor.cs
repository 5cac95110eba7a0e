using Coc.Core.Live;

namespace Coc.Web.Components.Tiles;

/// <summary>Horizontal bars, one per series (e.g. complaints by category), scaled to the largest.</summary>
public partial class BarTile
{
    private List<Bar> _bars = [];
    private FrameState _frame;

    protected override void Refresh()
    {
        var bars = new List<Bar>(Rows.Count);
        foreach (var (series, key) in Rows)
        {
            bars.Add(new Bar(key.Id, series.DisplayLabel, Latest(key)?.Value, FreshnessOf(key).IsStale, 0));
        }
        var max = bars.Max(b => Math.Abs(b.Value ?? 0));
        _bars = bars.Select(b => b with { Percent = max > 0 ? Math.Abs(b.Value ?? 0) / max * 100 : 0 }).ToList();
        _frame = Summarize();
    }

    private sealed record Bar(string Id, string Label, double? Value, bool Stale, double Percent);
}
