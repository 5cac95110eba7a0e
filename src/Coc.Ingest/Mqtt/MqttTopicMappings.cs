using System.Text.RegularExpressions;
using Coc.Core.Ingest.Mapping;

namespace Coc.Ingest.Mqtt;

/// <summary>
/// The configured <see cref="MqttTopicMapping"/>s, checked and compiled once. The first mapping whose
/// pattern matches a topic takes the message, before the built-in <c>coc/...</c> contract.
/// </summary>
public sealed partial class MqttTopicMappings
{
    private readonly Entry[] _entries;

    private MqttTopicMappings(Entry[] entries) => _entries = entries;

    /// <summary>The subscription filters an external broker must deliver, one per mapping.</summary>
    public IReadOnlyList<string> Filters => [.. _entries.Select(e => e.Pattern.Filter).Distinct(StringComparer.Ordinal)];

    public int Count => _entries.Length;

    /// <summary>Compiles every mapping; each error names its configuration key.</summary>
    public static MqttTopicMappings Compile(IReadOnlyList<MqttTopicMapping> mappings, out List<string> errors)
    {
        errors = [];
        var entries = new List<Entry>(mappings.Count);
        for (var i = 0; i < mappings.Count; i++)
        {
            var where = $"{MqttOptions.Section}:Mappings:{i}";
            var m = mappings[i];
            if (!FeedName().IsMatch(m.Name))
            {
                errors.Add($"{where}:Name '{m.Name}' must be 1-40 lowercase letters, digits or '-'");
            }
            else if (mappings.Take(i).Any(other => other.Name == m.Name))
            {
                errors.Add($"{where}:Name '{m.Name}' is used by an earlier mapping");
            }
            if (!TopicPattern.TryParse(m.Topic, out var pattern, out var topicError))
            {
                errors.Add($"{where}:Topic '{m.Topic}' {topicError}");
                continue;
            }
            if (JsonRecordMapping.TryCompile(m, pattern.SegmentNames, where, out var mapping, out var mappingErrors))
            {
                entries.Add(new Entry(m.Name, pattern, mapping));
            }
            errors.AddRange(mappingErrors);
        }
        return new MqttTopicMappings([.. entries]);
    }

    /// <summary>The mapping that takes <paramref name="topic"/>, with its named segments' values.</summary>
    public bool TryMatch(string topic, out Entry entry, out Dictionary<string, string> segments)
    {
        foreach (var candidate in _entries)
        {
            if (candidate.Pattern.TryMatch(topic, out var values))
            {
                entry = candidate;
                segments = values;
                return true;
            }
        }
        entry = default;
        segments = null!;
        return false;
    }

    public readonly record struct Entry(string Feed, TopicPattern Pattern, JsonRecordMapping Mapping);

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex FeedName();
}
