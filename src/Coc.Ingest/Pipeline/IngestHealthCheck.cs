using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coc.Ingest.Pipeline;

/// <summary>Degraded as soon as any sample failed to reach the store: losing history must be visible.</summary>
public sealed class IngestHealthCheck(IngestMetrics metrics, IngestQueue queue, StoreWriter writer, Coc.Core.Live.LiveState live) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["samplesIn"] = metrics.SamplesIn,
            ["samplesStored"] = metrics.SamplesStored,
            ["storeDropped"] = metrics.StoreDropped,
            ["storeFailures"] = metrics.StoreFailures,
            ["ingestQueueDepth"] = queue.Depth,
            ["storeQueueDepth"] = writer.Depth,
            ["liveSeries"] = live.SeriesCount,
            ["liveSeriesRefused"] = live.SeriesRefused,
        };
        var result = metrics.StoreDropped > 0
            ? HealthCheckResult.Degraded($"{metrics.StoreDropped} samples did not reach the store; last error: {metrics.LastStoreError ?? "store queue overflow"}", data: data)
            : live.SeriesRefused > 0
            ? HealthCheckResult.Degraded($"live series limit reached: {live.SeriesRefused} samples of new series are stored but not shown live", data: data)
            : HealthCheckResult.Healthy($"{metrics.SamplesIn} samples in, {metrics.SamplesStored} stored", data);
        return Task.FromResult(result);
    }
}
