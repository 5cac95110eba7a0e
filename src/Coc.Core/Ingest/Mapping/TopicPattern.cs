using System.Diagnostics.CodeAnalysis;

namespace Coc.Core.Ingest.Mapping;

/// <summary>
/// An MQTT topic pattern whose segments can be named: <c>dlh/{kecamatan}/udara/{station}</c>.
/// A <c>{name}</c> segment matches one level and its value becomes a tag; <c>+</c> matches one level
/// unnamed; a final <c>#</c> matches the rest. <see cref="Filter"/> is the subscription filter.
/// </summary>
public sealed class TopicPattern
{
    private readonly string?[] _segments; // literal text, or null for a wildcard level
    private readonly string?[] _names;    // the tag name of a {name} level
    private readonly bool _trailingHash;

    private TopicPattern(string text, string?[] segments, string?[] names, bool trailingHash)
    {
        Text = text;
        _segments = segments;
        _names = names;
        _trailingHash = trailingHash;
        Filter = string.Join('/', segments.Select(s => s ?? "+")) + (trailingHash ? (segments.Length > 0 ? "/#" : "#") : "");
        SegmentNames = [.. names.OfType<string>()];
    }

    public string Text { get; }

    /// <summary>The MQTT subscription filter, <c>{name}</c> replaced by <c>+</c>.</summary>
    public string Filter { get; }

    /// <summary>The names of the <c>{name}</c> segments, in order.</summary>
    public IReadOnlyList<string> SegmentNames { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out TopicPattern? pattern, [NotNullWhen(false)] out string? error)
    {
        pattern = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty";
            return false;
        }
        var parts = text.Split('/');
        var hash = parts[^1] == "#";
        var levels = hash ? parts[..^1] : parts;
        var segments = new string?[levels.Length];
        var names = new string?[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Length > 2 && level[0] == '{' && level[^1] == '}')
            {
                var name = level[1..^1];
                if (name.AsSpan().IndexOfAny("{}+#/ ") >= 0)
                {
                    error = $"level {i + 1} '{level}': a segment name may not contain braces, '+', '#' or spaces";
                    return false;
                }
                if (names.Contains(name))
                {
                    error = $"names segment '{name}' twice";
                    return false;
                }
                names[i] = name;
            }
            else if (level == "+")
            {
                // Unnamed wildcard: matches, tags nothing.
            }
            else if (level.Length == 0 || level.AsSpan().IndexOfAny("{}+#") >= 0)
            {
                error = $"level {i + 1} '{level}' must be text, '+', '{{name}}' or a final '#'";
                return false;
            }
            else
            {
                segments[i] = level;
            }
        }
        pattern = new TopicPattern(text, segments, names, hash);
        error = null;
        return true;
    }

    public static TopicPattern Parse(string text) =>
        TryParse(text, out var pattern, out var error) ? pattern : throw new FormatException($"topic pattern '{text}' {error}");

    /// <summary>Matches a topic; on success <paramref name="values"/> holds each named segment's value.</summary>
    public bool TryMatch(string topic, [NotNullWhen(true)] out Dictionary<string, string>? values)
    {
        values = null;
        var parts = topic.Split('/');
        if (parts.Length < _segments.Length || (!_trailingHash && parts.Length != _segments.Length))
        {
            return false;
        }
        for (var i = 0; i < _segments.Length; i++)
        {
            if (_segments[i] is { } literal ? !string.Equals(parts[i], literal, StringComparison.Ordinal) : parts[i].Length == 0)
            {
                // An empty level cannot name a device: no match rather than an empty tag.
                return false;
            }
        }
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            if (_names[i] is { } name)
            {
                values[name] = parts[i];
            }
        }
        return true;
    }
}
