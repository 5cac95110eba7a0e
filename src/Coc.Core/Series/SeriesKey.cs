using System.Text;

namespace Coc.Core.Series;

/// <summary>
/// Identifies one series: a measurement, one of its fields, and the tags that pick the source.
/// Two keys are equal when their canonical form is equal, so tag order never matters.
/// </summary>
public sealed class SeriesKey : IEquatable<SeriesKey>
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public SeriesKey(string measurement, string field, IReadOnlyDictionary<string, string>? tags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(measurement);
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        if (tags is not null && tags.FirstOrDefault(t => t.Value is null) is { Key: { } nullTag })
        {
            throw new ArgumentException($"tag '{nullTag}' has a null value", nameof(tags));
        }
        Measurement = measurement;
        Field = field;
        Tags = tags is null || tags.Count == 0
            ? NoTags
            : new SortedDictionary<string, string>(tags.ToDictionary(t => t.Key, t => t.Value), StringComparer.Ordinal);
        Id = BuildId(Measurement, Field, Tags);
    }

    public string Measurement { get; }

    public string Field { get; }

    /// <summary>Tags sorted by key (ordinal).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>Canonical text form, e.g. <c>atcs,intersection=simpang-kawat#vehicles</c>. Stable across runs.</summary>
    public string Id { get; }

    public static SeriesKey Create(string measurement, string field, params (string Key, string Value)[] tags) =>
        new(measurement, field, tags.ToDictionary(t => t.Key, t => t.Value));

    public bool Equals(SeriesKey? other) => other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SeriesKey);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    public override string ToString() => Id;

    private static string BuildId(string measurement, string field, IReadOnlyDictionary<string, string> tags)
    {
        var sb = new StringBuilder(measurement.Length + field.Length + 16 * (tags.Count + 1));
        Escape(sb, measurement);
        foreach (var (key, value) in tags)
        {
            sb.Append(',');
            Escape(sb, key);
            sb.Append('=');
            Escape(sb, value);
        }
        sb.Append('#');
        Escape(sb, field);
        return sb.ToString();
    }

    // Escaping keeps the id unambiguous when names contain the separators themselves.
    private static void Escape(StringBuilder sb, string text)
    {
        foreach (var c in text)
        {
            if (c is ',' or '=' or '#' or '\\')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
    }
}
