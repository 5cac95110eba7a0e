namespace Coc.Bench;

/// <summary>
/// One ingest run: Coc's side (the store, and the PUBACKs of Coc's embedded broker) and, once the
/// peer phase has run, the bare broker's side.
/// </summary>
public sealed record IngestResult(
    long Messages,
    int Fields,
    long MessagesAcked,
    long PublishFailures,
    string? FirstPublishError,
    double PubackSeconds,
    StoreOutcome Store,
    CpuUsage Cpu,
    int PacedRate,
    BareBrokerResult? Bare = null)
{
    public long SamplesSent => MessagesAcked * Fields;

    /// <summary>The rate at which Coc's embedded broker acknowledged, i.e. released the publishers (PUBACK waits for Coc's queue).</summary>
    public double PubackMessagesPerSecond => MessagesAcked / PubackSeconds;

    public double PubackSamplesPerSecond => SamplesSent / PubackSeconds;

    /// <summary>Sent total over first publish → all stored, as the target defines it; short of that, stored over the time until the store last moved.</summary>
    public double StoreSamplesPerSecond => (Store.AllStored ? SamplesSent : Store.SamplesStored) / Store.Seconds;

    public double StoreMessagesPerSecond => StoreSamplesPerSecond / Fields;

    /// <summary>Sent − stored. The bench turns Coc's own coc_feed health samples off, so every stored sample is one it sent.</summary>
    public long Lost => SamplesSent - Store.SamplesStored;

    /// <summary>What the bare broker accepted, in samples of this run's messages; NaN without the peer phase.</summary>
    public double BareSamplesPerSecond => Bare is null ? double.NaN : Bare.MessagesPerSecond * Fields;

    public double BareMessagesPerSecond => Bare?.MessagesPerSecond ?? double.NaN;

    public double BareSeconds => Bare?.Seconds ?? double.NaN;

    /// <summary>Coc stored samples/s over the bare broker's accepted samples/s, in the same run.</summary>
    public double RatioToBare => StoreSamplesPerSecond / BareSamplesPerSecond;
}
