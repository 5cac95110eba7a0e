namespace Coc.Bench;

/// <summary>One latency run: what was sent in the measured window and how long it took to reach each receiver.</summary>
public sealed record LatencyResult(
    int Rate,
    long Sent,
    double AchievedRate,
    double PublisherMaxLagMs,
    LatencyStats Hub,
    long HubDuplicates,
    LatencyStats Peer,
    long PeerDuplicates,
    CpuUsage Cpu)
{
    public long HubLost => Sent - Hub.Count;

    public long PeerLost => Sent - Peer.Count;
}
