using Coc.Core.Layouts;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Coc.Web.Components.Tiles;

/// <summary>
/// What every live tile shares: it follows its series in the live state, re-renders through a
/// throttle (a lone update at once, bursts coalesced), ages once a second, and unsubscribes on
/// dispose — wall circuits live for weeks, so a missed dispose is a leak.
/// </summary>
public abstract class LiveTileBase : ComponentBase, IDisposable
{
    private IDisposable? _watch;
    private IDisposable? _tick;
    private RenderThrottle? _throttle;
    private readonly SingleFlight _update;
    private TileDefinition? _subscribedTile;
    private CapturedCulture _culture = CapturedCulture.Current;

    [Parameter, EditorRequired]
    public TileDefinition Tile { get; set; } = default!;

    [Inject]
    protected LiveState Live { get; set; } = default!;

    [Inject]
    protected WallClock Clock { get; set; } = default!;

    [Inject]
    protected ScreenTicker Ticker { get; set; } = default!;

    [Inject]
    protected IOptions<WallOptions> WallOptions { get; set; } = default!;

    protected LiveTileBase() => _update = new SingleFlight(() => InvokeAsync(OnThrottledUpdateAsync));

    protected IReadOnlyList<SeriesKey> Keys { get; private set; } = [];

    /// <summary>Each valid series of the tile with its key, built once per tile, not per render.</summary>
    protected IReadOnlyList<(TileSeries Series, SeriesKey Key)> Rows { get; private set; } = [];

    protected override void OnInitialized() => _culture = CapturedCulture.Current;

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_subscribedTile, Tile))
        {
            Refresh();
            return;
        }
        Unsubscribe();
        _subscribedTile = Tile;
        Rows = Tile.Series.Select(s => (Series: s, Key: s.ToKey(out _))).Where(r => r.Key is not null).Select(r => (r.Series, r.Key!)).ToArray();
        Keys = Rows.Select(r => r.Key).ToArray();
        _throttle = new RenderThrottle(Clock.Time, TimeSpan.FromMilliseconds(WallOptions.Value.TileRenderIntervalMs), RequestRender);
        var throttle = _throttle;
        // Watch before reading the state, so no sample falls between the first read and the subscription.
        _watch = Live.Watch(Keys, _ => throttle.Signal());
        _tick = Ticker.Subscribe(throttle.Signal);
        Refresh();
    }

    /// <summary>Reads the tile's view of the live state; called before every render.</summary>
    protected abstract void Refresh();

    /// <summary>Runs on the renderer's dispatcher after throttling; charts override it to push points to JS.</summary>
    protected virtual Task OnThrottledUpdateAsync()
    {
        Refresh();
        StateHasChanged();
        return Task.CompletedTask;
    }

    protected LivePoint? Latest(SeriesKey key) => Live.Get(key)?.Latest;

    protected Freshness FreshnessOf(SeriesKey key) => Freshness.Of(Live.Get(key)?.LastArrival, Clock.UtcNow, Tile.StaleAfter);

    private bool AllStale => Keys.All(k => FreshnessOf(k).IsStale);

    /// <summary>
    /// What the frame of a multi-series tile reports: the newest sample (data-value, data-ts), its
    /// age, and stale only when every series is (rows mark themselves).
    /// </summary>
    protected FrameState Summarize()
    {
        (SeriesKey Key, LivePoint Point)? newest = null;
        foreach (var key in Keys)
        {
            if (Latest(key) is { } p && (newest is null || p.ReceivedAt > newest.Value.Point.ReceivedAt))
            {
                newest = (key, p);
            }
        }
        return newest is { } n
            ? new FrameState(n.Point.Value, n.Point.Timestamp, FreshnessOf(n.Key).Age, AllStale)
            : new FrameState(null, null, null, true);
    }

    private async void RequestRender()
    {
        // Runs on an ingest or timer thread: render in the circuit's language, not the process's.
        _culture.Apply();
        try
        {
            // One update at a time: a chart's update awaits the browser, and a slow browser must
            // not make updates queue up on the server (they did: +330 MB/h in the soak bench).
            await _update.RequestAsync();
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the signal and the render: nothing to draw on.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private void Unsubscribe()
    {
        _watch?.Dispose();
        _tick?.Dispose();
        _throttle?.Dispose();
        _watch = _tick = null;
        _throttle = null;
    }

    public void Dispose()
    {
        Unsubscribe();
        GC.SuppressFinalize(this);
    }
}

/// <summary>What a tile's frame shows and reports in its data-* attributes.</summary>
public readonly record struct FrameState(double? Value, DateTimeOffset? Timestamp, TimeSpan? Age, bool Stale);
