using System.Threading.Channels;
using Coc.Core.Ingest;
using Coc.Core.Series;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Pipeline;

/// <summary>
/// The one door every feed goes through: counts what a message yielded and queues the good samples.
/// Bounded; a full queue makes the sender wait, which pushes back on the MQTT connection or HTTP request.
/// </summary>
public sealed class IngestQueue
{
    private readonly Channel<IngestBatch> _channel;
    private readonly FeedStats _stats;
    private readonly TimeProvider _time;
    private readonly RejectionLog _rejectionLog;

    public IngestQueue(IOptions<IngestOptions> options, FeedStats stats, TimeProvider time, ILogger<IngestQueue> logger)
    {
        _channel = Channel.CreateBounded<IngestBatch>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _stats = stats;
        _time = time;
        _rejectionLog = new RejectionLog(logger, time);
    }

    internal ChannelReader<IngestBatch> Reader => _channel.Reader;

    public int Depth => _channel.Reader.Count;

    /// <summary>Records the parse outcome and queues its samples; waits while the queue is full.</summary>
    public ValueTask SubmitAsync(ParseResult result, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        _stats.Record(result, now);
        foreach (var rejection in result.Rejections)
        {
            _rejectionLog.Log(rejection);
        }
        return result.Samples.Count == 0
            ? ValueTask.CompletedTask
            : _channel.Writer.WriteAsync(new IngestBatch(result.Samples, now), cancellationToken);
    }

    /// <summary>Queues samples that need no parsing (already validated by their door).</summary>
    public ValueTask SubmitAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken = default) =>
        _channel.Writer.WriteAsync(new IngestBatch(samples, _time.GetUtcNow()), cancellationToken);
}

internal readonly record struct IngestBatch(IReadOnlyList<Sample> Samples, DateTimeOffset ReceivedAt);
