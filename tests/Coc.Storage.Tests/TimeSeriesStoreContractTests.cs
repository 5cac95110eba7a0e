using Coc.Core.Series;

namespace Coc.Storage.Tests;

/// <summary>
/// What every <see cref="ITimeSeriesStore"/> backend must do. A backend's test class derives from
/// this and gives each test a store of its own (a fresh folder, a fresh database), cleaned up after.
/// </summary>
public abstract class TimeSeriesStoreContractTests : IAsyncLifetime
{
    /// <summary>An hour boundary, so tests can place points on both sides of one.</summary>
    protected static readonly DateTimeOffset T0 = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

    protected static readonly SeriesKey Vehicles = SeriesKey.Create("atcs", "vehicles", ("intersection", "simpang-kawat"), ("lane", "north"));
    protected static readonly SeriesKey QueueLength = SeriesKey.Create("atcs", "queue_length", ("intersection", "simpang-kawat"), ("lane", "north"));
    protected static readonly SeriesKey WaterLevel = SeriesKey.Create("river", "level_cm", ("station", "batanghari-1"));

    protected ITimeSeriesStore Store { get; private set; } = null!;

    protected abstract Task<ITimeSeriesStore> CreateStoreAsync();

    /// <summary>Disposes the store and removes everything it kept.</summary>
    protected abstract Task DestroyStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public Task DisposeAsync() => DestroyStoreAsync();

    protected static Sample At(SeriesKey series, DateTimeOffset timestamp, double value) => new(series, timestamp, value);

    protected Task WriteAsync(params Sample[] samples) => Store.WriteAsync(samples);

    [Fact]
    public async Task QueryAsync_PointsOnRangeBoundaries_IncludesFromExcludesTo()
    {
        await WriteAsync(
            At(Vehicles, T0.AddMilliseconds(-1), 1),
            At(Vehicles, T0, 2),
            At(Vehicles, T0.AddSeconds(30), 3),
            At(Vehicles, T0.AddMinutes(1).AddMilliseconds(-1), 4),
            At(Vehicles, T0.AddMinutes(1), 5));

        var points = await Store.QueryAsync(Vehicles, T0, T0.AddMinutes(1));

        Assert.Equal(
            [new(T0, 2), new(T0.AddSeconds(30), 3), new(T0.AddMinutes(1).AddMilliseconds(-1), 4)],
            points);
    }

    [Fact]
    public async Task QueryAsync_TwoSeriesWritten_ReturnsOnlyRequestedSeries()
    {
        await WriteAsync(At(Vehicles, T0, 10), At(QueueLength, T0, 99), At(Vehicles, T0.AddSeconds(1), 11));

        var vehicles = await Store.QueryAsync(Vehicles, T0, T0.AddHours(1));
        var queue = await Store.QueryAsync(QueueLength, T0, T0.AddHours(1));

        Assert.Equal([10.0, 11.0], vehicles.Select(p => p.Value));
        Assert.Equal([99.0], queue.Select(p => p.Value));
    }

    [Fact]
    public async Task QueryAsync_TagsGivenInOtherOrder_FindsSameSeries()
    {
        var written = SeriesKey.Create("atcs", "speed", ("lane", "north"), ("intersection", "simpang-kawat"));
        var asked = SeriesKey.Create("atcs", "speed", ("intersection", "simpang-kawat"), ("lane", "north"));
        await WriteAsync(At(written, T0, 42));

        var points = await Store.QueryAsync(asked, T0, T0.AddMinutes(1));

        Assert.Equal([new StoredPoint(T0, 42)], points);
        Assert.Single(await Store.ListSeriesAsync());
    }

    [Fact]
    public async Task QueryAsync_OutOfOrderWrites_ReturnsOldestFirst()
    {
        await WriteAsync(At(Vehicles, T0.AddMinutes(70), 4), At(Vehicles, T0.AddMinutes(10), 2));
        await WriteAsync(At(Vehicles, T0.AddMinutes(80), 5), At(Vehicles, T0, 1), At(Vehicles, T0.AddMinutes(20), 3));

        var points = await Store.QueryAsync(Vehicles, T0, T0.AddHours(2));

        Assert.Equal([1.0, 2, 3, 4, 5], points.Select(p => p.Value));
        Assert.Equal(points.OrderBy(p => p.Timestamp), points);
    }

    [Fact]
    public async Task QueryAsync_RangeSpanningSeveralHours_ReturnsEveryPoint()
    {
        var samples = Enumerable.Range(0, 15).Select(i => At(WaterLevel, T0.AddMinutes(20 * i), i)).ToArray();
        await WriteAsync(samples);

        var points = await Store.QueryAsync(WaterLevel, T0.AddMinutes(-30), T0.AddHours(6));

        Assert.Equal(samples.Select(s => new StoredPoint(s.Timestamp, s.Value)), points);
    }

    [Fact]
    public async Task QueryAsync_TimestampWithWibOffset_StoresSameInstant()
    {
        var wib = T0.ToOffset(TimeSpan.FromHours(7));
        await WriteAsync(At(Vehicles, wib, 7));

        var points = await Store.QueryAsync(Vehicles, T0, T0.AddSeconds(1));

        Assert.Equal(T0, Assert.Single(points).Timestamp);
    }

    [Fact]
    public async Task QueryAsync_UnknownSeries_ReturnsEmpty()
    {
        await WriteAsync(At(Vehicles, T0, 1));

        Assert.Empty(await Store.QueryAsync(WaterLevel, T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task QueryAsync_RangeWithoutPoints_ReturnsEmpty()
    {
        await WriteAsync(At(Vehicles, T0, 1), At(Vehicles, T0.AddHours(3), 2));

        Assert.Empty(await Store.QueryAsync(Vehicles, T0.AddMinutes(1), T0.AddHours(3)));
    }

    [Fact]
    public async Task QueryBucketsAsync_PointsInSeveralBuckets_ReturnsAlignedAggregatesOfNonEmptyBuckets()
    {
        await WriteAsync(
            At(Vehicles, T0.AddSeconds(15), 1),
            At(Vehicles, T0.AddSeconds(45), 3),
            At(Vehicles, T0.AddMinutes(1).AddSeconds(5), 10),
            At(Vehicles, T0.AddMinutes(4).AddMilliseconds(-1), 4),
            At(Vehicles, T0.AddMinutes(3), 8),
            At(QueueLength, T0.AddMinutes(2), 1000));

        // "from" is not on a bucket edge: buckets still start on minute multiples.
        var buckets = await Store.QueryBucketsAsync(Vehicles, T0.AddSeconds(10), T0.AddMinutes(5), TimeSpan.FromMinutes(1));

        Assert.Equal(
            [
                new(T0, 2, 1, 3, 2),
                new(T0.AddMinutes(1), 10, 10, 10, 1),
                new(T0.AddMinutes(3), 6, 4, 8, 2),
            ],
            buckets);
    }

    [Fact]
    public async Task QueryBucketsAsync_BucketNotDividingAnHour_AlignsToEpochMultiples()
    {
        var bucket = TimeSpan.FromMinutes(7);
        await WriteAsync(At(Vehicles, T0, 5));

        var result = Assert.Single(await Store.QueryBucketsAsync(Vehicles, T0.AddHours(-1), T0.AddHours(1), bucket));

        var expectedStart = DateTimeOffset.UnixEpoch.AddTicks((T0 - DateTimeOffset.UnixEpoch).Ticks / bucket.Ticks * bucket.Ticks);
        Assert.Equal(new BucketPoint(expectedStart, 5, 5, 5, 1), result);
    }

    [Fact]
    public async Task QueryBucketsAsync_NoPoints_ReturnsEmpty()
    {
        Assert.Empty(await Store.QueryBucketsAsync(Vehicles, T0, T0.AddHours(1), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task LatestAsync_PointsWrittenOutOfOrder_ReturnsNewest()
    {
        await WriteAsync(At(Vehicles, T0.AddMinutes(90), 3), At(Vehicles, T0, 1));
        await WriteAsync(At(Vehicles, T0.AddMinutes(30), 2), At(QueueLength, T0.AddHours(5), 9));

        Assert.Equal(new StoredPoint(T0.AddMinutes(90), 3), await Store.LatestAsync(Vehicles));
    }

    [Fact]
    public async Task LatestAsync_UnknownSeries_ReturnsNull()
    {
        await WriteAsync(At(Vehicles, T0, 1));

        Assert.Null(await Store.LatestAsync(WaterLevel));
    }

    [Fact]
    public async Task ListSeriesAsync_SeveralSeriesWritten_ReturnsEachOnce()
    {
        await WriteAsync(At(Vehicles, T0, 1), At(QueueLength, T0, 2), At(Vehicles, T0.AddSeconds(1), 3));
        await WriteAsync(At(WaterLevel, T0, 4), At(Vehicles, T0.AddSeconds(2), 5));

        var series = await Store.ListSeriesAsync();

        Assert.Equal(3, series.Count);
        Assert.Equal(new HashSet<SeriesKey> { Vehicles, QueueLength, WaterLevel }, series.ToHashSet());
    }

    [Fact]
    public async Task ListSeriesAsync_NothingWritten_ReturnsEmpty()
    {
        Assert.Empty(await Store.ListSeriesAsync());
    }

    [Fact]
    public async Task WriteAsync_EmptyBatch_StoresNothing()
    {
        await Store.WriteAsync([]);

        Assert.Empty(await Store.ListSeriesAsync());
        Assert.Null(await Store.LatestAsync(Vehicles));
    }
}
