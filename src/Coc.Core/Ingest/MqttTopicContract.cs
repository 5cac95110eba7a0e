namespace Coc.Core.Ingest;

/// <summary>
/// The MQTT topics Coc understands and what they map to:
/// <c>coc/sensors/{kind}/{sensorId}</c> → measurement <c>kind</c>, tag <c>sensor</c>;
/// <c>coc/atcs/{intersectionId}</c> → measurement <c>atcs</c>, tag <c>intersection</c>;
/// <c>coc/etle/{cameraId}</c> → measurement <c>etle</c>, tag <c>camera</c> (its string <c>type</c> becomes a tag);
/// <c>coc/lp/{feed}</c> carries InfluxDB line protocol (what Telegraf's MQTT output sends);
/// <c>coc/complaints/{source}</c> carries complaint events (Coc.Core.Complaints), not samples.
/// </summary>
public static class MqttTopicContract
{
    public const string Root = "coc";
    public const string SubscriptionFilter = "coc/#";
    public const string SensorsFeed = "sensors";
    public const string AtcsFeed = "atcs";
    public const string EtleFeed = "etle";

    /// <summary>Line protocol over MQTT: <c>coc/lp/{feed}</c>, parsed by the line-protocol parser.</summary>
    public const string LineProtocolSegment = "lp";

    /// <summary>E-TLE cameras name the kind of violation as text: a tag, so counts per type stay separate series.</summary>
    private static readonly IReadOnlySet<string> EtleTagProperties = new HashSet<string>(StringComparer.Ordinal) { "type" };

    /// <summary>Complaint events, <c>coc/complaints/{source}</c>: parsed by Coc.Core.Complaints, not by <see cref="MqttPayloadParser"/>.</summary>
    public const string ComplaintsFeed = "complaints";

    /// <summary>The complaint systems whose events Coc takes: SiKesal and Call Center 112.</summary>
    public static IReadOnlyList<string> ComplaintSources { get; } = ["sikesal", "cc112"];

    /// <summary>Feed name used for counting when a topic matches no contract.</summary>
    public const string UnknownFeed = "mqtt";

    public static string SensorTopic(string kind, string sensorId) => $"{Root}/{SensorsFeed}/{kind}/{sensorId}";

    public static string AtcsTopic(string intersectionId) => $"{Root}/{AtcsFeed}/{intersectionId}";

    public static string ComplaintTopic(string source) => $"{Root}/{ComplaintsFeed}/{source}";

    public static string EtleTopic(string cameraId) => $"{Root}/{EtleFeed}/{cameraId}";

    /// <summary>The feed of a <c>coc/lp/{feed}</c> topic, or null when the topic is not line protocol.</summary>
    public static string? LineProtocolFeed(string topic)
    {
        var prefix = Root + "/" + LineProtocolSegment + "/";
        if (!topic.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var feed = topic[prefix.Length..];
        return feed.Length == 0 || feed.Contains('/') ? LineProtocolSegment : feed;
    }

    /// <summary>True for every topic under <c>coc/complaints/</c>, known source or not: they all go to the complaint parser.</summary>
    public static bool IsComplaintTopic(string topic) =>
        topic.StartsWith(Root + "/" + ComplaintsFeed + "/", StringComparison.Ordinal);

    /// <summary>Maps a topic to feed, measurement and identity tags; false when no contract matches.</summary>
    public static bool TryMap(string topic, out TopicMapping mapping)
    {
        var parts = topic.Split('/');
        mapping = default;
        if (parts.Length < 3 || parts[0] != Root || parts.Any(string.IsNullOrWhiteSpace))
        {
            return false;
        }
        switch (parts[1])
        {
            case SensorsFeed when parts.Length == 4:
                mapping = new TopicMapping(SensorsFeed, parts[2], "sensor", parts[3]);
                return true;
            case AtcsFeed when parts.Length == 3:
                mapping = new TopicMapping(AtcsFeed, "atcs", "intersection", parts[2]);
                return true;
            case EtleFeed when parts.Length == 3:
                mapping = new TopicMapping(EtleFeed, "etle", "camera", parts[2], EtleTagProperties);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The feed a topic is counted under, even when it is refused.</summary>
    public static string FeedOf(string topic)
    {
        var parts = topic.Split('/');
        return parts.Length >= 2 && parts[0] == Root && parts[1] is SensorsFeed or AtcsFeed or EtleFeed or ComplaintsFeed ? parts[1] : UnknownFeed;
    }
}

/// <param name="TagProperties">Top-level string properties of the payload that are tags, not fields.</param>
public readonly record struct TopicMapping(string Feed, string Measurement, string IdentityTag, string IdentityValue, IReadOnlySet<string>? TagProperties = null);
