using System.Globalization;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Coc.Web.Components.Tiles;

/// <summary>
/// A Plotly line chart of the last N minutes: history from the store first, then extended live.
/// Points are added only after the chart's first render, or Plotly would draw them twice.
/// </summary>
public partial class TimeseriesTile
{
    private static readonly string[] Palette = ["#4fc3f7", "#ffb74d", "#81c784", "#f06292", "#ba68c8", "#e0e0e0"];

    [Inject]
    private ITimeSeriesStore Store { get; set; } = default!;

    [Inject]
    private ILogger<TimeseriesTile> Logger { get; set; } = default!;

    /// <summary>Set by the tablet overview, where a screen is drawn a third of its size.</summary>
    [CascadingParameter(Name = "Compact")]
    public bool Compact { get; set; }

    private PlotlyChart? _chart;
    private IList<ITrace>? _data;
    private Plotly.Blazor.Layout _layout = new();
    private Config _config = new();
    private DateTimeOffset[] _lastPlotted = [];
    private PlottedTrace[] _plotted = [];
    private bool _chartReady;
    private FrameState _frame;

    /// <summary>Most points one trace keeps in the browser; older ones scroll out. Bounds browser memory.</summary>
    private int MaxPoints => Math.Clamp(Tile.Minutes * 60, 60, 7_200);

    protected override void Refresh()
    {
        _frame = Summarize();
    }

    private Coc.Core.Layouts.TileDefinition? _loadedFor;

    protected override async Task OnParametersSetAsync()
    {
        if (ReferenceEquals(_loadedFor, Tile))
        {
            return;
        }
        _loadedFor = Tile;
        _chartReady = false;
        _data = null;
        var to = Clock.UtcNow;
        var from = to - TimeSpan.FromMinutes(Tile.Minutes);
        var traces = new List<ITrace>();
        _lastPlotted = new DateTimeOffset[Keys.Count];
        _plotted = new PlottedTrace[Keys.Count];
        for (var i = 0; i < Keys.Count; i++)
        {
            var history = await LoadHistoryAsync(Keys[i], from, to);
            var x = new List<object>(history.Count);
            var y = new List<object>(history.Count);
            _plotted[i] = new PlottedTrace(MaxPoints);
            foreach (var (ts, value) in history.TakeLast(MaxPoints))
            {
                x.Add(ChartTime(ts));
                y.Add(value);
            }
            _plotted[i].Add(history.TakeLast(MaxPoints).Select(p => p.Timestamp));
            _lastPlotted[i] = history.Count > 0 ? history[^1].Timestamp : from;
            traces.Add(new Scatter
            {
                Name = Rows[i].Series.DisplayLabel,
                Mode = ModeFlag.Lines,
                X = x,
                Y = y,
                Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = Palette[i % Palette.Length], Width = 3 },
            });
        }
        _layout = ChartLayout();
        _config = new Config { DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False, Responsive = true, StaticPlot = true };
        _data = traces;
    }

    /// <summary>The store's history joined to what the live window has beyond it.</summary>
    private async Task<List<StoredPoint>> LoadHistoryAsync(SeriesKey key, DateTimeOffset from, DateTimeOffset to)
    {
        var points = new List<StoredPoint>();
        try
        {
            points.AddRange(await Store.QueryAsync(key, from, to));
        }
        catch (Exception)
        {
            // History is a nicety; the live window still draws. The store's own health check reports the fault.
        }
        var after = points.Count > 0 ? points[^1].Timestamp : from;
        points.AddRange((Live.Get(key)?.PointsAfter(after) ?? []).Select(p => new StoredPoint(p.Timestamp, p.Value)));
        return points;
    }

    // Plotly calls this once the chart exists in the browser; the next tick (≤ 1 s) adds what arrived meanwhile.
    private void OnChartReady() => _chartReady = true;

    protected override async Task OnThrottledUpdateAsync()
    {
        await base.OnThrottledUpdateAsync();
        await ExtendAsync();
    }

    private async Task ExtendAsync()
    {
        if (!_chartReady || _chart is null)
        {
            return;
        }
        var xs = new List<IEnumerable<object>>();
        var ys = new List<IEnumerable<object>>();
        var indices = new List<int>();
        for (var i = 0; i < Keys.Count; i++)
        {
            var fresh = Live.Get(Keys[i])?.PointsAfter(_lastPlotted[i]) ?? [];
            if (fresh.Count == 0)
            {
                continue;
            }
            _lastPlotted[i] = fresh[^1].Timestamp;
            _plotted[i].Add(fresh.Select(p => p.Timestamp));
            xs.Add(fresh.Select(p => (object)ChartTime(p.Timestamp)).ToList());
            ys.Add(fresh.Select(p => (object)p.Value).ToList());
            indices.Add(i);
        }
        try
        {
            if (indices.Count > 0)
            {
                await _chart.ExtendTraces(xs, ys, indices, MaxPoints);
            }
            await TrimToWindowAsync(_chart);
        }
        catch (JSDisconnectedException)
        {
            // The browser went away; the circuit is closing.
        }
        catch (JSException ex)
        {
            // One chart failing in the browser must not take the whole screen's circuit down.
            Logger.LogWarning(ex, "Chart of tile {Tile} could not be extended", Tile.Id);
        }
    }

    /// <summary>
    /// Drops points older than the tile's window from the browser, trace by trace, once they are a
    /// tenth of the window (at least 30 s) past it: a few calls per window, not one per update.
    /// </summary>
    private async Task TrimToWindowAsync(PlotlyChart chart)
    {
        var window = TimeSpan.FromMinutes(Tile.Minutes);
        var cutoff = Clock.UtcNow - window;
        var slack = TimeSpan.FromTicks(Math.Max(window.Ticks / 10, TimeSpan.FromSeconds(30).Ticks));
        for (var i = 0; i < _plotted.Length; i++)
        {
            // Plotly's extendTraces with nothing to add and a maximum only trims (a maximum of 0 empties the trace).
            if (_plotted[i].TrimIfDue(cutoff, cutoff - slack) is { } keep)
            {
                await chart.ExtendTraces([Array.Empty<object>()], [Array.Empty<object>()], [i], keep);
            }
        }
    }

    /// <summary>Plotly takes zone-less date strings as they are: give it wall time (WIB), so the axis reads WIB.</summary>
    private string ChartTime(DateTimeOffset utc) => Clock.ToLocal(utc).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private Plotly.Blazor.Layout ChartLayout() => new()
    {
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        // Plotly sizes text in pixels: large on a wall monitor, small when the screen is drawn scaled down.
        Font = new Font { Color = "#c9d6e3", Size = Compact ? 8 : 18 },
        Margin = Compact ? new Margin { L = 24, R = 4, T = 2, B = 14 } : new Margin { L = 60, R = 16, T = 8, B = 36 },
        ShowLegend = Keys.Count > 1 && !Compact,
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.15m }],
        // At most six ticks at steps Plotly picks. Never a fixed step (dtick): an empty trace's date axis
        // spans a whole year by default, and ten-minute ticks over a year froze the browser for 20 s.
        // Labels: seconds only while ticks are under a minute apart, and no date line (the wall has a clock).
        XAxis = [new XAxis
        {
            Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date,
            GridColor = "#24303c",
            NTicks = 6,
            TickFormatStops =
            [
                new Plotly.Blazor.LayoutLib.XAxisLib.TickFormatStop { DTickRange = [null, 59_000], Value = "%H:%M:%S" },
                new Plotly.Blazor.LayoutLib.XAxisLib.TickFormatStop { DTickRange = [60_000, null], Value = "%H:%M" },
            ],
        }],
        YAxis = [new YAxis { GridColor = "#24303c", ZeroLine = false }],
        AutoSize = true,
    };
}
