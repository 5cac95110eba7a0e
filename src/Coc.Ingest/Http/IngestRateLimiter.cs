using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Http;

/// <summary>
/// Requests per second per ingest key (a token bucket each), so one misbehaving client cannot
/// starve the others: over the limit a request is answered 429 with <c>Retry-After</c> at once,
/// never queued. Requests without a key (keys not required) share one bucket per remote address.
/// </summary>
public sealed class IngestRateLimiter(IOptions<IngestKeyOptions> options) : IDisposable
{
    /// <summary>Where <see cref="IngestKeyAuthorizer"/> leaves the name of the key that matched.</summary>
    public const string KeyNameItem = "coc.ingest.key";

    private const int MaxBuckets = 10_000;
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);

    /// <summary>True when the request may go on; false when its key is over its rate.</summary>
    public bool TryAcquire(HttpContext context, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var perSecond = options.Value.RequestsPerSecond;
        if (perSecond <= 0)
        {
            return true;
        }
        var partition = context.Items[KeyNameItem] as string ?? "ip:" + context.Connection.RemoteIpAddress;
        if (!_buckets.TryGetValue(partition, out var bucket))
        {
            if (_buckets.Count >= MaxBuckets)
            {
                partition = "(overflow)";
            }
            bucket = _buckets.GetOrAdd(partition, _ => NewBucket(perSecond));
        }
        using var lease = bucket.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return true;
        }
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        return false;
    }

    // A burst of two seconds' worth (Telegraf flushes in bursts), refilled once a second.
    // (System.Threading.RateLimiting runs on the real clock; it takes no TimeProvider.)
    private static TokenBucketRateLimiter NewBucket(int perSecond) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = perSecond * 2,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }
}
