namespace Coc.Ingest.Pull;

/// <summary>The mutable state of one source: written by its poll loop, read by snapshots from any thread.</summary>
internal sealed class PullSourceState(string name, string url)
{
    private readonly object _gate = new();
    private long _polls;
    private DateTimeOffset? _lastSuccessAt;
    private DateTimeOffset? _lastFailureAt;
    private string? _lastError;
    private int _consecutiveFailures;
    private DateTimeOffset? _nextPollAt;

    public string Name { get; } = name;

    public string Url { get; } = url;

    public int ConsecutiveFailures
    {
        get
        {
            lock (_gate)
            {
                return _consecutiveFailures;
            }
        }
    }

    public void Starting()
    {
        lock (_gate)
        {
            _nextPollAt = null;
        }
    }

    /// <summary>Records a finished poll; returns the consecutive failures before it (to log the first failure and the recovery once).</summary>
    public int Finished(DateTimeOffset at, string? error, DateTimeOffset nextPollAt)
    {
        lock (_gate)
        {
            var before = _consecutiveFailures;
            _polls++;
            if (error is null)
            {
                _lastSuccessAt = at;
                _consecutiveFailures = 0;
            }
            else
            {
                _lastFailureAt = at;
                _lastError = error;
                _consecutiveFailures++;
            }
            _nextPollAt = nextPollAt;
            return before;
        }
    }

    public void Scheduled(DateTimeOffset nextPollAt)
    {
        lock (_gate)
        {
            _nextPollAt = nextPollAt;
        }
    }

    public PullStatus Snapshot()
    {
        lock (_gate)
        {
            return new PullStatus(Name, Url, _polls, _lastSuccessAt, _lastFailureAt, _lastError, _consecutiveFailures, _nextPollAt);
        }
    }
}
