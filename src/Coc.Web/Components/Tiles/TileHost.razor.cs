using Coc.Core.Alarms;
using Coc.Core.Layouts;
using Coc.Core.Series;
using Coc.Web.Alarms;
using Microsoft.AspNetCore.Components;

namespace Coc.Web.Components.Tiles;

public partial class TileHost : IDisposable
{
    private HashSet<SeriesKey> _keySet = [];
    private TileDefinition? _keysOf;
    private IDisposable? _watch;
    private Alarm? _alarm;

    [Parameter, EditorRequired]
    public TileDefinition Tile { get; set; } = default!;

    [Inject]
    private IAlarmBoard Board { get; set; } = default!;

    protected override void OnInitialized() =>
        // Transitions arrive on ingest threads; only those about this tile's series cost a render.
        _watch = Board.Watch(t =>
        {
            if (t.After.Series is { } series && _keySet.Contains(series))
            {
                _ = InvokeAsync(() =>
                {
                    _alarm = Worst();
                    StateHasChanged();
                });
            }
        });

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_keysOf, Tile))
        {
            _keysOf = Tile;
            _keySet = Tile.Type == TileTypes.Alarms ? [] : [.. Tile.SeriesKeys()];
        }
        _alarm = Worst();
    }

    /// <summary>The worst open alarm on the tile's series, in the board's order (worst, then unacknowledged first).</summary>
    private Alarm? Worst() => _keySet.Count == 0 ? null : Board.WorstFor(_keySet);

    private string AlarmClass => _alarm is not { } alarm ? ""
        : $"tile-alarm tile-alarm-{AlarmText.SeverityName(alarm.Severity)} {(alarm.IsAcknowledged ? "tile-alarm-held" : "tile-alarm-flash")}";

    public void Dispose() => _watch?.Dispose();
}
