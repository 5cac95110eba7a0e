using System.Globalization;
using Coc.Core.Complaints;
using Coc.Core.Layouts;
using Coc.Core.Live;
using Coc.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using static Coc.Web.Localization.UiText;

namespace Coc.Web.Components.Tiles;

/// <summary>
/// The newest complaint events (SiKesal, Call Center 112), newest first, scrolling upward by CSS when
/// there are more than fit. Follows <see cref="RecentComplaints"/> and the circuit's ticker through a
/// render throttle, and lets go of both on dispose.
/// </summary>
public partial class TickerTile : ComponentBase, IDisposable
{
    /// <summary>Rows the tile shows at once (CSS sizes a row as a fifth of the body); more than this scroll.</summary>
    public const int VisibleRows = 5;

    /// <summary>Seconds a row takes to cross: slow enough to read from across the room.</summary>
    private const double SecondsPerRow = 3;

    private IDisposable? _watch;
    private IDisposable? _tick;
    private RenderThrottle? _throttle;
    private CapturedCulture _culture = CapturedCulture.Current;
    private IReadOnlyList<Row> _rows = [];
    private long _version = -1;
    private int _countFor = -1;
    private FrameState _frame;

    [Parameter, EditorRequired]
    public TileDefinition Tile { get; set; } = default!;

    [Inject]
    private RecentComplaints Recent { get; set; } = default!;

    [Inject]
    private WallClock Clock { get; set; } = default!;

    [Inject]
    private ScreenTicker Ticker { get; set; } = default!;

    [Inject]
    private IOptions<WallOptions> WallOptions { get; set; } = default!;

    private bool Scrolls => _rows.Count > VisibleRows;

    private string Duration => (_rows.Count * SecondsPerRow).ToString(CultureInfo.InvariantCulture) + "s";

    protected override void OnInitialized()
    {
        _culture = CapturedCulture.Current;
        _throttle = new RenderThrottle(Clock.Time, TimeSpan.FromMilliseconds(WallOptions.Value.TileRenderIntervalMs), RequestRender);
        var throttle = _throttle;
        // Watch before the first read, so no event falls between.
        _watch = Recent.Watch(throttle.Signal);
        _tick = Ticker.Subscribe(throttle.Signal);
    }

    protected override void OnParametersSet() => Refresh();

    private void Refresh()
    {
        var count = Math.Max(Tile.Count, 0);
        var version = Recent.Version;
        if (version != _version || count != _countFor)
        {
            // Only rebuild rows when events arrived; the once-a-second tick just ages the frame.
            _version = version;
            _countFor = count;
            _rows = [.. Recent.Latest(count).Select(ToRow)];
        }
        var now = Clock.UtcNow;
        _frame = _rows.Count == 0
            ? new FrameState(null, null, null, true)
            : new FrameState(_rows.Count, _rows[0].Timestamp, now - _rows[0].ReceivedAt, now - _rows[0].ReceivedAt > Tile.StaleAfter);
    }

    private Row ToRow(RecentComplaint c)
    {
        var e = c.Event;
        return new Row(
            Key: $"{e.Source}/{e.Id}/{e.Status.ToWire()}",
            Timestamp: e.Timestamp,
            ReceivedAt: c.ReceivedAt,
            Time: Clock.ToLocal(e.Timestamp).ToString("HH':'mm", CultureInfo.InvariantCulture),
            Source: SourceName(e.Source),
            Category: Humanize(e.Category),
            District: Humanize(e.District),
            Status: e.Status.ToWire(),
            StatusText: T("complaint.status." + e.Status.ToWire()));
    }

    private static string SourceName(string source)
    {
        var key = "complaint.source." + source;
        var name = T(key);
        return name == key ? source.ToUpperInvariant() : name;
    }

    /// <summary>"jalan-rusak" → "Jalan Rusak": slugs are for machines, the wall is for people.</summary>
    public static string Humanize(string slug) =>
        string.Join(' ', slug.Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private async void RequestRender()
    {
        _culture.Apply();
        try
        {
            await InvokeAsync(() =>
            {
                Refresh();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the signal and the render.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _tick?.Dispose();
        _throttle?.Dispose();
        _watch = _tick = null;
        _throttle = null;
        GC.SuppressFinalize(this);
    }

    private sealed record Row(string Key, DateTimeOffset Timestamp, DateTimeOffset ReceivedAt, string Time, string Source,
        string Category, string District, string Status, string StatusText);
}
