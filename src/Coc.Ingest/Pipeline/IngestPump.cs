using Coc.Core.Live;
using Coc.Core.Series;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Pipeline;

/// <summary>
/// Moves queued samples to the live state first (the wall), then hands them to the store writer
/// and to the other servers of a cluster (<see cref="ILiveFanOut"/>); neither makes this loop wait.
/// </summary>
public sealed class IngestPump(IngestQueue queue, LiveState live, StoreWriter storeWriter, IngestMetrics metrics, IOptions<IngestOptions> options,
    ILiveFanOut fanOut) : BackgroundService
{
    private readonly int _storeBatchSize = options.Value.StoreBatchSize;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.WaitToReadAsync(stoppingToken))
            {
                DrainAvailable();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is already queued still reaches the store.
            DrainAvailable();
        }
    }

    /// <summary>
    /// Applies every queued message to the live state at once, and hands the store one merged
    /// batch per <c>StoreBatchSize</c> samples: under load one MQTT message is a handful of
    /// samples, and the store queue's bound is counted in batches.
    /// </summary>
    private void DrainAvailable()
    {
        List<Sample>? merged = null;
        while (queue.TryRead(out var batch))
        {
            metrics.AddIn(batch.Samples.Count);
            live.Apply(batch.Samples, batch.ReceivedAt);
            (merged ??= new List<Sample>(Math.Min(_storeBatchSize, 1024))).AddRange(batch.Samples);
            if (merged.Count >= _storeBatchSize)
            {
                Hand(merged);
                merged = null;
            }
        }
        if (merged is not null)
        {
            Hand(merged);
        }
    }

    // One list for both: neither changes it, and the fan-out gets the same bounded batches as the store.
    private void Hand(List<Sample> merged)
    {
        storeWriter.Enqueue(merged);
        fanOut.Publish(merged);
    }
}
