using Coc.Core.Ingest;
using Coc.Core.Series;
using Coc.Ingest.Pipeline;
using Microsoft.Extensions.Options;

namespace Coc.Web;

/// <summary>
/// Publishes each feed's health as ordinary series every few seconds, so a wall `status` tile can
/// show the feeds beside the city's data: measurement <c>coc_feed</c>, tag <c>feed</c>, fields
/// <c>rate_per_s</c>, <c>rejected_per_min</c> and <c>state</c> (0 live, 1 quiet, 2 stale, 3 erroring).
/// </summary>
public sealed class FeedHealthPublisher(FeedStats stats, IngestQueue queue, TimeProvider time, IOptions<FeedsOptions> options, ILogger<FeedHealthPublisher> logger)
    : BackgroundService
{
    public const string Measurement = "coc_feed";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PublishHealthSeconds == 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PublishHealthSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var samples = Snapshot(time.GetUtcNow());
                    if (samples.Count > 0)
                    {
                        await queue.SubmitAsync(samples, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One failed round must not end the health series for the rest of the process's life.
                    logger.LogError(ex, "Feed health round failed; publishing again at the next tick");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Feed health publisher stopped");
        }
    }

    public IReadOnlyList<Sample> Snapshot(DateTimeOffset now)
    {
        var samples = new List<Sample>();
        foreach (var feed in stats.Feeds)
        {
            Sample Field(string field, double value) => new(SeriesKey.Create(Measurement, field, ("feed", feed.Feed)), now, value);
            samples.Add(Field("rate_per_s", Math.Round(feed.AcceptedPerSecond(now), 2)));
            samples.Add(Field("rejected_per_min", feed.RejectedLastMinute(now)));
            samples.Add(Field("state", (int)options.Value.Rules.Evaluate(feed, now)));
        }
        return samples;
    }
}
