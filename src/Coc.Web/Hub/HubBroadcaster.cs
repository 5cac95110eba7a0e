using System.Threading.Channels;
using Coc.Core.Live;
using Coc.Core.Series;
using Microsoft.AspNetCore.SignalR;

namespace Coc.Web.Hub;

/// <summary>
/// Forwards live samples to hub groups. Its queue is bounded and drops the oldest batch if
/// hub clients cannot keep up: ingest and the wall never wait on a slow hub client.
/// </summary>
/// <remarks>
/// With several servers each hub client still gets each sample exactly once: every server's live
/// state holds every sample (the live fan-out), each server sends it to the groups of its own
/// connections, and groups never cross servers (<see cref="Coc.Web.Cluster.ClusterHubLifetimeManager{THub}"/>
/// forwards only messages for all clients). A backplane that also forwarded group sends would deliver
/// each sample once per server. Only what happens on one server and is meant for every client (the
/// <c>scene</c> message, <see cref="SceneHubAnnouncer"/>) crosses servers, sent once by that server.
/// </remarks>
public sealed class HubBroadcaster(LiveState live, HubSubscriptions subscriptions, IHubContext<LiveHub, ILiveClient> hub, ILogger<HubBroadcaster> logger)
    : BackgroundService
{
    private const int QueueCapacity = 10_000;
    private long _dropped;

    public long DroppedBatches => Interlocked.Read(ref _dropped);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var channel = Channel.CreateBounded<IReadOnlyList<Sample>>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        using var watch = live.WatchAll(batch =>
        {
            // Skip the copy entirely when no hub client follows anything.
            if (subscriptions.HasFollowers)
            {
                channel.Writer.TryWrite(batch);
            }
        });
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(stoppingToken))
            {
                foreach (var sample in batch)
                {
                    if (!subscriptions.IsFollowed(sample.Series.Id))
                    {
                        continue;
                    }
                    try
                    {
                        await hub.Clients.Group(HubSubscriptions.GroupOf(sample.Series.Id))
                            .Update(LiveUpdate.From(sample.Series, sample.Timestamp, sample.Value));
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning(ex, "Hub send for {Series} failed", sample.Series.Id);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
