using Coc.Core.Live;
using Coc.Core.Series;
using Microsoft.Extensions.Hosting;

namespace Coc.Ingest.Pipeline;

/// <summary>
/// Moves queued samples to the live state first (the wall), then hands them to the store writer,
/// which never makes this loop wait.
/// </summary>
public sealed class IngestPump(IngestQueue queue, LiveState live, StoreWriter storeWriter, IngestMetrics metrics) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (reader.TryRead(out var batch))
                {
                    Forward(batch);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is already queued still reaches the store.
            while (reader.TryRead(out var batch))
            {
                Forward(batch);
            }
        }
    }

    private void Forward(IngestBatch batch)
    {
        metrics.AddIn(batch.Samples.Count);
        live.Apply(batch.Samples, batch.ReceivedAt);
        storeWriter.Enqueue(batch.Samples);
    }
}
