using Coc.Core.Series;

namespace Coc.Core.Alarms;

/// <summary>
/// Which series a rule watches: a measurement, a field, and tags where <c>"*"</c> matches any value.
/// A series matches when it has exactly the pattern's tag keys (extra tags make another series, and
/// another alarm would surprise the officer) and every non-wildcard value is equal.
/// </summary>
public sealed class SeriesPattern
{
    public const string Wildcard = "*";

    private readonly KeyValuePair<string, string>[] _tags;

    public SeriesPattern(string measurement, string field, IReadOnlyDictionary<string, string>? tags)
    {
        Measurement = measurement;
        Field = field;
        _tags = tags is null ? [] : [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal)];
        WildcardTag = Array.Find(_tags, t => t.Value == Wildcard).Key;
        Exact = WildcardTag is null ? new SeriesKey(measurement, field, tags) : null;
    }

    public string Measurement { get; }

    public string Field { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Tags => _tags;

    /// <summary>The first wildcard tag's key (its value names the instance in messages), or null.</summary>
    public string? WildcardTag { get; }

    /// <summary>The one series this pattern means when it has no wildcard: watched for no-data from the start.</summary>
    public SeriesKey? Exact { get; }

    /// <summary>Allocation-free: called for every sample of an indexed measurement and field.</summary>
    public bool Matches(SeriesKey key)
    {
        if (key.Tags.Count != _tags.Length)
        {
            return false;
        }
        foreach (var (tag, expected) in _tags)
        {
            if (!key.Tags.TryGetValue(tag, out var actual) || (expected != Wildcard && !string.Equals(actual, expected, StringComparison.Ordinal)))
            {
                return false;
            }
        }
        return true;
    }

    public override string ToString() =>
        $"{Measurement}{string.Concat(_tags.Select(t => $",{t.Key}={t.Value}"))}#{Field}";
}
