namespace Coc.Ingest.Pipeline;

/// <summary>Counters of the pipeline itself (per-feed counts live in <see cref="Coc.Core.Ingest.FeedStats"/>).</summary>
public sealed class IngestMetrics
{
    private long _samplesIn;
    private long _samplesStored;
    private long _storeDropped;
    private long _storeFailures;

    public long SamplesIn => Interlocked.Read(ref _samplesIn);

    public long SamplesStored => Interlocked.Read(ref _samplesStored);

    /// <summary>Samples dropped because the store queue overflowed: never silent, shown on health.</summary>
    public long StoreDropped => Interlocked.Read(ref _storeDropped);

    public long StoreFailures => Interlocked.Read(ref _storeFailures);

    public string? LastStoreError { get; private set; }

    internal void AddIn(int n) => Interlocked.Add(ref _samplesIn, n);

    internal void AddStored(int n) => Interlocked.Add(ref _samplesStored, n);

    internal void AddDropped(int n) => Interlocked.Add(ref _storeDropped, n);

    internal void AddFailure(int lost, string error)
    {
        Interlocked.Increment(ref _storeFailures);
        Interlocked.Add(ref _storeDropped, lost);
        LastStoreError = error;
    }
}
