using System.Globalization;
using Coc.Core.Ingest;
using Coc.Core.Layouts;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Web.Alarms;
using Coc.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Web.Tests.Alarms;

public sealed class ThresholdAlarmsTests
{
    private static readonly SeriesKey AngsoDuo = SeriesKey.Create("water_level", "value", ("sensor", "pos-angso-duo"));
    private static readonly SeriesKey TanggoRajo = SeriesKey.Create("water_level", "value", ("sensor", "pos-tanggo-rajo"));
    private static readonly SeriesKey Pm25 = SeriesKey.Create("pm25", "value", ("sensor", "ispu-telanaipura"));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));
    private readonly LiveState _live = new(windowCapacity: 100);
    private readonly FeedStats _feeds = new();
    private readonly List<WallLayout> _walls = [];
    private readonly ThresholdAlarms _alarms;

    public ThresholdAlarmsTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
        _alarms = new ThresholdAlarms(() => _walls, _live, _feeds, Options.Create(new FeedsOptions()), _time);
    }

    internal static TileDefinition River(string id, string sensor) => new()
    {
        Id = id,
        Type = TileTypes.Kpi,
        Title = "Batanghari · " + sensor,
        Unit = "m",
        Decimals = 2,
        StaleAfterSeconds = 20,
        Series = [new TileSeries { Measurement = "water_level", Field = "value", Tags = new() { ["sensor"] = sensor } }],
        Thresholds =
        [
            new Threshold { From = 0, Level = ThresholdLevels.Ok, Label = "Normal" },
            new Threshold { From = 12.5, Level = ThresholdLevels.Warning, Label = "Siaga 2" },
            new Threshold { From = 13.5, Level = ThresholdLevels.Critical, Label = "Siaga 1" },
        ],
    };

    private void Publish(SeriesKey key, double value) => _live.Apply([new Sample(key, _time.GetUtcNow(), value)], _time.GetUtcNow());

    [Fact]
    public void Current_ValueOverCriticalThreshold_IsCriticalAlarmWithValueUnitAndLabel()
    {
        _walls.Add(TestWalls.Wall(River("river-angso-duo", "pos-angso-duo")));

        Publish(AngsoDuo, 13.62);

        var alarm = Assert.Single(_alarms.Current(10).Alarms);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Equal("Batanghari · pos-angso-duo", alarm.Title);
        Assert.Equal("13,62 m · Siaga 1", alarm.Detail);
        Assert.Equal("uji/river-angso-duo", alarm.Source);
        Assert.Equal(_time.GetUtcNow(), alarm.Since);
        Assert.False(alarm.Stale);
    }

    [Fact]
    public void Current_ValueBackToOk_AlarmGone()
    {
        _walls.Add(TestWalls.Wall(River("river-angso-duo", "pos-angso-duo")));
        Publish(AngsoDuo, 13.62);
        Assert.Single(_alarms.Current(10).Alarms);

        _time.Advance(TimeSpan.FromSeconds(1));
        Publish(AngsoDuo, 11.0);

        Assert.Empty(_alarms.Current(10).Alarms);
        Assert.Equal(0, _alarms.Current(10).Total);
    }

    [Fact]
    public void Current_OkAndInfoLevels_AreNoAlarms()
    {
        var tile = River("river-angso-duo", "pos-angso-duo");
        tile.Thresholds.Add(new Threshold { From = 11.5, Level = ThresholdLevels.Info });
        _walls.Add(TestWalls.Wall(tile));

        Publish(AngsoDuo, 12.0);

        Assert.Empty(_alarms.Current(10).Alarms);
    }

    [Fact]
    public void Current_SinceIsWhenTheSeriesEnteredItsLevel()
    {
        _walls.Add(TestWalls.Wall(River("river-angso-duo", "pos-angso-duo")));
        Publish(AngsoDuo, 12.0);
        _time.Advance(TimeSpan.FromMinutes(1));
        var entered = _time.GetUtcNow();
        Publish(AngsoDuo, 12.6);
        _time.Advance(TimeSpan.FromMinutes(1));
        Publish(AngsoDuo, 12.9);

        Assert.Equal(entered, Assert.Single(_alarms.Current(10).Alarms).Since);
    }

    [Fact]
    public void Current_CriticalAndWarnings_CriticalFirstThenNewest()
    {
        var pm = new TileDefinition
        {
            Id = "pm25", Type = TileTypes.Kpi, Title = "PM2.5", Unit = "µg/m³", Decimals = 0,
            Series = [new TileSeries { Measurement = "pm25", Field = "value", Tags = new() { ["sensor"] = "ispu-telanaipura" } }],
            Thresholds = [new Threshold { From = 0, Level = "ok" }, new Threshold { From = 55.5, Level = "warning", Label = "Tidak Sehat" }],
        };
        _walls.Add(TestWalls.Wall(River("river-angso-duo", "pos-angso-duo"), River("river-tanggo-rajo", "pos-tanggo-rajo"), pm));
        Publish(TanggoRajo, 12.7);
        _time.Advance(TimeSpan.FromMinutes(1));
        Publish(AngsoDuo, 13.9);
        _time.Advance(TimeSpan.FromMinutes(1));
        Publish(Pm25, 80);

        var alarms = _alarms.Current(10).Alarms;

        Assert.Equal([AngsoDuo.Id, Pm25.Id, TanggoRajo.Id], alarms.Select(a => a.Id));
        Assert.Equal([AlarmSeverity.Critical, AlarmSeverity.Warning, AlarmSeverity.Warning], alarms.Select(a => a.Severity));
        Assert.Equal("80 µg/m³ · Tidak Sehat", alarms[1].Detail);
    }

    [Fact]
    public void Current_MoreAlarmsThanMax_ReturnsMaxAndTheTotal()
    {
        _walls.Add(TestWalls.Wall(River("river-angso-duo", "pos-angso-duo"), River("river-tanggo-rajo", "pos-tanggo-rajo")));
        Publish(AngsoDuo, 13.9);
        Publish(TanggoRajo, 12.7);

        var snapshot = _alarms.Current(1);

        Assert.Equal(AngsoDuo.Id, Assert.Single(snapshot.Alarms).Id);
        Assert.Equal(2, snapshot.Total);
    }

    [Fact]
    public void Current_SameSeriesOnTwoTiles_OneAlarmAtTheWorstLevel()
    {
        var chart = River("river-chart", "pos-angso-duo");
        chart.Type = TileTypes.Timeseries;
        chart.Thresholds = [new Threshold { From = 12.5, Level = "warning" }];
        _walls.Add(TestWalls.Wall(chart, River("river-angso-duo", "pos-angso-duo")));

        Publish(AngsoDuo, 13.9);

        var alarm = Assert.Single(_alarms.Current(10).Alarms);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Equal("uji/river-angso-duo", alarm.Source);
    }

    [Fact]
    public void Current_SeriesStoppedAtCritical_StillListedAndMarkedStale()
    {
        _walls.Add(TestWalls.Wall(River("river-angso-duo", "pos-angso-duo")));
        Publish(AngsoDuo, 13.9);

        _time.Advance(TimeSpan.FromSeconds(21));

        Assert.True(Assert.Single(_alarms.Current(10).Alarms).Stale);
    }

    [Fact]
    public void Current_MapRegionOverThreshold_AlarmNamesTheKecamatan()
    {
        var map = new TileDefinition
        {
            Id = "peta", Type = TileTypes.Map, Title = "Pengaduan terbuka", Decimals = 0,
            Series = [new TileSeries { Measurement = "water_level", Field = "value", Tags = new() { ["sensor"] = "pos-angso-duo" }, Lat = -1.587, Lon = 103.617 }],
            Regions = new TileSeries { Measurement = "complaints_open", Field = "count", Tags = new() { ["source"] = "sikesal" } },
            Thresholds = [new Threshold { From = 0, Level = "ok" }, new Threshold { From = 25, Level = "critical", Label = "Menumpuk" }],
        };
        _walls.Add(TestWalls.Wall(map, River("river-angso-duo", "pos-angso-duo")));

        Publish(SeriesKey.Create("complaints_open", "count", ("source", "sikesal"), ("district", "kota-baru")), 30);
        // The gauge is judged by its own tile's thresholds (12.0 is ok there), not the map's complaint levels.
        Publish(AngsoDuo, 12.0);

        var alarm = Assert.Single(_alarms.Current(10).Alarms);
        Assert.Equal("Pengaduan terbuka · Kota Baru", alarm.Title);
        Assert.Equal("30 · Menumpuk", alarm.Detail);
    }

    [Fact]
    public void Current_FeedWithoutSamplesForLongerThanStaleAfter_ListedAsStaleFeed()
    {
        var ok = new ParseResult("atcs");
        ok.Samples.Add(new Sample(AngsoDuo, _time.GetUtcNow(), 1));
        _feeds.Record(ok, _time.GetUtcNow());
        var last = _time.GetUtcNow();
        Assert.Empty(_alarms.Current(10).Alarms);

        _time.Advance(TimeSpan.FromSeconds(301));

        var alarm = Assert.Single(_alarms.Current(10).Alarms);
        Assert.Equal(AlarmSeverity.Warning, alarm.Severity);
        Assert.Equal("feed:atcs", alarm.Source);
        Assert.Equal("Umpan atcs: data lama", alarm.Title);
        Assert.Equal(last.AddSeconds(300), alarm.Since);
    }

    [Fact]
    public void Current_FeedSendingOnlyRubbish_ListedAsErroringSinceFirstSeen()
    {
        var bad = new ParseResult("sensors");
        bad.Rejections.Add(new Rejection("sensors", "bad-field", "x", "coc/sensors/x", _time.GetUtcNow()));
        _feeds.Record(bad, _time.GetUtcNow());
        var first = _time.GetUtcNow();
        Assert.Equal(first, Assert.Single(_alarms.Current(10).Alarms).Since);

        _time.Advance(TimeSpan.FromSeconds(10));

        var alarm = Assert.Single(_alarms.Current(10).Alarms);
        Assert.Equal("Umpan sensors: banyak ditolak", alarm.Title);
        Assert.Equal(first, alarm.Since);
    }

    [Fact]
    public void AddCocAlarms_WithTheAppsServices_ResolvesOneThresholdAlarmsSingleton()
    {
        using var folder = new TempFolder();
        using var store = TestWalls.Store(folder, TestWalls.Wall(River("river-angso-duo", "pos-angso-duo")));
        var services = new ServiceCollection()
            .AddSingleton(store).AddSingleton(_live).AddSingleton(_feeds).AddSingleton<TimeProvider>(_time)
            .AddSingleton(Options.Create(new FeedsOptions()));

        using var provider = services.AddCocAlarms().BuildServiceProvider();
        Publish(AngsoDuo, 13.9);

        var alarms = provider.GetRequiredService<IActiveAlarms>();
        Assert.Same(provider.GetRequiredService<ThresholdAlarms>(), alarms);
        Assert.Equal("uji/river-angso-duo", Assert.Single(alarms.Current(10).Alarms).Source);
    }
}
