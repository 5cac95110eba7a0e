using Coc.Tests.Shared;
using System.Globalization;
using Bunit;
using Coc.Core.Alarms;
using Coc.Core.Layouts;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Storage;
using Coc.Storage.Embedded;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace Coc.Web.Tests.Tiles;

/// <summary>
/// A bUnit context with the real live state, a real embedded store in a temp folder and a fake clock.
/// MudBlazor's services are async-disposable only, so tests dispose this through IAsyncLifetime.
/// </summary>
public abstract class TileTestContext : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    /// <summary>The default tile render interval: after it, a coalesced update is drawn.</summary>
    protected static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(new WallOptions().TileRenderIntervalMs);

    protected TileTestContext()
    {
        // Screens run in Bahasa Indonesia by default (request localization); so do these tests.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddSingleton<TimeProvider>(Time);
        Context.Services.AddSingleton(Live);
        Context.Services.AddSingleton(Options.Create(new WallOptions()));
        Context.Services.AddSingleton<WallClock>();
        Context.Services.AddScoped<ScreenTicker>();
        Context.Services.AddSingleton<ITimeSeriesStore>(Store);
        // Every tile host watches the alarm board: the real engine, fed by the tests through Alarms.
        Context.Services.AddSingleton<IAlarmBoard>(Alarms);
        Context.Services.AddMudServices();
    }

    protected BunitContext Context { get; } = new();

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));

    protected LiveState Live { get; } = new(windowCapacity: 100);

    protected MemoryAlarmJournal Journal { get; } = new();

    /// <summary>No rules until a test sets some; <see cref="Publish"/> hands it every sample, as AlarmEvaluator does.</summary>
    protected AlarmEngine Alarms => _alarms ??= new AlarmEngine(Time, Journal, _ => null);

    private AlarmEngine? _alarms;

    protected EmbeddedTimeSeriesStore Store => _store ??= new EmbeddedTimeSeriesStore(_folder.Path, 30, Time, NullLogger<EmbeddedTimeSeriesStore>.Instance);

    private EmbeddedTimeSeriesStore? _store;

    protected void Publish(SeriesKey key, double value, DateTimeOffset? ts = null)
    {
        Sample[] batch = [new Sample(key, ts ?? Time.GetUtcNow(), value)];
        Live.Apply(batch, Time.GetUtcNow());
        Alarms.Observe(batch);
    }

    /// <summary>Several series in one ingest batch, as one MQTT message with several fields would arrive.</summary>
    protected void PublishBatch(params (TileSeries Series, double Value)[] values) =>
        Live.Apply([.. values.Select(v => new Sample(Key(v.Series), Time.GetUtcNow(), v.Value))], Time.GetUtcNow());

    protected static TileDefinition Tile(string type, params TileSeries[] series) => new()
    {
        Id = $"{type}-tile",
        Type = type,
        Title = $"Judul {type}",
        Unit = "m",
        Decimals = 2,
        StaleAfterSeconds = 10,
        Series = [.. series],
    };

    protected static TileSeries Series(string measurement, string field, string sensor, string? label = null) =>
        new() { Measurement = measurement, Field = field, Tags = new() { ["sensor"] = sensor }, Label = label };

    protected static SeriesKey Key(TileSeries series) => series.ToKey(out _)!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        _store?.Dispose();
        _folder.Dispose();
    }
}
