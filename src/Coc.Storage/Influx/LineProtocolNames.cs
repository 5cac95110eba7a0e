using System.Text;
using Coc.Core.Series;

namespace Coc.Storage.Influx;

/// <summary>
/// Writes a series' names in InfluxDB line protocol: <c>measurement,tag=value field=</c>, escaped the
/// way the 1.x, 2.x and 3.x parsers all read back the same. Some names have no such form and are refused.
/// </summary>
internal static class LineProtocolNames
{
    /// <summary>The line's start up to the field value, or null when the series cannot be written.</summary>
    public static string? Prefix(SeriesKey series, out string? problem)
    {
        var sb = new StringBuilder(64);
        if (series.Measurement.StartsWith('#'))
        {
            // A line that starts with '#' is a comment: the point would vanish without an error.
            problem = $"measurement '{series.Measurement}' starts with '#'";
            return null;
        }
        if (!Append(sb, series.Measurement, MeasurementSpecials, out problem))
        {
            return null;
        }
        foreach (var (key, value) in series.Tags)
        {
            // Line protocol has no empty tag value: a tag set to "" is the same series as one without it.
            if (value.Length == 0)
            {
                continue;
            }
            sb.Append(',');
            if (!Append(sb, key, NameSpecials, out problem))
            {
                return null;
            }
            sb.Append('=');
            if (!Append(sb, value, NameSpecials, out problem))
            {
                return null;
            }
        }
        sb.Append(' ');
        if (!Append(sb, series.Field, NameSpecials, out problem))
        {
            return null;
        }
        sb.Append('=');
        return sb.ToString();
    }

    private const string MeasurementSpecials = ", ";
    private const string NameSpecials = ", =";

    private static bool Append(StringBuilder sb, string name, string specials, out string? problem)
    {
        problem = name.Length == 0 ? "an empty name"
            : name.AsSpan().IndexOfAny('\n', '\r') >= 0 ? $"'{name.ReplaceLineEndings(" ")}' holds a line break"
            : AmbiguousBackslash(name, specials) ? $"'{name}' has a backslash before '{specials}', another backslash or the end"
            : null;
        if (problem is not null)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (specials.Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return true;
    }

    // The parsers disagree on "\\" (1.x keeps both, 3.x keeps one) and a backslash before an escaped
    // character or at the end cannot be told from the escape itself; such names cannot round-trip.
    private static bool AmbiguousBackslash(string name, string specials)
    {
        for (var i = name.IndexOf('\\', StringComparison.Ordinal); i >= 0; i = name.IndexOf('\\', i + 1))
        {
            if (i == name.Length - 1 || name[i + 1] == '\\' || specials.Contains(name[i + 1], StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
