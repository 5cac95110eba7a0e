using System.Collections.Concurrent;

namespace Coc.Web.Cluster;

/// <summary>What the live fan-out sent, received, lost and could not read, for /health.</summary>
public sealed class FanOutCounters
{
    private const int MaxServersListed = 32;

    private readonly ConcurrentDictionary<string, long> _receivedFrom = new(StringComparer.Ordinal);
    private long _batchesPublished;
    private long _samplesPublished;
    private long _samplesDropped;
    private long _samplesUnshared;
    private long _batchesReceived;
    private long _samplesReceived;
    private long _unreadable;
    private long _incomingDropped;
    private string? _duplicateServerId;

    public long BatchesPublished => Interlocked.Read(ref _batchesPublished);

    public long SamplesPublished => Interlocked.Read(ref _samplesPublished);

    /// <summary>Samples dropped because the queue to Redis was full (the oldest go first).</summary>
    public long SamplesDropped => Interlocked.Read(ref _samplesDropped);

    /// <summary>Samples not shared because Redis was unreachable or refused the publish.</summary>
    public long SamplesUnshared => Interlocked.Read(ref _samplesUnshared);

    public long BatchesReceived => Interlocked.Read(ref _batchesReceived);

    public long SamplesReceived => Interlocked.Read(ref _samplesReceived);

    public long Unreadable => Interlocked.Read(ref _unreadable);

    /// <summary>Other servers' batches dropped because this server applied them slower than they came.</summary>
    public long IncomingDropped => Interlocked.Read(ref _incomingDropped);

    /// <summary>Samples received per other server id.</summary>
    public IReadOnlyDictionary<string, long> ReceivedFrom => new Dictionary<string, long>(_receivedFrom, StringComparer.Ordinal);

    /// <summary>Set when another running server uses this server's id: a configuration mistake to show.</summary>
    public string? DuplicateServerIdSeen => Volatile.Read(ref _duplicateServerId);

    internal void AddPublished(int samples)
    {
        Interlocked.Increment(ref _batchesPublished);
        Interlocked.Add(ref _samplesPublished, samples);
    }

    internal void AddDropped(int samples) => Interlocked.Add(ref _samplesDropped, samples);

    internal void AddUnshared(int samples) => Interlocked.Add(ref _samplesUnshared, samples);

    internal void AddReceived(string serverId, int samples)
    {
        Interlocked.Increment(ref _batchesReceived);
        Interlocked.Add(ref _samplesReceived, samples);
        // Default ids are new at every start, so weeks of restarts add names: keep the first few dozen.
        if (_receivedFrom.Count < MaxServersListed || _receivedFrom.ContainsKey(serverId))
        {
            _receivedFrom.AddOrUpdate(serverId, samples, (_, n) => n + samples);
        }
    }

    internal void AddUnreadable() => Interlocked.Increment(ref _unreadable);

    internal void AddIncomingDropped() => Interlocked.Increment(ref _incomingDropped);

    internal void SawDuplicateServerId(string serverId) => Volatile.Write(ref _duplicateServerId, serverId);
}
