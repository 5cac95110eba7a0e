using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Coc.Bench;

/// <summary>The MQTT topics and payloads of the MQTT benches, in Coc's contract: <c>coc/sensors/{kind}/{sensorId}</c>, and <c>coc/lp/{feed}</c> for line protocol.</summary>
public static class BenchMessages
{
    public const string LatencyKind = "benchlat";
    public const string IngestKind = "benchin";
    public const string LineProtocolTopic = "coc/lp/bench";
    public const string LatencyFilter = "coc/sensors/" + LatencyKind + "/#";

    public static string LatencySensor(int series) => $"s{series:D3}";

    public static string LatencyTopic(int series) => $"coc/sensors/{LatencyKind}/{LatencySensor(series)}";

    /// <summary>The hub's view of a latency series: measurement = kind, tag sensor, field "value".</summary>
    public static HubSeries LatencySeries(int series) =>
        new(LatencyKind, "value", new Dictionary<string, string> { ["sensor"] = LatencySensor(series) });

    /// <summary><c>{"ts": now, "value": seq}</c>: the sequence number is the value, so each receiver can name the message.</summary>
    public static byte[] LatencyPayload(long seq) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"ts\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()},\"value\":{seq}}}"));

    /// <summary>The sequence number of a latency payload, or -1 when it has none.</summary>
    public static long ReadSequence(ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("value") && reader.Read()
                && reader.TryGetInt64(out var seq))
            {
                return seq;
            }
        }
        return -1;
    }

    public static string IngestTopic(int publisher, int sensor) => $"coc/sensors/{IngestKind}/p{publisher}-s{sensor:D3}";

    /// <summary><c>{"ts": now, "fields": {"f0": .., "f1": ..}}</c>: one sample per field.</summary>
    public static byte[] IngestPayload(long message, int fields)
    {
        var sb = new StringBuilder(32 + 16 * fields);
        sb.Append(CultureInfo.InvariantCulture, $"{{\"ts\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()},\"fields\":{{");
        for (var f = 0; f < fields; f++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{(f == 0 ? "" : ",")}\"f{f}\":{message + f * 0.25}");
        }
        sb.Append("}}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>
    /// The same sample as <see cref="IngestPayload"/> in line protocol, one line a message as Telegraf's MQTT output
    /// sends by default: <c>benchlp,sensor=p0-s001 f0=1,f1=1.25 1763876000000000000</c> (ns, as Coc reads coc/lp).
    /// </summary>
    public static byte[] LineProtocolPayload(int publisher, int sensor, long message, int fields)
    {
        var sb = new StringBuilder(48 + 16 * fields);
        sb.Append(CultureInfo.InvariantCulture, $"benchlp,sensor=p{publisher}-s{sensor:D3} ");
        for (var f = 0; f < fields; f++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{(f == 0 ? "" : ",")}f{f}={message + f * 0.25}");
        }
        sb.Append(CultureInfo.InvariantCulture, $" {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000L}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
