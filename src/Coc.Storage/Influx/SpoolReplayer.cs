using System.Threading.Channels;
using Coc.Storage.Influx.Spool;
using Microsoft.Extensions.Logging;

namespace Coc.Storage.Influx;

/// <summary>
/// Drains the spool into InfluxDB, oldest record first, one record at a time; after a failure it waits
/// (exponential back-off) before trying again, so a dead server is not hammered. While the spool is empty
/// but the server was last seen down, it probes <c>/ping</c> on the same back-off, so reachability stays
/// true to life even when nothing is written.
/// </summary>
internal sealed class SpoolReplayer : IAsyncDisposable
{
    private readonly DiskSpool _spool;
    private readonly BodySender _sender;
    private readonly InfluxHttp _http;
    private readonly InfluxCounters _counters;
    private readonly InfluxEvents _events;
    private readonly TimeSpan _maxBackoff;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SpoolReplayer(DiskSpool spool, BodySender sender, InfluxHttp http, InfluxCounters counters, InfluxEvents events, TimeSpan maxBackoff, TimeProvider time, ILogger logger)
    {
        (_spool, _sender, _http, _counters, _events, _maxBackoff, _time, _logger) = (spool, sender, http, counters, events, maxBackoff, time, logger);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Something was spooled: start draining if idle. During a back-off it changes nothing.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        // A record being sent stays in the spool and goes first at the next start.
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (_spool.IsEmpty && _counters.Reachable)
                {
                    await _wake.Reader.ReadAsync(stop).ConfigureAwait(false);
                    continue;
                }
                if (failures == 0 && !_counters.Reachable)
                {
                    // Woken by a write that just failed: the server gets the first back-off before the next try.
                    failures = 1;
                    await Task.Delay(Backoff.Delay(failures, _maxBackoff), _time, stop).ConfigureAwait(false);
                }
                var error = await TryOnceAsync(stop).ConfigureAwait(false);
                if (error is null)
                {
                    failures = 0;
                    continue;
                }
                _events.Unreachable(error, _spool.Samples);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                // The spool's disk, not the server: keep trying on the back-off rather than end the loop.
                _logger.LogError(ex, "Reading the InfluxDB spool failed; trying again after a back-off");
            }

            failures++;
            try
            {
                await Task.Delay(Backoff.Delay(failures, _maxBackoff), _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends the oldest record, or pings when there is none; the error, or null on success.</summary>
    private async Task<string?> TryOnceAsync(CancellationToken stop)
    {
        if (_spool.Peek() is not { } record)
        {
            if (!await _http.PingAsync(stop).ConfigureAwait(false))
            {
                return $"no answer to /ping at {_http.Describe}";
            }
            _events.Reachable(0);
            return null;
        }
        var result = await _sender.SendAsync(record.Body, record.Samples, stop).ConfigureAwait(false);
        if (result.MustRetry)
        {
            return result.Error;
        }
        // Counted before it leaves the spool, so no snapshot shows an empty spool without its samples counted.
        _events.Reachable(_spool.Samples - record.Samples);
        _counters.Written(result.Written, fromSpool: true);
        if (result.Rejected > 0)
        {
            // Skipped, not retried: the server said these points are wrong, and retrying them for ever would
            // hold every later sample behind them until the spool filled up.
            _events.Rejected(result.Rejected, result.Error ?? "refused");
        }
        _spool.Remove(record);
        if (_spool.IsEmpty)
        {
            _logger.LogInformation("InfluxDB spool drained: {Replayed} samples written from it since start", _counters.Replayed);
        }
        return null;
    }
}
