using Coc.Tests.Shared;
using Coc.Core.Series;
using Coc.Storage.Embedded;
using Coc.Storage.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Storage.Tests.Embedded;

/// <summary>The contract, plus what only a file store has: restarts, torn writes, retention.</summary>
public sealed class EmbeddedTimeSeriesStoreTests : TimeSeriesStoreContractTests
{
    private const string CatalogFile = "series.catalog";

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(T0.AddDays(1));
    private readonly CollectingLogger<EmbeddedTimeSeriesStore> _logger = new();
    private readonly List<EmbeddedTimeSeriesStore> _opened = [];

    protected override Task<ITimeSeriesStore> CreateStoreAsync() => Task.FromResult<ITimeSeriesStore>(Open());

    protected override Task DestroyStoreAsync()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task QueryAsync_AfterDisposeAndReopen_ReturnsSameData()
    {
        await WriteAsync(At(Vehicles, T0, 1), At(Vehicles, T0.AddHours(2), 2), At(WaterLevel, T0.AddMinutes(5), 3));
        ((IDisposable)Store).Dispose();

        using var reopened = Open();

        Assert.Equal([new(T0, 1), new(T0.AddHours(2), 2)], await reopened.QueryAsync(Vehicles, T0, T0.AddDays(1)));
        Assert.Equal(new StoredPoint(T0.AddHours(2), 2), await reopened.LatestAsync(Vehicles));
        Assert.Equal(new HashSet<SeriesKey> { Vehicles, WaterLevel }, (await reopened.ListSeriesAsync()).ToHashSet());
    }

    [Fact]
    public async Task LatestAsync_AfterReopenThenOlderWrite_ReturnsNewestFromDisk()
    {
        await WriteAsync(At(Vehicles, T0.AddHours(3), 9), At(Vehicles, T0, 1));
        ((IDisposable)Store).Dispose();
        using var reopened = Open();

        await reopened.WriteAsync([At(Vehicles, T0.AddHours(1), 5)]);

        Assert.Equal(new StoredPoint(T0.AddHours(3), 9), await reopened.LatestAsync(Vehicles));
    }

    [Fact]
    public async Task QueryAsync_EqualTimestamps_ReturnsWriteOrder()
    {
        await WriteAsync(At(Vehicles, T0.AddSeconds(1), 0), At(Vehicles, T0, 1), At(Vehicles, T0, 2));
        await WriteAsync(At(Vehicles, T0, 3));

        var points = await Store.QueryAsync(Vehicles, T0, T0.AddMinutes(1));

        Assert.Equal([1.0, 2, 3, 0], points.Select(p => p.Value));
        Assert.Equal(new StoredPoint(T0.AddSeconds(1), 0), await Store.LatestAsync(Vehicles));
    }

    [Fact]
    public async Task WriteAsync_Batch_AppendsTwentyByteRecordsToUtcHourSegments()
    {
        await WriteAsync(At(Vehicles, T0.AddMinutes(59), 1), At(Vehicles, T0.AddMinutes(61), 2), At(QueueLength, T0.AddMinutes(1), 3));

        Assert.Equal(40, new FileInfo(Path.Combine(_folder.Path, "2025031008.seg")).Length);
        Assert.Equal(20, new FileInfo(Path.Combine(_folder.Path, "2025031009.seg")).Length);
    }

    [Fact]
    public async Task WriteAsync_BatchSpanningMoreHoursThanOpenStreams_WritesEverySegment()
    {
        var samples = Enumerable.Range(0, 12).Select(i => At(Vehicles, T0.AddHours(i), i)).ToArray();

        await WriteAsync(samples);
        await WriteAsync(At(Vehicles, T0.AddMinutes(1), 100)); // its segment's stream was evicted meanwhile

        var points = await Store.QueryAsync(Vehicles, T0, T0.AddDays(1));
        Assert.Equal(13, points.Count);
        Assert.Equal(100, points[1].Value);
    }

    [Fact]
    public async Task QueryAsync_TruncatedTrailingRecord_IgnoresPartialRecord()
    {
        await WriteAsync(At(Vehicles, T0, 1), At(Vehicles, T0.AddSeconds(1), 2));
        ((IDisposable)Store).Dispose();
        AppendGarbage(Path.Combine(_folder.Path, "2025031008.seg"), 7);

        using var reopened = Open();

        Assert.Equal([1.0, 2], (await reopened.QueryAsync(Vehicles, T0, T0.AddHours(1))).Select(p => p.Value));
        Assert.Equal(2, (await reopened.LatestAsync(Vehicles))?.Value);
    }

    [Fact]
    public async Task WriteAsync_AfterTruncatedTrailingRecord_KeepsNewRecordsAligned()
    {
        await WriteAsync(At(Vehicles, T0, 1));
        ((IDisposable)Store).Dispose();
        var segment = Path.Combine(_folder.Path, "2025031008.seg");
        AppendGarbage(segment, 7);
        using var reopened = Open();

        await reopened.WriteAsync([At(Vehicles, T0.AddSeconds(1), 2)]);

        Assert.Equal([1.0, 2], (await reopened.QueryAsync(Vehicles, T0, T0.AddHours(1))).Select(p => p.Value));
        Assert.Equal(40, new FileInfo(segment).Length);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("partial record", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Constructor_SegmentsOlderThanRetention_DeletesThem()
    {
        var now = _time.GetUtcNow();
        await WriteAsync(At(Vehicles, now.AddDays(-12), 1), At(Vehicles, now.AddDays(-8), 2), At(Vehicles, now.AddHours(-1), 3));
        ((IDisposable)Store).Dispose();

        using var reopened = Open(retentionDays: 10);

        Assert.Equal([2.0, 3], (await reopened.QueryAsync(Vehicles, now.AddDays(-30), now)).Select(p => p.Value));
        Assert.Equal(2, Directory.GetFiles(_folder.Path, "*.seg").Length);
    }

    [Fact]
    public async Task WriteAsync_RetentionPassesWhileOpen_DeletesExpiredSegmentAtNextHourlySweep()
    {
        ((IDisposable)Store).Dispose();
        using var store = Open(retentionDays: 1);
        var start = _time.GetUtcNow(); // an hour boundary: the segment below expires at start + 1 day
        await store.WriteAsync([At(Vehicles, start.AddMinutes(-10), 1)]);
        var before = (From: start.AddHours(-1), To: start);

        _time.Advance(TimeSpan.FromHours(23.5));
        await store.WriteAsync([At(Vehicles, _time.GetUtcNow(), 2)]); // sweeps; nothing expired yet
        _time.Advance(TimeSpan.FromMinutes(45));
        await store.WriteAsync([At(Vehicles, _time.GetUtcNow(), 3)]); // expired, but the next sweep is not due
        var keptUntilSweep = await store.QueryAsync(Vehicles, before.From, before.To);
        _time.Advance(TimeSpan.FromMinutes(30));
        await store.WriteAsync([At(Vehicles, _time.GetUtcNow(), 4)]);

        Assert.Single(keptUntilSweep);
        Assert.Empty(await store.QueryAsync(Vehicles, before.From, before.To));
        Assert.Equal([2.0, 3, 4], (await store.QueryAsync(Vehicles, start, _time.GetUtcNow().AddSeconds(1))).Select(p => p.Value));
    }

    [Fact]
    public async Task Constructor_CorruptCatalogLine_SkipsItAndLogsWarning()
    {
        await WriteAsync(At(Vehicles, T0, 1), At(WaterLevel, T0, 2));
        ((IDisposable)Store).Dispose();
        var catalog = Path.Combine(_folder.Path, CatalogFile);
        var lines = File.ReadAllLines(catalog);
        File.WriteAllLines(catalog, [lines[0], "1\tnot json at all\t{oops", "garbage without tabs"]);

        using var reopened = Open();
        await reopened.WriteAsync([At(QueueLength, T0, 3)]);

        Assert.Equal([Vehicles, QueueLength], await reopened.ListSeriesAsync());
        Assert.Empty(await reopened.QueryAsync(WaterLevel, T0, T0.AddHours(1)));
        // The new series must not take the skipped id 1, whose records still sit in the segment.
        Assert.Equal([3.0], (await reopened.QueryAsync(QueueLength, T0, T0.AddHours(1))).Select(p => p.Value));
        Assert.Equal(2, _logger.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("corrupt line", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Constructor_CatalogEndingMidLine_AppendsNextSeriesOnItsOwnLine()
    {
        await WriteAsync(At(Vehicles, T0, 1));
        ((IDisposable)Store).Dispose();
        File.AppendAllText(Path.Combine(_folder.Path, CatalogFile), "1\triver,sta");
        using (var reopened = Open())
        {
            await reopened.WriteAsync([At(WaterLevel, T0, 2)]);
        }

        using var third = Open();

        Assert.Equal([Vehicles, WaterLevel], await third.ListSeriesAsync());
        Assert.Equal([2.0], (await third.QueryAsync(WaterLevel, T0, T0.AddHours(1))).Select(p => p.Value));
    }

    [Fact]
    public async Task QueryAsync_DuringConcurrentWrites_SeesOnlyWholeRecords()
    {
        // Value == timestamp in ms, so a torn or misaligned record could not pass unnoticed.
        var writer = Task.Run(async () =>
        {
            for (var batch = 0; batch < 200; batch++)
            {
                var samples = Enumerable.Range(batch * 100, 100)
                    .Select(i => At(Vehicles, T0.AddMilliseconds(i), T0.AddMilliseconds(i).ToUnixTimeMilliseconds()))
                    .ToArray();
                await Store.WriteAsync(samples);
            }
        });

        var lastCount = 0;
        do
        {
            var points = await Store.QueryAsync(Vehicles, T0, T0.AddHours(1));
            Assert.All(points, p => Assert.Equal(p.Timestamp.ToUnixTimeMilliseconds(), p.Value));
            Assert.True(points.Count >= lastCount);
            lastCount = points.Count;
        }
        while (!writer.IsCompleted);
        await writer;

        Assert.Equal(20_000, (await Store.QueryAsync(Vehicles, T0, T0.AddHours(1))).Count);
    }

    [Fact]
    public void Constructor_FolderInUseByAnotherStore_Throws()
    {
        _ = Store;

        var error = Assert.Throws<InvalidOperationException>(() => Open());

        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_AfterDispose_ThrowsObjectDisposed()
    {
        ((IDisposable)Store).Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => WriteAsync(At(Vehicles, T0, 1)));
    }

    private EmbeddedTimeSeriesStore Open(int retentionDays = 30)
    {
        var store = new EmbeddedTimeSeriesStore(_folder.Path, retentionDays, _time, _logger);
        _opened.Add(store);
        return store;
    }

    private static void AppendGarbage(string path, int bytes)
    {
        using var stream = new FileStream(path, FileMode.Append);
        stream.Write(new byte[bytes].AsSpan());
    }
}
