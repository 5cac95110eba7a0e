using Coc.Core.Series;
using Coc.Storage.Influx;
using Coc.Storage.Tests.Support;
using Coc.Tests.Shared;

namespace Coc.Storage.Tests.Influx;

/// <summary>The contract against a real influxd, plus what only InfluxDB needs: exact tag sets, escaping, refused points.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class InfluxTimeSeriesStoreTests(InfluxdFixture influxd) : TimeSeriesStoreContractTests
{
    private readonly TempFolder _spool = new();
    private readonly InfluxOptions _options = influxd.NewDatabase();
    private InfluxTimeSeriesStore _store = null!;

    private InfluxServer Server => influxd.Server;

    protected override Task<ITimeSeriesStore> CreateStoreAsync()
    {
        _store = new InfluxTimeSeriesStore(_options, _spool.Path, TimeProvider.System, new CollectingLogger<InfluxTimeSeriesStore>());
        return Task.FromResult<ITimeSeriesStore>(_store);
    }

    protected override async Task DestroyStoreAsync()
    {
        await _store.DisposeAsync();
        _spool.Dispose();
        await Server.ExecuteAsync($"DROP DATABASE {InfluxQl.Ident(_options.Database)}");
    }

    [Fact]
    public async Task QueryAsync_SeriesWithMoreOrFewerTags_ReturnsOnlyTheExactTagSet()
    {
        var wider = SeriesKey.Create("atcs", "vehicles", ("intersection", "simpang-kawat"), ("lane", "north"), ("camera", "c1"));
        var narrower = SeriesKey.Create("atcs", "vehicles", ("intersection", "simpang-kawat"));
        await WriteAsync(At(Vehicles, T0, 1), At(wider, T0, 2), At(narrower, T0, 3), At(narrower, T0.AddMinutes(1), 4));

        Assert.Equal([1.0], (await Store.QueryAsync(Vehicles, T0, T0.AddHours(1))).Select(p => p.Value));
        Assert.Equal([3.0, 4.0], (await Store.QueryAsync(narrower, T0, T0.AddHours(1))).Select(p => p.Value));
        Assert.Equal(new BucketPoint(T0, 3, 3, 3, 1), Assert.Single(await Store.QueryBucketsAsync(narrower, T0, T0.AddSeconds(30), TimeSpan.FromMinutes(1))));
        Assert.Equal(new StoredPoint(T0, 1), await Store.LatestAsync(Vehicles));
        Assert.Equal(new StoredPoint(T0, 2), await Store.LatestAsync(wider));
    }

    [Fact]
    public async Task QueryAsync_NamesWithLineProtocolAndInfluxQlSpecials_RoundTrip()
    {
        var odd = SeriesKey.Create("river level,cm", "value=raw x", ("station", "it's \"quoted\", a=b c"), ("where", "a\\b"), ("sp ace", "é✓"));
        var injection = SeriesKey.Create("river level,cm", "value=raw x", ("station", "x' OR '1'='1"));
        await WriteAsync(At(odd, T0, 7), At(injection, T0, 8));

        Assert.Equal([new StoredPoint(T0, 7)], await Store.QueryAsync(odd, T0, T0.AddSeconds(1)));
        Assert.Equal([new StoredPoint(T0, 8)], await Store.QueryAsync(injection, T0, T0.AddSeconds(1)));
        Assert.Equal(new HashSet<SeriesKey> { odd, injection }, (await Store.ListSeriesAsync()).ToHashSet());
    }

    [Fact]
    public async Task QueryAsync_MillisecondTimestamps_KeptExactly()
    {
        var at = T0.AddMilliseconds(123).AddTicks(4567); // below a millisecond is not kept, as in the embedded store
        await WriteAsync(At(Vehicles, at, 1));

        Assert.Equal(T0.AddMilliseconds(123), Assert.Single(await Store.QueryAsync(Vehicles, T0, T0.AddSeconds(1))).Timestamp);
    }

    [Fact]
    public async Task WriteAsync_PointsConflictingWithFieldType_SkippedCountedAndLaterWritesLand()
    {
        // Another client made "vehicles" an integer field (in the same shard): InfluxDB refuses floats for it with a 400.
        await Server.ExecuteAsync($"CREATE DATABASE {InfluxQl.Ident(_options.Database)}");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, await Server.WriteAsync(_options.Database, $"atcs,intersection=other vehicles=5i {T0.ToUnixTimeMilliseconds() - 1000}"));

        await WriteAsync(At(Vehicles, T0, 1.5), At(WaterLevel, T0, 2));
        await WriteAsync(At(WaterLevel, T0.AddSeconds(1), 3));

        var status = _store.Snapshot();
        Assert.Equal(1, status.RejectedSamples);
        Assert.Contains("field type conflict", status.LastError, StringComparison.Ordinal);
        Assert.Equal(0, status.SpooledSamples);
        Assert.Equal([2.0, 3.0], (await Store.QueryAsync(WaterLevel, T0, T0.AddMinutes(1))).Select(p => p.Value));
    }

    [Fact]
    public async Task WriteAsync_SeriesWithoutLineProtocolForm_CountedAsRejectedOthersWritten()
    {
        var broken = SeriesKey.Create("atcs", "vehicles", ("intersection", "ends-with\\"));
        await WriteAsync(At(broken, T0, 1), At(Vehicles, T0, 2), At(Vehicles, T0.AddSeconds(1), double.NaN));

        Assert.Equal(2, _store.Snapshot().RejectedSamples);
        Assert.Equal([new StoredPoint(T0, 2)], await Store.QueryAsync(Vehicles, T0, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task WriteAsync_MoreSamplesThanBatchSize_WritesEveryOne()
    {
        await _store.DisposeAsync();
        _options.BatchSize = 100;
        await CreateStoreAsync();
        var samples = Enumerable.Range(0, 1050).Select(i => At(WaterLevel, T0.AddSeconds(i), i)).ToArray();

        await _store.WriteAsync(samples);

        Assert.Equal(1050, await Server.SumAsync(_options.Database, "SELECT count(*) FROM \"river\""));
        Assert.Equal(1050, _store.Snapshot().WrittenSamples);
    }
}
