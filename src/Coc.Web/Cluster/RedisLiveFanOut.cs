using System.Threading.Channels;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Ingest.Pipeline;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coc.Web.Cluster;

/// <summary>
/// Shares every batch this server took in with the other servers over Redis pub/sub, and applies
/// theirs to this server's live state only: each sample is stored once, by the server it entered
/// through, yet every wall and hub client sees it. The pump only queues (bounded, drop-oldest,
/// counted); a background loop publishes, so a slow or absent Redis never slows ingest.
/// </summary>
public sealed class RedisLiveFanOut : BackgroundService, ILiveFanOut
{
    public const string Channel = "live";

    private readonly RedisConnection _redis;
    private readonly LiveState _live;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisLiveFanOut> _logger;
    private readonly Channel<IReadOnlyList<Sample>> _queue;
    // Other servers' batches wait here, not in StackExchange.Redis's own (unbounded) queue: if this
    // server cannot apply them as fast as they come, the oldest go, counted.
    private readonly Channel<byte[]> _incoming;
    private readonly LiveBatchOrigin _self;
    private readonly FanOutCounters _counters = new();
    private DateTimeOffset _lastWarning = DateTimeOffset.MinValue;

    public RedisLiveFanOut(RedisConnection redis, LiveState live, ClusterIdentity identity, IOptions<ClusterOptions> options, TimeProvider time, ILogger<RedisLiveFanOut> logger)
    {
        _redis = redis;
        _live = live;
        _time = time;
        _logger = logger;
        _self = identity.Origin;
        _queue = System.Threading.Channels.Channel.CreateBounded<IReadOnlyList<Sample>>(
            new BoundedChannelOptions(options.Value.FanOutQueueBatches) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => _counters.AddDropped(dropped.Count));
        _incoming = System.Threading.Channels.Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(options.Value.FanOutQueueBatches) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => _counters.AddIncomingDropped());
    }

    public FanOutCounters Counters => _counters;

    /// <summary>Batches waiting for Redis.</summary>
    public int QueueDepth => _queue.Reader.Count;

    /// <summary>Other servers' batches waiting to be applied here.</summary>
    public int IncomingDepth => _incoming.Reader.Count;

    public void Publish(IReadOnlyList<Sample> samples)
    {
        if (samples.Count > 0)
        {
            _queue.Writer.TryWrite(samples);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _redis.Subscribe(Channel, message => _incoming.Writer.TryWrite((byte[])message!));
        await Task.WhenAll(PublishLoopAsync(stoppingToken), ApplyLoopAsync(stoppingToken));
    }

    private async Task PublishLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            var redis = await _redis.GetAsync().WaitAsync(stoppingToken);
            var subscriber = redis.GetSubscriber();
            await foreach (var batch in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await PublishAsync(subscriber, batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // One at a time, in order: a series' samples reach the live state in the order their server sent them.
    private async Task ApplyLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var payload in _incoming.Reader.ReadAllAsync(stoppingToken))
            {
                Apply(payload);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PublishAsync(ISubscriber subscriber, IReadOnlyList<Sample> batch)
    {
        if (!_redis.IsConnected)
        {
            // Nobody to hand it to, and late samples are worth nothing to a live wall: count, do not hoard.
            _counters.AddUnshared(batch.Count);
            WarnNotShared("Redis is unreachable");
            return;
        }
        try
        {
            await subscriber.PublishAsync(RedisChannel.Literal(Channel), LiveBatchCodec.Encode(_self, batch));
            _counters.AddPublished(batch.Count);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _counters.AddUnshared(batch.Count);
            WarnNotShared(ex.Message);
        }
    }

    private void Apply(byte[] payload)
    {
        try
        {
            var (origin, samples) = LiveBatchCodec.Decode(payload);
            if (origin.RunId == _self.RunId)
            {
                return; // ours: already in the live state, stored by us
            }
            if (origin.ServerId == _self.ServerId)
            {
                _counters.SawDuplicateServerId(origin.ServerId);
            }
            // Live state only, never the store: the server it entered through stores it.
            // Stamped with this server's clock: server clocks may differ, and the hop took milliseconds.
            _live.Apply(samples, _time.GetUtcNow());
            _counters.AddReceived(origin.ServerId, samples.Length);
        }
        catch (FormatException ex)
        {
            _counters.AddUnreadable();
            _logger.LogWarning("A live batch from Redis could not be read and was skipped: {Error}", ex.Message);
        }
    }

    private void WarnNotShared(string reason)
    {
        // Under load that is thousands of batches a minute: warn once a minute, count every one.
        var now = _time.GetUtcNow();
        if (now - _lastWarning >= TimeSpan.FromMinutes(1))
        {
            _lastWarning = now;
            _logger.LogWarning("Live samples not shared with the other servers ({Reason}); {Total} so far (see /health)", reason, _counters.SamplesUnshared);
        }
    }
}
