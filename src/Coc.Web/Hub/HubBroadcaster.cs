using System.Threading.Channels;
using Coc.Core.Live;
using Coc.Core.Series;
using Microsoft.AspNetCore.SignalR;

namespace Coc.Web.Hub;

/// <summary>
/// Forwards live samples to the hub connections that follow their series. Its queue is bounded and
/// drops the oldest batch if hub clients cannot keep up: ingest and the wall never wait on a slow hub client.
/// </summary>
/// <remarks>
/// Each sample goes to each follower connection of THIS server, one by one, never to a SignalR group.
/// With several servers every server's live state holds every sample (the live fan-out), so each
/// server serves its own connections from its own live state. A group send would go through the
/// Redis backplane to every server holding a member, and each of those servers sends the same sample
/// too: a client would get it once per server. A send to one local connection never touches Redis
/// (the backplane writes a connection it holds directly), so it is exactly once, and hub clients keep
/// their updates while Redis is down. What is meant for every client once (the <c>scene</c> message)
/// goes through the backplane, from the server where it happened (<see cref="SceneHubAnnouncer"/>).
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
                    var followers = subscriptions.FollowersOf(sample.Series.Id);
                    if (followers.Count == 0)
                    {
                        continue;
                    }
                    try
                    {
                        await SendAsync(followers, LiveUpdate.From(sample.Series, sample.Timestamp, sample.Value));
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

    // All at once, as a group send does: one slow connection does not hold the others' writes.
    private Task SendAsync(IReadOnlyList<string> followers, LiveUpdate update)
    {
        if (followers.Count == 1)
        {
            return hub.Clients.Client(followers[0]).Update(update);
        }
        var sends = new Task[followers.Count];
        for (var i = 0; i < sends.Length; i++)
        {
            sends[i] = hub.Clients.Client(followers[i]).Update(update);
        }
        return Task.WhenAll(sends);
    }
}
