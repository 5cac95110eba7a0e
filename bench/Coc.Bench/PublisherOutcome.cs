namespace Coc.Bench;

/// <summary>One publisher connection's tally: PUBACKs, failures (with the first reason) and when the last one came.</summary>
public sealed class PublisherOutcome
{
    private long _acked;
    private long _failed;
    private string? _firstError;

    public long Acked => Interlocked.Read(ref _acked);

    public long Failed => Interlocked.Read(ref _failed);

    public string? FirstError => _firstError;

    public long LastAckAt { get; set; }

    public void AddAcked() => Interlocked.Increment(ref _acked);

    public void AddFailed(string error)
    {
        Interlocked.Increment(ref _failed);
        Interlocked.CompareExchange(ref _firstError, error, null);
    }
}
