namespace Coc.Storage.Influx;

/// <summary>The Influx store's running counts and its view of the server's reachability, read as one snapshot.</summary>
internal sealed class InfluxCounters(TimeProvider time)
{
    private readonly object _lock = new();
    private long _written;
    private long _replayed;
    private long _droppedFull;
    private long _lost;
    private long _rejected;
    private DateTimeOffset? _unreachableSince;
    private DateTimeOffset? _lastDropAt;
    private DateTimeOffset? _lastRejectAt;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;

    /// <summary>False from a failed request until the next one that succeeds.</summary>
    public bool Reachable
    {
        get
        {
            lock (_lock)
            {
                return _unreachableSince is null;
            }
        }
    }

    public long DroppedFull => Interlocked.Read(ref _droppedFull);

    public long Rejected => Interlocked.Read(ref _rejected);

    public long Replayed => Interlocked.Read(ref _replayed);

    public void Written(int samples, bool fromSpool)
    {
        Interlocked.Add(ref _written, samples);
        if (fromSpool)
        {
            Interlocked.Add(ref _replayed, samples);
        }
        MarkReachable();
    }

    /// <summary>Records a failed request; true when it starts an outage (the server was reachable until now).</summary>
    public bool Unreachable(string error)
    {
        lock (_lock)
        {
            Error(error);
            if (_unreachableSince is not null)
            {
                return false;
            }
            _unreachableSince = time.GetUtcNow();
            return true;
        }
    }

    /// <summary>True when this ends an outage.</summary>
    public bool MarkReachable()
    {
        lock (_lock)
        {
            var wasDown = _unreachableSince is not null;
            _unreachableSince = null;
            return wasDown;
        }
    }

    public void DroppedSpoolFull(int samples)
    {
        Interlocked.Add(ref _droppedFull, samples);
        lock (_lock)
        {
            _lastDropAt = time.GetUtcNow();
        }
    }

    public void Lost(long samples, string error)
    {
        Interlocked.Add(ref _lost, samples);
        lock (_lock)
        {
            Error(error);
        }
    }

    public void RejectedSamples(int samples, string error)
    {
        Interlocked.Add(ref _rejected, samples);
        lock (_lock)
        {
            _lastRejectAt = time.GetUtcNow();
            Error(error);
        }
    }

    public StoreStatus Snapshot(string target, long spooledSamples, long spooledBytes, long spoolMaxBytes, long corruptSamples)
    {
        lock (_lock)
        {
            return new StoreStatus(StorageOptions.InfluxBackend, target, _unreachableSince is null, _unreachableSince,
                Interlocked.Read(ref _written), spooledSamples, spooledBytes, spoolMaxBytes, Interlocked.Read(ref _replayed),
                Interlocked.Read(ref _droppedFull), Interlocked.Read(ref _lost) + corruptSamples, Interlocked.Read(ref _rejected),
                _lastDropAt, _lastRejectAt, _lastError, _lastErrorAt);
        }
    }

    private void Error(string error)
    {
        _lastError = error;
        _lastErrorAt = time.GetUtcNow();
    }
}
