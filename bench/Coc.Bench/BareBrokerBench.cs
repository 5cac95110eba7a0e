using System.Diagnostics;

namespace Coc.Bench;

/// <summary>
/// The ingest peer: the same <see cref="IngestPublishers"/> load against a bare MQTTnet broker in its
/// own child process, measured first publish → last PUBACK. It runs in its own phase, with Coc.Web
/// already stopped, so the two never share the cores: how fast a broker alone accepts these
/// publishers on this machine.
/// </summary>
public sealed class BareBrokerBench(BenchOptions options, BareBrokerProcess broker, bool lineProtocol, TextWriter output)
{
    public async Task<BareBrokerResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var publishers = await IngestPublishers.ConnectAsync(options, broker.MqttPort, "bench-bare", lineProtocol, cancellationToken);
        output.WriteLine($"  ingest into the bare broker: {publishers.Describe()}");
        var cpu = new CpuMeter(broker.CpuTime);
        var start = Stopwatch.GetTimestamp();
        var published = await publishers.RunAsync(cancellationToken);
        var usage = cpu.Stop();
        return new BareBrokerResult(
            published.Acked,
            published.Failed,
            published.FirstError,
            Stopwatch.GetElapsedTime(start, published.LastAckAt).TotalSeconds,
            usage);
    }
}

/// <summary>The bare broker's figures: PUBACKs over first publish → last PUBACK, and the CPU meanwhile (AppCores: the broker).</summary>
public sealed record BareBrokerResult(long MessagesAcked, long PublishFailures, string? FirstPublishError, double Seconds, CpuUsage Cpu)
{
    public double MessagesPerSecond => MessagesAcked / Seconds;
}
