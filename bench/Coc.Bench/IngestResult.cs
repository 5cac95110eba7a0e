namespace Coc.Bench;

/// <summary>One ingest run: the publishers' side (peer: how fast the broker accepts) and the store's side.</summary>
public sealed record IngestResult(
    long Messages,
    int Fields,
    long MessagesAcked,
    long PublishFailures,
    string? FirstPublishError,
    double BrokerSeconds,
    StoreOutcome Store,
    CpuUsage Cpu,
    int PacedRate)
{
    public long SamplesSent => MessagesAcked * Fields;

    public double BrokerMessagesPerSecond => MessagesAcked / BrokerSeconds;

    public double BrokerSamplesPerSecond => SamplesSent / BrokerSeconds;

    /// <summary>Sent total over first publish → all stored, as the target defines it; short of that, stored over the time until the store last moved.</summary>
    public double StoreSamplesPerSecond => (Store.AllStored ? SamplesSent : Store.SamplesStored) / Store.Seconds;

    public double StoreMessagesPerSecond => StoreSamplesPerSecond / Fields;

    public long Lost => SamplesSent - Store.SamplesStored;
}
