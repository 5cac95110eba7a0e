using System.Globalization;
using System.Text;

namespace Coc.Bench;

/// <summary>The <c>store</c> figures as markdown: the two backends side by side, then each run.</summary>
public static class StoreReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Body(StoreBenchResult r)
    {
        double M(List<StoreRunResult> runs, Func<StoreRunResult, double> f) => Percentiles.Median(runs.Select(f));
        var points = (long)r.Series * StoreBench.PointsPerSeries;
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"Median of {r.Embedded.Count} run(s), each on a fresh store (a new folder; a new database on one influxd child process on loopback, Debian's InfluxDB 1.6.7, default config but loopback binds and no reporting). Each run writes 24 h of {r.Series} series (`atcs,intersection=simpang-NNN vehicles`), one point per 5 s, time-major as live data arrives: {points:N0} samples through `ITimeSeriesStore.WriteAsync`, one call at a time in batches of {r.Batch:N0} (the StoreWriter's default). InfluxDB counts as written only what influxd answered 204 for (the spool stayed empty). Then the wall's chart query, `QueryBucketsAsync` of one series over the 24 h in 1-minute buckets (1,440 buckets of 12 points, checked), {r.Embedded[0].Query.Count} times over different series after 2 unmeasured warm-ups.");
        sb.AppendLine();
        sb.AppendLine("| Store | write samples/s | write seconds | chart query p50 (ms) | p95 (ms) | max (ms) |");
        sb.AppendLine("|---|--:|--:|--:|--:|--:|");
        foreach (var (name, runs) in new[] { ("embedded (files)", r.Embedded), ("InfluxDB 1.6.7 (v1 HTTP, gzip)", r.Influx) })
        {
            sb.AppendLine(Inv, $"| {name} | {M(runs, x => x.SamplesPerSecond):N0} | {M(runs, x => x.WriteSeconds):F2} | {M(runs, x => x.Query.P50):F1} | {M(runs, x => x.Query.P95):F1} | {M(runs, x => x.Query.Max):F1} |");
        }
        sb.AppendLine(Inv, $"| InfluxDB unreachable: into the disk spool | {r.Spool.SamplesPerSecond:N0} | {r.Spool.Seconds:F2} | | | |");
        sb.AppendLine();
        sb.AppendLine(Inv, $"While InfluxDB is unreachable (nothing listening on its port) the first {r.Spool.Samples:N0} samples of the same data went to the spool at {r.Spool.BytesPerSample:F1} bytes a sample (gzip line protocol plus a 16-byte header per batch): a 1 GiB spool holds about {(1L << 30) / r.Spool.BytesPerSample / 1e6:N0} million such samples.");
        sb.AppendLine();
        sb.AppendLine("| Run | embedded samples/s | embedded query p50 / max (ms) | InfluxDB samples/s | InfluxDB query p50 / max (ms) |");
        sb.AppendLine("|--:|--:|--:|--:|--:|");
        for (var i = 0; i < r.Embedded.Count; i++)
        {
            var (e, x) = (r.Embedded[i], r.Influx[i]);
            sb.AppendLine(Inv, $"| {i + 1} | {e.SamplesPerSecond:N0} | {e.Query.P50:F1} / {e.Query.Max:F1} | {x.SamplesPerSecond:N0} | {x.Query.P50:F1} / {x.Query.Max:F1} |");
        }
        return sb.ToString();
    }
}
