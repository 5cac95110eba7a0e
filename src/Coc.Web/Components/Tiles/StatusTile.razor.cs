using Coc.Core.Live;

namespace Coc.Web.Components.Tiles;

/// <summary>A list of series with their latest values; each row shows its own age and goes grey on its own.</summary>
public partial class StatusTile
{
    private List<Row> _rows = [];
    private FrameState _frame;

    protected override void Refresh()
    {
        _rows = Tile.Series.Select(series =>
        {
            var key = series.ToKey(out _);
            var freshness = key is null ? new Freshness(null, true) : FreshnessOf(key);
            return new Row(key?.Id ?? "", series.DisplayLabel, key is null ? null : Latest(key)?.Value, freshness.Age, freshness.IsStale);
        }).ToList();
        _frame = Summarize();
    }

    private sealed record Row(string Id, string Label, double? Value, TimeSpan? Age, bool Stale);
}
