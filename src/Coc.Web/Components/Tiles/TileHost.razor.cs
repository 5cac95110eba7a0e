using Coc.Core.Alarms;
using Coc.Core.Layouts;
using Coc.Core.Series;
using Coc.Web.Alarms;
using Microsoft.AspNetCore.Components;

namespace Coc.Web.Components.Tiles;

public partial class TileHost : IDisposable
{
    private IReadOnlyList<SeriesKey> _keys = [];
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
            _keys = Tile.Type == TileTypes.Alarms ? [] : Tile.SeriesKeys();
            _keySet = [.. _keys];
        }
        _alarm = Worst();
    }

    /// <summary>The worst open alarm on the tile's series; an unacknowledged one wins over an acknowledged one of the same severity.</summary>
    private Alarm? Worst()
    {
        Alarm? worst = null;
        foreach (var key in _keys)
        {
            if (Board.WorstFor(key) is { } alarm
                && (worst is null || alarm.Severity > worst.Severity || (alarm.Severity == worst.Severity && !alarm.IsAcknowledged && worst.IsAcknowledged)))
            {
                worst = alarm;
            }
        }
        return worst;
    }

    private string AlarmClass => _alarm is not { } alarm ? ""
        : $"tile-alarm tile-alarm-{AlarmText.SeverityName(alarm.Severity)} {(alarm.IsAcknowledged ? "tile-alarm-held" : "tile-alarm-flash")}";

    public void Dispose() => _watch?.Dispose();
}
