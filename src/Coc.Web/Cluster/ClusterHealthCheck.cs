using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Coc.Web.Cluster;

/// <summary>
/// <c>cluster</c> on /health. Degraded, never Unhealthy, when Redis is unreachable: this server still
/// serves its own ingest and wall, and a load balancer must not take every server out at once because
/// their shared Redis is down. The description says what is not shared and why.
/// </summary>
public sealed class ClusterHealthCheck(IOptions<ClusterOptions> options, ClusterIdentity identity, IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("single server (Coc:Cluster:Redis is not set)"));
        }
        var redis = services.GetRequiredService<RedisConnection>();
        var fanOut = services.GetRequiredService<RedisLiveFanOut>();
        var state = services.GetRequiredService<RedisClusterState>();
        var counters = fanOut.Counters;
        var data = new Dictionary<string, object>
        {
            ["serverId"] = identity.ServerId,
            ["redisConnected"] = redis.IsConnected,
            ["batchesPublished"] = counters.BatchesPublished,
            ["samplesPublished"] = counters.SamplesPublished,
            ["samplesDropped"] = counters.SamplesDropped,
            ["samplesUnshared"] = counters.SamplesUnshared,
            ["fanOutQueueDepth"] = fanOut.QueueDepth,
            ["batchesReceived"] = counters.BatchesReceived,
            ["samplesReceived"] = counters.SamplesReceived,
            ["samplesReceivedFrom"] = counters.ReceivedFrom,
            ["unreadableBatches"] = counters.Unreadable,
            ["incomingQueueDepth"] = fanOut.IncomingDepth,
            ["incomingBatchesDropped"] = counters.IncomingDropped,
            ["statePendingWrites"] = state.PendingWrites,
        };
        HealthCheckResult result;
        if (redis.Outage is { } outage)
        {
            data["redisDownSince"] = outage.Since;
            result = HealthCheckResult.Degraded(
                $"Redis unreachable since {outage.Since:O} ({outage.Error}): server '{identity.ServerId}' serves its own ingest and wall alone; " +
                $"its samples and scene switches do not reach the other servers, nor theirs this one ({counters.SamplesUnshared} samples not shared so far)", data: data);
        }
        else if (counters.DuplicateServerIdSeen is { } duplicate)
        {
            result = HealthCheckResult.Degraded($"another running server also uses Coc:Cluster:ServerId '{duplicate}': give each server its own", data: data);
        }
        else
        {
            result = HealthCheckResult.Healthy(
                $"server '{identity.ServerId}' in a cluster over Redis: {counters.SamplesPublished} samples shared, {counters.SamplesReceived} received from other servers" +
                (counters.SamplesDropped > 0 ? $", {counters.SamplesDropped} dropped while the queue to Redis was full" : ""), data);
        }
        return Task.FromResult(result);
    }
}
