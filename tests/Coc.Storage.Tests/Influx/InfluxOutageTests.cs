using System.Diagnostics;
using Coc.Core.Series;
using Coc.Storage.Influx;
using Coc.Storage.Tests.Support;
using Coc.Tests.Shared;

namespace Coc.Storage.Tests.Influx;

/// <summary>
/// influxd is killed and started again while samples stream in: every sample must end up in InfluxDB.
/// In the influxd collection, so no other test uses the server while it is down.
/// </summary>
[Collection(InfluxdCollection.Name)]
public sealed class InfluxOutageTests(InfluxdFixture influxd) : IAsyncLifetime
{
    private const int Batches = 120;
    private const int SamplesPerBatch = 50;
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey[] Series =
    [
        SeriesKey.Create("atcs", "vehicles", ("intersection", "simpang-kawat")),
        SeriesKey.Create("atcs", "queue_m", ("intersection", "simpang-kawat")),
        SeriesKey.Create("water_level", "value", ("sensor", "pos-angso-duo")),
    ];

    private readonly TempFolder _spool = new();
    private readonly InfluxOptions _options = influxd.NewDatabase();
    private readonly CollectingLogger<InfluxTimeSeriesStore> _logger = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (!influxd.Server.IsRunning)
        {
            await influxd.Server.StartAgainAsync(); // leave the shared server as it was found
        }
        await influxd.Server.ExecuteAsync($"DROP DATABASE {InfluxQl.Ident(_options.Database)}");
        _spool.Dispose();
    }

    [Fact]
    public async Task WriteAsync_InfluxdKilledAndRestartedMidStream_EverySampleEndsUpInInfluxDb()
    {
        var store = new InfluxTimeSeriesStore(_options, _spool.Path, TimeProvider.System, _logger);
        await using var _ = store;
        var written = 0;
        var slowestWhileDown = TimeSpan.Zero;

        // Killed after batch 20 while writes go on, so some batches race the kill; batches 40-79 are written
        // while it is surely down; it is started again after 80 while writes go on.
        var outage = Task.Run(async () =>
        {
            await Eventually.TrueAsync(() => Volatile.Read(ref written) >= 20, "20 batches written");
            await influxd.Server.StopAsync();
            await Eventually.TrueAsync(() => Volatile.Read(ref written) >= 80, "80 batches written", TimeSpan.FromSeconds(60));
            await influxd.Server.StartAgainAsync();
        });
        for (var batch = 0; batch < Batches; batch++)
        {
            if (batch == 40)
            {
                await Eventually.TrueAsync(() => !influxd.Server.IsRunning, "influxd stopped");
            }
            var clock = Stopwatch.StartNew();
            await store.WriteAsync(Batch(batch));
            if (batch is >= 40 and < 80 && clock.Elapsed > slowestWhileDown)
            {
                slowestWhileDown = clock.Elapsed;
            }
            Interlocked.Increment(ref written);
        }
        await outage;

        var expected = (long)Batches * SamplesPerBatch;
        await Eventually.TrueAsync(async () => store.Snapshot().SpooledSamples == 0 && await CountAsync() == expected,
            "the spool replayed into the restarted influxd", TimeSpan.FromSeconds(60));

        var status = store.Snapshot();
        Assert.Equal(expected, await CountAsync());
        Assert.True(status.ReplayedSamples >= 40 * SamplesPerBatch, $"replayed {status.ReplayedSamples}");
        Assert.Equal(0, status.DroppedSpoolFull);
        Assert.Equal(0, status.RejectedSamples);
        Assert.Equal(0, status.LostSamples);
        Assert.True(status.Reachable);
        // The store never waits out a back-off: while influxd is down a write only appends to the spool.
        Assert.True(slowestWhileDown < TimeSpan.FromSeconds(2), $"slowest write while influxd was down: {slowestWhileDown}");
        Assert.Contains(_logger.Entries, e => e.Message.Contains("unreachable", StringComparison.Ordinal));
    }

    private Task<long> CountAsync() => influxd.Server.SumAsync(_options.Database, "SELECT count(*) FROM /.*/");

    // Each sample has its own timestamp in its series, so InfluxDB keeps every one (it keeps one point per series and time).
    private static Sample[] Batch(int batch) =>
        [.. Enumerable.Range(0, SamplesPerBatch).Select(i =>
        {
            var n = batch * SamplesPerBatch + i;
            return new Sample(Series[n % Series.Length], T0.AddSeconds(n), n);
        })];
}
