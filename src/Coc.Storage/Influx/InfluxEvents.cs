using Microsoft.Extensions.Logging;

namespace Coc.Storage.Influx;

/// <summary>
/// Counts and logs what happens to samples on their way to InfluxDB. An outage can refuse thousands of
/// batches a minute, so refusals are logged at most once a minute with the running total; every one is counted.
/// </summary>
internal sealed class InfluxEvents(InfluxCounters counters, string target, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);
    private readonly object _lock = new();
    private DateTimeOffset _lastDropLog = DateTimeOffset.MinValue;
    private DateTimeOffset _lastRejectLog = DateTimeOffset.MinValue;
    private DateTimeOffset _lastLostLog = DateTimeOffset.MinValue;

    public void Unreachable(string error, long spooledSamples)
    {
        if (counters.Unreachable(error))
        {
            logger.LogWarning("InfluxDB at {Target} is unreachable ({Error}); samples go to the disk spool ({Spooled} waiting) and are written when it returns",
                target, error, spooledSamples);
        }
    }

    public void Reachable(long spooledSamples)
    {
        if (counters.MarkReachable())
        {
            logger.LogInformation("InfluxDB at {Target} answers again; writing the {Spooled} spooled samples, oldest first", target, spooledSamples);
        }
    }

    public void DroppedSpoolFull(int samples, long spoolMaxBytes)
    {
        counters.DroppedSpoolFull(samples);
        if (Due(ref _lastDropLog))
        {
            logger.LogError("InfluxDB spool is full ({MaxBytes} bytes): new samples are refused and lost from history; {Total} refused so far (see /health)",
                spoolMaxBytes, counters.DroppedFull);
        }
    }

    public void Rejected(int samples, string error)
    {
        counters.RejectedSamples(samples, error);
        if (Due(ref _lastRejectLog))
        {
            logger.LogWarning("InfluxDB refused {Samples} samples as invalid; they are skipped, not retried ({Total} so far): {Error}", samples, counters.Rejected, error);
        }
    }

    public void Lost(long samples, string error)
    {
        counters.Lost(samples, error);
        if (Due(ref _lastLostLog))
        {
            logger.LogError("{Samples} samples for InfluxDB are lost: {Error}", samples, error);
        }
    }

    private bool Due(ref DateTimeOffset last)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (now - last < LogEvery)
            {
                return false;
            }
            last = now;
            return true;
        }
    }
}
