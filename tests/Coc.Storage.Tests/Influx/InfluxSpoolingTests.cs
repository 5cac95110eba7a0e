using System.Diagnostics;
using System.Net;
using Coc.Core.Series;
using Coc.Storage.Influx;
using Coc.Storage.Tests.Support;
using Coc.Tests.Shared;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Storage.Tests.Influx;

/// <summary>The store's outage behaviour against a server it can switch off and on: spool, order, refusals, restarts, health.</summary>
public sealed class InfluxSpoolingTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey Level = SeriesKey.Create("water_level", "value", ("sensor", "pos-angso-duo"));

    private readonly TempFolder _spool = new();
    private readonly FakeInflux _server = new();
    private readonly CollectingLogger<InfluxTimeSeriesStore> _logger = new();
    private readonly List<InfluxTimeSeriesStore> _stores = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
        _server.Dispose();
        _spool.Dispose();
    }

    [Fact]
    public async Task WriteAsync_ServerDown_SpoolsAndReturnsWithoutWaiting()
    {
        var store = Open();

        var clock = Stopwatch.StartNew();
        await store.WriteAsync(Values(1, 2, 3));
        await store.WriteAsync(Values(4, 5));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        var status = store.Snapshot();
        Assert.False(status.Reachable);
        Assert.Equal(5, status.SpooledSamples);
        Assert.True(status.SpooledBytes > 0);
        Assert.Contains("Connection refused", status.LastError, StringComparison.Ordinal);
        Assert.Empty(_server.WrittenLines);
    }

    [Fact]
    public async Task WriteAsync_ServerReturns_SpoolWrittenOldestFirstAndNewBatchesQueueBehindIt()
    {
        // Fake time: the replayer's back-off ends only when the test says so.
        var time = new FakeTimeProvider(T0);
        var store = Open(time: time);
        await store.WriteAsync(Values(1, 2));
        await store.WriteAsync(Values(3));

        _server.Up = true;
        await store.WriteAsync(Values(4, 5)); // the server answers again, but 1-3 wait in the spool: 4-5 go behind them

        Assert.Equal(5, store.Snapshot().SpooledSamples);
        Assert.Empty(_server.WrittenLines);
        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return store.Snapshot().SpooledSamples == 0 && _server.WrittenLines.Count == 5;
        }, "spool drained");
        Assert.Equal([1.0, 2, 3, 4, 5], _server.WrittenValues);
        Assert.Equal(5, store.Snapshot().ReplayedSamples);
        Assert.True(store.Snapshot().Reachable);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.Unauthorized)] // a wrong token is fixed by someone; the points must wait, not go
    [InlineData(HttpStatusCode.NotFound)] // "database not found"
    public async Task WriteAsync_ServerAnswersRetryableError_SpoolsUntilItAccepts(HttpStatusCode status)
    {
        _server.Up = true;
        _server.Answer = _ => status;
        var store = Open();

        await store.WriteAsync(Values(1, 2));

        Assert.Equal(2, store.Snapshot().SpooledSamples);
        _server.Answer = _ => HttpStatusCode.NoContent;
        await Eventually.TrueAsync(() => _server.WrittenLines.Count == 2, "spool written once the server accepts");
        Assert.Equal(0, store.Snapshot().RejectedSamples);
    }

    [Fact]
    public async Task Replay_SpooledBatchRefusedWith400_SkippedCountedAndLaterBatchesWritten()
    {
        var store = Open();
        await store.WriteAsync(Values(1));
        await store.WriteAsync(Values(666, 667)); // the server will call this batch malformed
        await store.WriteAsync(Values(2));

        _server.Answer = body => body.Contains("value=666", StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.NoContent;
        _server.Up = true;

        await Eventually.TrueAsync(() => store.Snapshot().SpooledSamples == 0, "spool drained past the refused batch");
        Assert.Equal([1.0, 2], _server.WrittenValues);
        var status = store.Snapshot();
        Assert.Equal(2, status.RejectedSamples);
        Assert.Contains("fake 400", status.LastError, StringComparison.Ordinal);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("refused 2 samples", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_BodyTooLarge_SplitIntoHalvesUntilAccepted()
    {
        _server.Up = true;
        _server.Answer = body => body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 2 ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.NoContent;
        var store = Open();

        await store.WriteAsync(Values(1, 2, 3, 4, 5, 6, 7));

        Assert.Equal([1.0, 2, 3, 4, 5, 6, 7], _server.WrittenValues);
        Assert.Equal(7, store.Snapshot().WrittenSamples);
    }

    [Fact]
    public async Task NewStore_SpoolLeftByEarlierRun_ReplaysItOldestFirst()
    {
        var first = Open();
        await first.WriteAsync(Values(1, 2));
        await first.WriteAsync(Values(3));
        await first.DisposeAsync();
        Assert.NotEmpty(Directory.GetFiles(_spool.Path, "*.spool"));

        _server.Up = true;
        var second = Open();

        await Eventually.TrueAsync(() => second.Snapshot().SpooledSamples == 0 && _server.WrittenLines.Count == 3, "the earlier run's spool written");
        Assert.Equal([1.0, 2, 3], _server.WrittenValues);
        Assert.Empty(Directory.GetFiles(_spool.Path, "*.spool"));
    }

    [Fact]
    public async Task WriteAsync_SpoolFull_RefusesCountsLogsOnceAndHealthIsUnhealthy()
    {
        var time = new FakeTimeProvider(T0);
        var store = Open(spoolMaxBytes: 4096, time: time);

        for (var i = 0; i < 40; i++)
        {
            await store.WriteAsync([.. Enumerable.Range(0, 20).Select(j => new Sample(Level, T0.AddSeconds(i * 20 + j), Random.Shared.NextDouble()))]);
        }

        var status = store.Snapshot();
        Assert.True(status.DroppedSpoolFull > 0, "nothing was refused");
        Assert.Equal(800, status.SpooledSamples + status.DroppedSpoolFull);
        Assert.True(status.SpooledBytes <= 4096, $"spool holds {status.SpooledBytes} bytes");
        Assert.Single(_logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("spool is full", StringComparison.Ordinal));
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(store, time)).Status);
    }

    [Fact]
    public async Task HealthCheck_ThroughAnOutage_HealthyThenDegradedThenUnhealthyAfterFiveMinutes()
    {
        var time = new FakeTimeProvider(T0);
        var store = Open(time: time);
        _server.Up = true;
        await store.WriteAsync(Values(1));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(store, time)).Status);

        _server.Up = false;
        await store.WriteAsync(Values(2));
        var degraded = await CheckAsync(store, time);
        time.Advance(TimeSpan.FromMinutes(6));
        var unhealthy = await CheckAsync(store, time);

        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("1 samples spooled", degraded.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        Assert.Contains("unreachable for 6 min", unhealthy.Description, StringComparison.Ordinal);
    }

    private InfluxTimeSeriesStore Open(long spoolMaxBytes = 1 << 20, TimeProvider? time = null)
    {
        var options = new InfluxOptions { Url = "http://127.0.0.1:9", Database = "coc", MaxBackoffSeconds = 1, SpoolMaxBytes = spoolMaxBytes };
        var store = new InfluxTimeSeriesStore(options, _spool.Path, time ?? TimeProvider.System, _logger, new NonDisposing(_server));
        _stores.Add(store);
        return store;
    }

    private static Task<HealthCheckResult> CheckAsync(InfluxTimeSeriesStore store, TimeProvider time) =>
        new InfluxHealthCheck(store, time).CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("influx", _ => null!, HealthStatus.Unhealthy, null),
        });

    private static Sample[] Values(params double[] values) =>
        [.. values.Select(v => new Sample(Level, T0.AddSeconds(v), v))];

    /// <summary>Several stores in one test share the fake server; disposing a store must not dispose it.</summary>
    private sealed class NonDisposing(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing)
        {
            // the test owns the inner handler
        }
    }
}
