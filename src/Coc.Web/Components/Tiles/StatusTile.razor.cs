using Coc.Core.Live;

namespace Coc.Web.Components.Tiles;

/// <summary>A list of series with their latest values; each row shows its own age and goes grey on its own.</summary>
public partial class StatusTile
{
    private List<Row> _rows = [];
    private FrameState _frame;

    protected override void Refresh()
    {
        _rows = Rows.Select(row =>
        {
            var freshness = FreshnessOf(row.Key);
            return new Row(row.Key.Id, row.Series.DisplayLabel, Latest(row.Key)?.Value, freshness.Age, freshness.IsStale);
        }).ToList();
        _frame = Summarize();
    }

    private sealed record Row(string Id, string Label, double? Value, TimeSpan? Age, bool Stale);
}
