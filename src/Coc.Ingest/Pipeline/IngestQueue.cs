using System.Threading.Channels;
using Coc.Core.Ingest;
using Coc.Core.Series;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Pipeline;

/// <summary>
/// The one door every feed goes through: counts what a message yielded and queues the good samples.
/// Bounded in samples, not messages: one HTTP body can carry 15,000 samples and one MQTT message
/// one. A full queue makes the sender wait, which pushes back on the MQTT connection or HTTP request.
/// </summary>
public sealed class IngestQueue
{
    // Unbounded on its own: the sample count below is the bound, checked before every write.
    // (Not SingleReader: that variant cannot report its Count, which /health shows.)
    private readonly Channel<IngestBatch> _channel = Channel.CreateUnbounded<IngestBatch>();
    private readonly FeedStats _stats;
    private readonly TimeProvider _time;
    private readonly RejectionLog _rejectionLog;
    private readonly long _capacity;
    private readonly object _gate = new();
    private long _queuedSamples;
    private TaskCompletionSource _roomFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _senderWaiting;

    public IngestQueue(IOptions<IngestOptions> options, FeedStats stats, TimeProvider time, ILogger<IngestQueue> logger)
    {
        _capacity = options.Value.QueueCapacity;
        _stats = stats;
        _time = time;
        _rejectionLog = new RejectionLog(logger, time);
    }

    /// <summary>Batches waiting for the pump.</summary>
    public int Depth => _channel.Reader.Count;

    /// <summary>Samples waiting for the pump; at most the capacity (or one larger batch alone).</summary>
    public long QueuedSamples => Interlocked.Read(ref _queuedSamples);

    /// <summary>
    /// Waits for room, then records the parse outcome and queues its samples. A cancelled wait
    /// queues and counts nothing, so the sender can retry the same input.
    /// </summary>
    public async ValueTask SubmitAsync(ParseResult result, CancellationToken cancellationToken = default)
    {
        if (result.Samples.Count > 0)
        {
            await WaitForRoomAsync(result.Samples.Count, cancellationToken);
        }
        var now = _time.GetUtcNow();
        _stats.Record(result, now);
        foreach (var rejection in result.Rejections)
        {
            _rejectionLog.Log(rejection);
        }
        if (result.Samples.Count > 0)
        {
            _channel.Writer.TryWrite(new IngestBatch(result.Samples, now));
        }
    }

    /// <summary>Queues samples that need no parsing (already validated by their door).</summary>
    public async ValueTask SubmitAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken = default)
    {
        if (samples.Count == 0)
        {
            return;
        }
        await WaitForRoomAsync(samples.Count, cancellationToken);
        _channel.Writer.TryWrite(new IngestBatch(samples, _time.GetUtcNow()));
    }

    internal ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    internal bool TryRead(out IngestBatch batch)
    {
        if (!_channel.Reader.TryRead(out batch))
        {
            return false;
        }
        TaskCompletionSource? freed = null;
        lock (_gate)
        {
            _queuedSamples -= batch.Samples.Count;
            // The common case, nobody waiting, allocates nothing.
            if (_senderWaiting)
            {
                freed = _roomFreed;
                _roomFreed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _senderWaiting = false;
            }
        }
        freed?.TrySetResult();
        return true;
    }

    // An empty queue always takes a batch, however large, so no single input can wait forever.
    private async ValueTask WaitForRoomAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task freed;
            lock (_gate)
            {
                if (_queuedSamples == 0 || _queuedSamples + count <= _capacity)
                {
                    _queuedSamples += count;
                    return;
                }
                freed = _roomFreed.Task;
                _senderWaiting = true;
            }
            await freed.WaitAsync(cancellationToken);
        }
    }
}

internal readonly record struct IngestBatch(IReadOnlyList<Sample> Samples, DateTimeOffset ReceivedAt);
