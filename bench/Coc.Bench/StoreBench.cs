using System.Diagnostics;
using Coc.Core.Series;
using Coc.Storage;
using Coc.Storage.Embedded;
using Coc.Storage.Influx;
using Coc.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coc.Bench;

/// <summary>
/// The <c>store</c> mode: the two <see cref="ITimeSeriesStore"/> backends side by side, in this process.
/// Each run writes the same 24 hours of data (every series one point per 5 s, time-major as live data
/// arrives) through <c>WriteAsync</c> in batches, then asks the wall's chart query (one series, 24 h,
/// 1-minute buckets) repeatedly. InfluxDB is a real influxd child process on loopback with its own temp folder.
/// </summary>
public sealed class StoreBench(BenchOptions options, TextWriter log)
{
    public const int PointsPerSeries = 24 * 60 * 60 / 5;
    private const int WarmupQueries = 2;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    public async Task<StoreBenchResult> RunAsync(CancellationToken cancellationToken)
    {
        var series = Enumerable.Range(0, options.StoreSeries)
            .Select(i => SeriesKey.Create("atcs", "vehicles", ("intersection", $"simpang-{i:D3}")))
            .ToArray();
        // Whole minutes, so the 24 h hold exactly 1,440 one-minute buckets.
        var end = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60);
        var start = end - TimeSpan.FromHours(24);

        // Made once, so generating it costs neither store anything.
        var data = Data(series, start).ToArray();
        var embedded = new List<StoreRunResult>();
        var influx = new List<StoreRunResult>();
        await using var server = await InfluxServer.StartAsync();
        log.WriteLine($"influxd on {server.Url}");
        for (var run = 1; run <= options.Runs; run++)
        {
            using (var folder = new BenchFolder())
            {
                using var store = new EmbeddedTimeSeriesStore(folder.Path, 3650, TimeProvider.System, NullLogger<EmbeddedTimeSeriesStore>.Instance);
                embedded.Add(await MeasureAsync("embedded", run, store, data, series, start, cancellationToken));
            }
            using (var folder = new BenchFolder())
            {
                var store = new InfluxTimeSeriesStore(InfluxOptionsFor(server.Url, $"bench_{run}"), folder.Path, TimeProvider.System, NullLogger<InfluxTimeSeriesStore>.Instance);
                await using (store)
                {
                    var result = await MeasureAsync("influxdb", run, store, data, series, start, cancellationToken);
                    var status = store.Snapshot();
                    // Every sample must have reached influxd itself, not the spool: otherwise the rate is the disk's.
                    if (status.WrittenSamples != result.Samples || status.SpooledSamples != 0)
                    {
                        throw new BenchException($"InfluxDB run {run}: {status.WrittenSamples} of {result.Samples} samples written, {status.SpooledSamples} spooled; last error: {status.LastError}");
                    }
                    influx.Add(result);
                }
                await server.ExecuteAsync($"DROP DATABASE \"bench_{run}\"");
            }
        }
        var spool = await MeasureSpoolAsync(data, cancellationToken);
        return new StoreBenchResult(options.StoreSeries, options.Batch, embedded, influx, spool);
    }

    private async Task<StoreRunResult> MeasureAsync(string name, int run, ITimeSeriesStore store, Sample[] data, SeriesKey[] series, DateTimeOffset start, CancellationToken cancellationToken)
    {
        // One WriteAsync at a time, as the app's StoreWriter calls it.
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < data.Length; i += options.Batch)
        {
            await store.WriteAsync(new ArraySegment<Sample>(data, i, Math.Min(options.Batch, data.Length - i)), cancellationToken);
        }
        var writeSeconds = clock.Elapsed.TotalSeconds;
        long samples = data.Length;

        var latencies = new List<double>();
        var buckets = 0;
        for (var q = 0; q < WarmupQueries + options.StoreQueries; q++)
        {
            clock.Restart();
            var result = await store.QueryBucketsAsync(series[q % series.Length], start, start.AddHours(24), TimeSpan.FromMinutes(1), cancellationToken);
            var ms = clock.Elapsed.TotalMilliseconds;
            var counted = result.Sum(b => b.Count);
            if (result.Count != 24 * 60 || counted != PointsPerSeries)
            {
                throw new BenchException($"{name} run {run}: the chart query gave {result.Count} buckets holding {counted} points, not 1,440 holding {PointsPerSeries:N0}");
            }
            buckets = result.Count;
            if (q >= WarmupQueries)
            {
                latencies.Add(ms);
            }
        }
        var r = new StoreRunResult(samples, writeSeconds, Percentiles.Of(latencies), buckets);
        log.WriteLine($"{name} run {run}: {r.SamplesPerSecond:N0} samples/s written ({samples:N0} in {writeSeconds:F2} s); chart query p50 {r.Query.P50:F1} ms, max {r.Query.Max:F1} ms");
        return r;
    }

    /// <summary>Writes while InfluxDB is down (nothing listens on the port): what a write costs then, and the spool's bytes per sample.</summary>
    private async Task<SpoolResult> MeasureSpoolAsync(Sample[] all, CancellationToken cancellationToken)
    {
        using var folder = new BenchFolder();
        var options1 = InfluxOptionsFor($"http://127.0.0.1:{FreePort.Next()}", "down");
        options1.SpoolMaxBytes = 1L << 34;
        var store = new InfluxTimeSeriesStore(options1, folder.Path, TimeProvider.System, NullLogger<InfluxTimeSeriesStore>.Instance);
        await using (store)
        {
            var data = all[..Math.Min(1_000_000, all.Length)];
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < data.Length; i += options.Batch)
            {
                await store.WriteAsync(new ArraySegment<Sample>(data, i, Math.Min(options.Batch, data.Length - i)), cancellationToken);
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var status = store.Snapshot();
            if (status.SpooledSamples != data.Length)
            {
                throw new BenchException($"spool run: {status.SpooledSamples} of {data.Length} samples spooled; last error: {status.LastError}");
            }
            log.WriteLine($"influxdb down: {data.Length / seconds:N0} samples/s into the spool, {(double)status.SpooledBytes / data.Length:F1} bytes a sample");
            return new SpoolResult(data.Length, seconds, status.SpooledBytes);
        }
    }

    private InfluxOptions InfluxOptionsFor(string url, string database) => new()
    {
        Url = url,
        Database = database,
        CreateDatabase = true,
        BatchSize = options.Batch,
        TimeoutSeconds = 60,
    };

    // A daily rhythm with a little noise, the same for both stores.
    private static IEnumerable<Sample> Data(SeriesKey[] series, DateTimeOffset start)
    {
        var random = new Random(42);
        for (var p = 0; p < PointsPerSeries; p++)
        {
            var at = start + p * Step;
            var day = Math.Sin(2 * Math.PI * p / PointsPerSeries);
            for (var s = 0; s < series.Length; s++)
            {
                yield return new Sample(series[s], at, Math.Round(40 + 25 * day + random.NextDouble() * 5, 1));
            }
        }
    }

    /// <summary>A temp folder for one store, deleted after.</summary>
    private sealed class BenchFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "coc-bench-store-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // never created
            }
        }
    }
}

public sealed record StoreRunResult(long Samples, double WriteSeconds, LatencyStats Query, int Buckets)
{
    public double SamplesPerSecond => Samples / WriteSeconds;
}

public sealed record SpoolResult(long Samples, double Seconds, long Bytes)
{
    public double SamplesPerSecond => Samples / Seconds;

    public double BytesPerSample => (double)Bytes / Samples;
}

public sealed record StoreBenchResult(int Series, int Batch, List<StoreRunResult> Embedded, List<StoreRunResult> Influx, SpoolResult Spool);
