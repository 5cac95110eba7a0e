using System.Threading.Channels;
using Coc.Core.Series;
using Coc.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Pipeline;

/// <summary>
/// Writes samples to the store in batches (by size or after a short interval).
/// Its queue is bounded in samples and drops the oldest batches when the store cannot keep up:
/// the live wall must not freeze behind a slow disk. Every dropped sample is counted and logged.
/// </summary>
public sealed class StoreWriter : BackgroundService
{
    private readonly Channel<IReadOnlyList<Sample>> _channel;
    private readonly ITimeSeriesStore _store;
    private readonly IngestMetrics _metrics;
    private readonly ILogger<StoreWriter> _logger;
    private readonly TimeProvider _time;
    private readonly int _batchSize;
    private readonly TimeSpan _flushInterval;
    private readonly long _capacity;
    private long _queuedSamples;
    private DateTimeOffset _lastDropWarning = DateTimeOffset.MinValue;

    public StoreWriter(ITimeSeriesStore store, IngestMetrics metrics, IOptions<IngestOptions> options, TimeProvider time, ILogger<StoreWriter> logger)
    {
        _store = store;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _batchSize = options.Value.StoreBatchSize;
        _flushInterval = TimeSpan.FromMilliseconds(options.Value.StoreFlushIntervalMs);
        _capacity = options.Value.StoreQueueCapacity;
        // Unbounded on its own: the sample count is the bound. Batches vary from one sample to
        // thousands, so a bound in batches would be either tiny or huge.
        _channel = Channel.CreateUnbounded<IReadOnlyList<Sample>>();
    }

    /// <summary>Batches waiting for the store.</summary>
    public int Depth => _channel.Reader.Count;

    /// <summary>Samples waiting for the store; at most the capacity (or one larger batch alone).</summary>
    public long QueuedSamples => Interlocked.Read(ref _queuedSamples);

    /// <summary>Queues a batch; when it does not fit, the oldest queued batches are dropped (counted) to make room. Never waits.</summary>
    public void Enqueue(IReadOnlyList<Sample> samples)
    {
        while (QueuedSamples + samples.Count > _capacity && TryTake(out var oldest))
        {
            OnDropped(oldest);
        }
        Interlocked.Add(ref _queuedSamples, samples.Count);
        _channel.Writer.TryWrite(samples);
    }

    private bool TryTake(out IReadOnlyList<Sample> batch)
    {
        if (!_channel.Reader.TryRead(out batch!))
        {
            return false;
        }
        Interlocked.Add(ref _queuedSamples, -batch.Count);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _channel.Reader;
        var buffer = new List<Sample>(_batchSize);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await FillAsync(reader, buffer, stoppingToken);
                await FlushAsync(buffer, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (TryTake(out var batch))
            {
                buffer.AddRange(batch);
            }
            await FlushAsync(buffer, CancellationToken.None);
        }
    }

    /// <summary>Gathers up to a batch, waiting at most the flush interval for more to arrive.</summary>
    private async Task FillAsync(ChannelReader<IReadOnlyList<Sample>> reader, List<Sample> buffer, CancellationToken stoppingToken)
    {
        var started = _time.GetTimestamp();
        while (buffer.Count < _batchSize)
        {
            if (TryTake(out var batch))
            {
                buffer.AddRange(batch);
                continue;
            }
            var remaining = _flushInterval - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }
            using var deadline = new CancellationTokenSource(remaining, _time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
            try
            {
                await reader.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task FlushAsync(List<Sample> buffer, CancellationToken cancellationToken)
    {
        if (buffer.Count == 0)
        {
            return;
        }
        try
        {
            await _store.WriteAsync(buffer, cancellationToken);
            _metrics.AddStored(buffer.Count);
        }
        catch (Exception ex)
        {
            _metrics.AddFailure(buffer.Count, ex.Message);
            _logger.LogError(ex, "Store write of {Count} samples failed; they are lost from history (the live wall still has them)", buffer.Count);
        }
        buffer.Clear();
    }

    private void OnDropped(IReadOnlyList<Sample> dropped)
    {
        _metrics.AddDropped(dropped.Count);
        // A dead store under load drops thousands of batches: warn once a minute, count every one.
        var now = _time.GetUtcNow();
        if (now - _lastDropWarning >= TimeSpan.FromMinutes(1))
        {
            _lastDropWarning = now;
            _logger.LogWarning("Store queue full: dropping the oldest samples to keep the wall live; {Total} dropped so far (see /health)", _metrics.StoreDropped);
        }
    }
}
