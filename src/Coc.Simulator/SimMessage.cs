using System.Text;

namespace Coc.Simulator;

/// <summary>One MQTT message the simulator publishes: a topic and its UTF-8 JSON payload.</summary>
public sealed record SimMessage(string Topic, byte[] Payload)
{
    public string PayloadText => Encoding.UTF8.GetString(Payload);

    // A record compares arrays by reference; two runs with the same seed must compare equal.
    public bool Equals(SimMessage? other) =>
        other is not null && Topic == other.Topic && Payload.AsSpan().SequenceEqual(other.Payload);

    public override int GetHashCode() => HashCode.Combine(Topic, Payload.Length);

    public override string ToString() => $"{Topic} {PayloadText}";
}
