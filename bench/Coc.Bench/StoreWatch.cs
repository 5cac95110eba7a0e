using System.Diagnostics;

namespace Coc.Bench;

/// <summary>
/// Polls /health from the first publish until the store holds every sample sent, or they are all
/// accounted for as stored or dropped, or the store count stalls (or the timeout passes) after the last
/// PUBACK. Notes the peak queue depths and when the store count last moved.
/// </summary>
public sealed class StoreWatch(HealthProbe probe, HealthSnapshot baseline, long targetSamples, TimeSpan timeoutAfterPublishing)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan HardCap = TimeSpan.FromHours(1);

    /// <summary>With the publishers done and the count still for this long, nothing more is coming.</summary>
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(10);

    public async Task<StoreOutcome> RunAsync(long start, Task publishingDone, CancellationToken cancellationToken)
    {
        var last = baseline;
        long maxIngestDepth = 0, maxStoreDepth = 0;
        var unanswered = 0;
        long? publishedAt = null;
        var movedAt = start;
        while (Stopwatch.GetElapsedTime(start) < HardCap)
        {
            var snapshot = await probe.TryReadAsync(cancellationToken);
            var at = Stopwatch.GetTimestamp();
            if (snapshot is null)
            {
                unanswered++;
            }
            else
            {
                if (snapshot.SamplesStored != last.SamplesStored)
                {
                    movedAt = at;
                }
                last = snapshot;
                maxIngestDepth = Math.Max(maxIngestDepth, snapshot.IngestQueueDepth);
                maxStoreDepth = Math.Max(maxStoreDepth, snapshot.StoreQueueDepth);
            }
            var stored = last.SamplesStored - baseline.SamplesStored;
            var dropped = last.StoreDropped - baseline.StoreDropped;
            if (publishingDone.IsCompleted)
            {
                publishedAt ??= at;
            }
            var timedOut = publishedAt is { } p && Stopwatch.GetElapsedTime(p, at) > timeoutAfterPublishing;
            var stalled = publishedAt is not null && last.IngestQueueDepth == 0 && last.StoreQueueDepth == 0
                && Stopwatch.GetElapsedTime(movedAt, at) > StallTimeout;
            if (stored >= targetSamples || stored + dropped >= targetSamples || timedOut || stalled)
            {
                var allStored = stored >= targetSamples;
                return new StoreOutcome(
                    allStored,
                    // Short of the target, the time the store last moved: the wait for nothing is not ingest time.
                    Stopwatch.GetElapsedTime(start, allStored ? at : movedAt).TotalSeconds,
                    last.SamplesIn - baseline.SamplesIn,
                    stored,
                    dropped,
                    last.StoreFailures - baseline.StoreFailures,
                    maxIngestDepth,
                    maxStoreDepth,
                    unanswered);
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
        throw new BenchException($"the store watch ran past its {HardCap.TotalMinutes:0} min cap");
    }
}

/// <summary>What /health said when the store watch ended, as differences from the start of the run.</summary>
public sealed record StoreOutcome(
    bool AllStored,
    double Seconds,
    long SamplesIn,
    long SamplesStored,
    long StoreDropped,
    long StoreFailures,
    long MaxIngestQueueDepth,
    long MaxStoreQueueDepth,
    int HealthUnanswered);
