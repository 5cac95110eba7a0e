using Coc.Core.Series;
using Coc.Storage.Influx.Spool;
using Microsoft.Extensions.Logging;

namespace Coc.Storage.Influx;

/// <summary>
/// History in InfluxDB over the v1 HTTP API. Writes go straight to the server while it answers; when it
/// does not (down, unreachable, 5xx, timeout), they go to a bounded disk spool and a background replayer
/// writes them when it returns, oldest first. While anything is spooled, new batches queue behind it, so
/// order is kept; and a write never waits out a back-off, so the ingest path is never held up by the store.
/// Queries go to the server and see only what it has: spooled samples appear once replayed.
/// </summary>
public sealed class InfluxTimeSeriesStore : ITimeSeriesStore, IStoreStatus, IAsyncDisposable, IDisposable
{
    private readonly InfluxHttp _http;
    private readonly InfluxQl _ql;
    private readonly LineProtocolEncoder _encoder = new();
    private readonly DiskSpool _spool;
    private readonly BodySender _sender;
    private readonly InfluxCounters _counters;
    private readonly InfluxEvents _events;
    private readonly SpoolReplayer _replayer;
    private readonly int _batchSize;
    private readonly string _target;
    // One direct send at a time, so "spool empty, send straight" and "spool it" cannot interleave out of order.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _disposed;
    private int _disposing;

    /// <param name="options">Checked already (see <see cref="InfluxOptionsValidator"/>).</param>
    /// <param name="spoolPath">Absolute folder of the outage spool; what an earlier run left there is written first.</param>
    /// <param name="handler">The HTTP handler; tests pass one that plays a server.</param>
    public InfluxTimeSeriesStore(InfluxOptions options, string spoolPath, TimeProvider time, ILogger<InfluxTimeSeriesStore> logger, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(spoolPath);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);

        _http = new InfluxHttp(options, handler);
        _target = $"{_http.Describe} database '{options.Database}'{(options.RetentionPolicyOrDefault is { } rp ? $" retention policy '{rp}'" : "")}";
        _ql = new InfluxQl(options.RetentionPolicyOrDefault);
        _batchSize = options.BatchSize;
        _counters = new InfluxCounters(time);
        _events = new InfluxEvents(_counters, _target, time, logger);
        _sender = new BodySender(_http, options.CreateDatabase);
        try
        {
            _spool = new DiskSpool(spoolPath, options.SpoolMaxBytes, logger);
        }
        catch
        {
            _http.Dispose();
            throw;
        }
        _replayer = new SpoolReplayer(_spool, _sender, _http, _counters, _events, TimeSpan.FromSeconds(options.MaxBackoffSeconds), time, logger);
        if (!_spool.IsEmpty)
        {
            _replayer.Wake();
        }
    }

    /// <summary>
    /// Sends the batch (split into <see cref="InfluxOptions.BatchSize"/> bodies), or spools it when the server
    /// is down or anything is already spooled. Returns once each body is written, spooled or refused; never throws
    /// for the server's state. Waits at most one request timeout, and only when the server was believed up.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var start = 0; start < samples.Count; start += _batchSize)
        {
            var lines = _encoder.Encode(samples, start, Math.Min(_batchSize, samples.Count - start));
            if (lines.Refused > 0)
            {
                _events.Rejected(lines.Refused, $"no line-protocol form: {lines.FirstProblem}");
            }
            if (lines.Samples > 0)
            {
                await WriteOrSpoolAsync(lines, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<StoredPoint>> QueryAsync(SeriesKey series, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (from >= to)
        {
            return [];
        }
        var answer = await _http.QueryAsync(_ql.Raw(series, from, to), cancellationToken).ConfigureAwait(false);
        return QueryResults.Points(QueryResults.Exact(answer, series));
    }

    public async Task<IReadOnlyList<BucketPoint>> QueryBucketsAsync(SeriesKey series, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucket, TimeSpan.FromMilliseconds(1));
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (from >= to)
        {
            return [];
        }
        var answer = await _http.QueryAsync(_ql.Buckets(series, from, to, (long)bucket.TotalMilliseconds), cancellationToken).ConfigureAwait(false);
        return QueryResults.Buckets(QueryResults.Exact(answer, series));
    }

    public async Task<StoredPoint?> LatestAsync(SeriesKey series, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var answer = await _http.QueryAsync(_ql.Latest(series), cancellationToken).ConfigureAwait(false);
        return QueryResults.Points(QueryResults.Exact(answer, series)) is [var point, ..] ? point : null;
    }

    /// <summary>Reads the newest value of every series: a scan of the whole database, for tools rather than the wall's hot path.</summary>
    public async Task<IReadOnlyList<SeriesKey>> ListSeriesAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return QueryResults.Keys(await _http.QueryAsync(_ql.EverySeries(), cancellationToken).ConfigureAwait(false));
    }

    public StoreStatus Snapshot() => _counters.Snapshot(_target, _spool.Samples, _spool.Bytes, _spool.MaxBytes, _spool.CorruptSamples);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposing, 1) == 1)
        {
            return;
        }
        await _replayer.DisposeAsync().ConfigureAwait(false);
        // A direct send in progress finishes (at most one request timeout) and lands on the server or the spool.
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            _spool.Dispose();
            _http.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task WriteOrSpoolAsync(EncodedLines lines, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_spool.IsEmpty || !_counters.Reachable)
            {
                Spool(lines);
                return;
            }
            // Not the caller's token: a send cut off half-way helps nobody; the request timeout bounds it.
            var result = await _sender.SendAsync(lines.Body, lines.Samples, CancellationToken.None).ConfigureAwait(false);
            if (result.MustRetry)
            {
                _events.Unreachable(result.Error ?? "write failed", _spool.Samples);
                Spool(lines);
                return;
            }
            _counters.Written(result.Written, fromSpool: false);
            if (result.Rejected > 0)
            {
                // Skipped, not retried: the server says these points are wrong; sending them again cannot succeed.
                _events.Rejected(result.Rejected, result.Error ?? "refused");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Spool(EncodedLines lines)
    {
        try
        {
            if (_spool.TryAppend(lines.Body, lines.Samples))
            {
                _replayer.Wake();
            }
            else
            {
                _events.DroppedSpoolFull(lines.Samples, _spool.MaxBytes);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _events.Lost(lines.Samples, $"the spool could not be written: {ex.Message}");
        }
    }
}
