using System.Buffers;
using System.Text.Json;
using Coc.Core.Ingest;

namespace Coc.Simulator;

/// <summary>One request body for <c>POST /api/ingest/{feed}</c>: a JSON array of <paramref name="Items"/> items.</summary>
public sealed record HttpFeedBatch(string Feed, byte[] Json, int Items);

/// <summary>
/// Turns the simulator's MQTT messages into bodies for Coc's JSON webhooks. Over HTTP there is no
/// topic, so each item names its device the way the webhook expects (atcs <c>intersection</c>,
/// sensors <c>kind</c> + <c>sensor</c>, etle <c>camera</c>, complaints <c>source</c>); a complaint
/// message's event array becomes one item per event. Pure, so the JSON can be tested without a server.
/// </summary>
public static class HttpFeedBatches
{
    public const int DefaultMaxItems = 500;

    /// <summary>
    /// The messages grouped by feed, in the order feeds first appear, each feed split into arrays of
    /// at most <paramref name="maxItems"/> items.
    /// </summary>
    public static IReadOnlyList<HttpFeedBatch> Build(IEnumerable<SimMessage> messages, int maxItems = DefaultMaxItems)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        var batches = new List<HttpFeedBatch>();
        var open = new Dictionary<string, Builder>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            var (feed, identity) = IdentityOf(message.Topic);
            using var payload = JsonDocument.Parse(message.Payload);
            var root = payload.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
            foreach (var item in items)
            {
                if (!open.TryGetValue(feed, out var builder))
                {
                    builder = new Builder(feed);
                    open[feed] = builder;
                }
                builder.Add(identity, item);
                if (builder.Items == maxItems)
                {
                    batches.Add(builder.Finish());
                    open.Remove(feed);
                }
            }
        }
        batches.AddRange(open.Values.Select(b => b.Finish()));
        return batches;
    }

    /// <summary>The webhook feed of a simulator topic and the properties naming its device.</summary>
    private static (string Feed, (string Name, string Value)[] Identity) IdentityOf(string topic)
    {
        var parts = topic.Split('/');
        return parts switch
        {
            [MqttTopicContract.Root, MqttTopicContract.AtcsFeed, var id] => (parts[1], [("intersection", id)]),
            [MqttTopicContract.Root, MqttTopicContract.SensorsFeed, var kind, var id] => (parts[1], [("kind", kind), ("sensor", id)]),
            [MqttTopicContract.Root, MqttTopicContract.EtleFeed, var id] => (parts[1], [("camera", id)]),
            [MqttTopicContract.Root, MqttTopicContract.ComplaintsFeed, var source] => (parts[1], [("source", source)]),
            // The model only makes the topics above; anything else is a bug here, not bad input.
            _ => throw new InvalidOperationException($"the simulator has no JSON webhook for topic '{topic}'"),
        };
    }

    private sealed class Builder
    {
        private readonly string _feed;
        private readonly ArrayBufferWriter<byte> _buffer = new(4096);
        private readonly Utf8JsonWriter _json;

        public Builder(string feed)
        {
            _feed = feed;
            _json = new Utf8JsonWriter(_buffer);
            _json.WriteStartArray();
        }

        public int Items { get; private set; }

        public void Add((string Name, string Value)[] identity, JsonElement item)
        {
            _json.WriteStartObject();
            foreach (var (name, value) in identity)
            {
                _json.WriteString(name, value);
            }
            foreach (var property in item.EnumerateObject())
            {
                property.WriteTo(_json);
            }
            _json.WriteEndObject();
            Items++;
        }

        public HttpFeedBatch Finish()
        {
            _json.WriteEndArray();
            _json.Dispose();
            return new HttpFeedBatch(_feed, _buffer.WrittenSpan.ToArray(), Items);
        }
    }
}
