namespace Coc.Storage;

/// <summary>
/// How the history store is doing, for /feeds, /api/feeds and /health. Registered for every backend:
/// the embedded store has nothing to report beyond its name.
/// </summary>
public interface IStoreStatus
{
    StoreStatus Snapshot();
}

/// <summary>A moment's view of the store. Counts are samples since the process started, except the spool's, which are what is on disk now.</summary>
/// <param name="Backend">"embedded" or "influxdb".</param>
/// <param name="Target">Where history goes: the InfluxDB URL and database; null for the embedded store.</param>
/// <param name="Reachable">The last request to the server succeeded (always true for the embedded store).</param>
/// <param name="UnreachableSince">When the current outage began; null while reachable.</param>
/// <param name="WrittenSamples">Samples the server took, straight or from the spool.</param>
/// <param name="SpooledSamples">Samples waiting in the disk spool for the server.</param>
/// <param name="SpooledBytes">Bytes the spool holds (compressed).</param>
/// <param name="SpoolMaxBytes">The spool's bound; when reached new samples are refused.</param>
/// <param name="ReplayedSamples">Samples written from the spool after an outage.</param>
/// <param name="DroppedSpoolFull">Samples refused because the spool was full: lost from history.</param>
/// <param name="LostSamples">Samples lost otherwise: the disk refused the spool write, or a spooled record was unreadable.</param>
/// <param name="RejectedSamples">Samples the server refused as invalid (HTTP 400/422) or that have no line-protocol form; skipped, not retried.</param>
/// <param name="LastDropAt">The newest refusal for a full spool.</param>
/// <param name="LastRejectAt">The newest refused batch.</param>
/// <param name="LastError">The newest failure, as text.</param>
/// <param name="LastErrorAt">When it happened.</param>
public sealed record StoreStatus(
    string Backend,
    string? Target,
    bool Reachable,
    DateTimeOffset? UnreachableSince,
    long WrittenSamples,
    long SpooledSamples,
    long SpooledBytes,
    long SpoolMaxBytes,
    long ReplayedSamples,
    long DroppedSpoolFull,
    long LostSamples,
    long RejectedSamples,
    DateTimeOffset? LastDropAt,
    DateTimeOffset? LastRejectAt,
    string? LastError,
    DateTimeOffset? LastErrorAt)
{
    /// <summary>The embedded store: local files, nothing to spool, nothing to reach.</summary>
    public static StoreStatus Embedded { get; } = new(StorageOptions.EmbeddedBackend, null, true, null, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null);
}
