using System.Globalization;
using System.Text;

namespace Coc.Core.Alarms;

/// <summary>
/// A rule's message with <c>{placeholders}</c>, checked when the file loads (an unknown name is an error there,
/// not a literal "{nmae}" on the duty officer's screen) and filled in at each transition.
/// </summary>
public sealed class AlarmMessageTemplate
{
    public static readonly IReadOnlyList<string> Placeholders = ["name", "value", "label", "threshold", "seconds", "feed", "rate"];

    // Literal text and placeholder names alternate: even indexes are text, odd indexes are names.
    private readonly string[] _parts;

    private AlarmMessageTemplate(string text, string[] parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; null with <paramref name="error"/> set when a brace or a name is wrong.</summary>
    public static AlarmMessageTemplate? TryParse(string text, out string? error)
    {
        var parts = new List<string>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '}')
            {
                error = $"has a '}}' without '{{' at position {i + 1}";
                return null;
            }
            if (c != '{')
            {
                literal.Append(c);
                continue;
            }
            var end = text.IndexOf('}', i + 1);
            if (end < 0)
            {
                error = $"has a '{{' without '}}' at position {i + 1}";
                return null;
            }
            var name = text[(i + 1)..end];
            if (!Placeholders.Contains(name))
            {
                error = $"has an unknown placeholder '{{{name}}}' (known: {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))})";
                return null;
            }
            parts.Add(literal.ToString());
            parts.Add(name);
            literal.Clear();
            i = end;
        }
        parts.Add(literal.ToString());
        error = null;
        return new AlarmMessageTemplate(text, [.. parts]);
    }

    public string Format(in AlarmMessageValues values, CultureInfo culture)
    {
        var sb = new StringBuilder(Text.Length + 32);
        for (var i = 0; i < _parts.Length; i++)
        {
            if (i % 2 == 0)
            {
                sb.Append(_parts[i]);
                continue;
            }
            sb.Append(_parts[i] switch
            {
                "name" => values.Name,
                "value" => Number(values.Value, culture),
                "label" => values.Label,
                "threshold" => Number(values.Threshold, culture),
                "seconds" => values.Seconds?.ToString(CultureInfo.InvariantCulture),
                "feed" => values.Feed,
                "rate" => Number(values.Rate, culture),
                _ => null,
            } ?? "–");
        }
        return sb.ToString();
    }

    // Two decimals at most: enough for metres and µg/m³, and the culture gives Indonesian "13,62".
    private static string? Number(double? value, CultureInfo culture) => value?.ToString("0.##", culture);

    public override string ToString() => Text;
}

/// <summary>What a message can say; a missing value shows as "–".</summary>
public readonly record struct AlarmMessageValues(string? Name, double? Value, string? Label, double? Threshold, int? Seconds, string? Feed, double? Rate);
