using Coc.Core.Live;
using Coc.Core.Series;

namespace Coc.Web.Components.Tiles;

/// <summary>A list of series with their latest values; each row shows its own age and goes grey on its own.</summary>
public partial class StatusTile
{
    private List<Row> _rows = [];
    private (SeriesKey Key, LivePoint Point)? _newest;
    private TimeSpan? _age;
    private bool _allStale;

    protected override void Refresh()
    {
        _rows = Tile.Series.Select(series =>
        {
            var key = series.ToKey(out _);
            var freshness = key is null ? new Freshness(null, true) : FreshnessOf(key);
            return new Row(key?.Id ?? "", series.DisplayLabel, key is null ? null : Latest(key)?.Value, freshness.Age, freshness.IsStale);
        }).ToList();
        _newest = Newest();
        _age = _newest is { } n ? FreshnessOf(n.Key).Age : null;
        _allStale = AllStale;
    }

    private sealed record Row(string Id, string Label, double? Value, TimeSpan? Age, bool Stale);
}
