using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coc.Storage.Influx;

/// <summary>
/// The "influx" check. Healthy while writes land. Degraded while the spool holds samples (an outage or its
/// replay: nothing is lost yet, history is only late) or while the server refused points in the last ten
/// minutes. Unhealthy when history is being lost (the spool refused samples in the last five minutes) or
/// when the server has been unreachable for five minutes: a restart or a blip is what the spool is for,
/// but a longer outage fills it and needs someone to act before it does.
/// </summary>
internal sealed class InfluxHealthCheck(IStoreStatus status, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan UnhealthyAfterUnreachable = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RecentDrop = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RecentReject = TimeSpan.FromMinutes(10);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var s = status.Snapshot();
        var now = time.GetUtcNow();
        var data = new Dictionary<string, object>
        {
            ["target"] = s.Target ?? "",
            ["reachable"] = s.Reachable,
            ["writtenSamples"] = s.WrittenSamples,
            ["spooledSamples"] = s.SpooledSamples,
            ["spooledBytes"] = s.SpooledBytes,
            ["spoolMaxBytes"] = s.SpoolMaxBytes,
            ["replayedSamples"] = s.ReplayedSamples,
            ["droppedSpoolFull"] = s.DroppedSpoolFull,
            ["lostSamples"] = s.LostSamples,
            ["rejectedSamples"] = s.RejectedSamples,
            ["lastError"] = s.LastError ?? "",
        };
        var spoolUse = s.SpoolMaxBytes == 0 ? 0 : 100.0 * s.SpooledBytes / s.SpoolMaxBytes;
        var spooled = string.Create(CultureInfo.InvariantCulture, $"{s.SpooledSamples} samples spooled ({spoolUse:0.#} % of the spool)");
        if (s.LastDropAt is { } dropAt && now - dropAt < RecentDrop)
        {
            return Result(HealthStatus.Unhealthy, $"spool full: {s.DroppedSpoolFull} samples refused and lost from history; {spooled}; last error: {s.LastError}", data);
        }
        if (s.UnreachableSince is { } since && now - since >= UnhealthyAfterUnreachable)
        {
            return Result(HealthStatus.Unhealthy, $"InfluxDB unreachable for {(now - since).TotalMinutes:0} min: {s.LastError}; {spooled}", data);
        }
        if (!s.Reachable)
        {
            return Result(HealthStatus.Degraded, $"InfluxDB unreachable since {s.UnreachableSince:u}: {s.LastError}; {spooled}", data);
        }
        if (s.SpooledSamples > 0)
        {
            return Result(HealthStatus.Degraded, $"writing the spool to InfluxDB: {spooled}", data);
        }
        if (s.LastRejectAt is { } rejectAt && now - rejectAt < RecentReject)
        {
            return Result(HealthStatus.Degraded, $"InfluxDB refused {s.RejectedSamples} samples as invalid (skipped): {s.LastError}", data);
        }
        return Result(HealthStatus.Healthy, $"{s.WrittenSamples} samples written to {s.Target}", data);
    }

    private static Task<HealthCheckResult> Result(HealthStatus status, string description, Dictionary<string, object> data) =>
        Task.FromResult(new HealthCheckResult(status, description, data: data));
}
