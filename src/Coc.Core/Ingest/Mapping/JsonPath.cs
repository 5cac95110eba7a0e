using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Coc.Core.Ingest.Mapping;

/// <summary>
/// A plain path into a JSON document, the part of JSONPath operators write in practice:
/// <c>$.data.pm25</c>, <c>readings[0].value</c>, <c>$['suhu udara']</c>. No wildcards or filters:
/// a mapping names one value per field, and arrays of records go through a mapping's <c>Items</c>.
/// </summary>
public sealed class JsonPath
{
    private readonly Step[] _steps;

    private JsonPath(string text, Step[] steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>The path in full form (<c>pm25</c> configured reads <c>$.pm25</c>), for error messages.</summary>
    public string Text { get; }

    /// <summary>The document itself (<c>$</c>): a payload that is just a number.</summary>
    public bool IsRoot => _steps.Length == 0;

    public static bool TryParse(string? text, [NotNullWhen(true)] out JsonPath? path, [NotNullWhen(false)] out string? error)
    {
        path = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty";
            return false;
        }
        var steps = new List<Step>();
        // "data.pm25" reads as "$.data.pm25" and "[0].x" as "$[0].x"; positions in errors count in the configured text.
        var offset = text[0] == '$' ? 0 : text[0] == '[' ? 1 : 2;
        text = offset switch { 1 => "$" + text, 2 => "$." + text, _ => text };
        var i = 1;
        while (i < text.Length)
        {
            switch (text[i])
            {
                case '.':
                    var start = ++i;
                    while (i < text.Length && text[i] is not ('.' or '['))
                    {
                        i++;
                    }
                    if (i == start)
                    {
                        error = $"has an empty name at position {start - offset}";
                        return false;
                    }
                    steps.Add(new Step(text[start..i], -1));
                    break;
                case '[' when i + 1 < text.Length && text[i + 1] == '\'':
                    var close = text.IndexOf("']", i + 2, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        error = $"has an unclosed ['name'] at position {i - offset}";
                        return false;
                    }
                    steps.Add(new Step(text[(i + 2)..close], -1));
                    i = close + 2;
                    break;
                case '[':
                    var end = text.IndexOf(']', i);
                    if (end < 0 || !int.TryParse(text.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        error = $"has a bad index at position {i - offset} (use [0], [1], ... or ['name'])";
                        return false;
                    }
                    steps.Add(new Step(null, index));
                    i = end + 1;
                    break;
                default:
                    error = $"has '{text[i]}' at position {i - offset} where '.' or '[' was expected";
                    return false;
            }
        }
        path = new JsonPath(text, [.. steps]);
        error = null;
        return true;
    }

    public static JsonPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path : throw new FormatException($"JSON path '{text}' {error}");

    /// <summary>The value at this path, or false when a step is missing or the value is JSON null.</summary>
    public bool TryResolve(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var step in _steps)
        {
            if (step.Name is { } name)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                {
                    return false;
                }
            }
            else if (value.ValueKind != JsonValueKind.Array || step.Index >= value.GetArrayLength())
            {
                return false;
            }
            else
            {
                value = value[step.Index];
            }
        }
        return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }

    public override string ToString()
    {
        var sb = new StringBuilder("$");
        foreach (var step in _steps)
        {
            _ = step.Name is { } name ? sb.Append('.').Append(name) : sb.Append('[').Append(step.Index).Append(']');
        }
        return sb.ToString();
    }

    private readonly record struct Step(string? Name, int Index);
}
