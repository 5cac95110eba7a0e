using Coc.Core.Complaints;
using Coc.Ingest.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Complaints;

/// <summary>
/// Republishes every complaint aggregate at a fixed interval. Aggregates only change when events
/// arrive, but a quiet night must not turn the tiles stale, and "today" must drop to zero at WIB
/// midnight even when no event comes. Starts once the first event has been applied.
/// </summary>
public sealed class ComplaintRefresher(ComplaintAggregator aggregator, IngestQueue queue, TimeProvider time,
    IOptions<ComplaintOptions> options, ILogger<ComplaintRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshIntervalSeconds), time);
        try
        {
            do
            {
                try
                {
                    // Until a complaint system has spoken, there is nothing to show: no series, so the
                    // tiles say "no data" rather than a confident zero.
                    if (aggregator.HasData)
                    {
                        await queue.SubmitAsync(aggregator.Snapshot(), stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Publishing the complaint aggregates failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
