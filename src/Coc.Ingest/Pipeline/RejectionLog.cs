using System.Collections.Concurrent;
using Coc.Core.Ingest;
using Microsoft.Extensions.Logging;

namespace Coc.Ingest.Pipeline;

/// <summary>
/// Logs refused input with its reason. A broken device can send thousands a second, so each
/// (feed, reason) pair logs a warning at most once a minute; the counters still count every one.
/// </summary>
internal sealed class RejectionLog(ILogger logger, TimeProvider time)
{
    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(string Feed, string Reason), DateTimeOffset> _lastWarned = new();

    public void Log(Rejection rejection)
    {
        var key = (rejection.Feed, rejection.Reason);
        var now = time.GetUtcNow();
        if (_lastWarned.TryGetValue(key, out var last) && now - last < WarnEvery)
        {
            logger.LogDebug("Rejected {Feed} input from {Source}: {Reason}: {Detail}", rejection.Feed, rejection.Source, rejection.Reason, rejection.Detail);
            return;
        }
        _lastWarned[key] = now;
        logger.LogWarning("Rejected {Feed} input from {Source}: {Reason}: {Detail} (further '{Reason}' rejections of this feed log at Debug for a minute; all are counted)",
            rejection.Feed, rejection.Source, rejection.Reason, rejection.Detail, rejection.Reason);
    }
}
