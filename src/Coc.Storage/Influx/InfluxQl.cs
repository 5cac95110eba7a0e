using System.Globalization;
using System.Text;
using Coc.Core.Series;

namespace Coc.Storage.Influx;

/// <summary>
/// Builds the InfluxQL the store sends. Every name is a quoted identifier and every value a quoted,
/// escaped literal, so no series name can change a query's meaning. Times are RFC 3339 literals, which
/// every InfluxQL engine (1.x, 2.x, 3.x) reads the same.
/// </summary>
internal sealed class InfluxQl(string? retentionPolicy)
{
    /// <summary>Raw points, oldest first; one result series per tag set, because WHERE matches supersets too.</summary>
    public string Raw(SeriesKey series, DateTimeOffset from, DateTimeOffset to) =>
        $"SELECT {Ident(series.Field)} FROM {From(series.Measurement)} WHERE {TimeRange(from, to)}{TagsEqual(series)} GROUP BY *";

    /// <summary>Buckets aligned to the epoch (InfluxQL's default), empty ones left out by fill(none).</summary>
    public string Buckets(SeriesKey series, DateTimeOffset from, DateTimeOffset to, long bucketMs)
    {
        var f = Ident(series.Field);
        return $"SELECT mean({f}), min({f}), max({f}), count({f}) FROM {From(series.Measurement)} " +
            $"WHERE {TimeRange(from, to)}{TagsEqual(series)} GROUP BY time({bucketMs.ToString(CultureInfo.InvariantCulture)}ms), * fill(none)";
    }

    public string Latest(SeriesKey series)
    {
        var tags = TagsEqual(series);
        return $"SELECT last({Ident(series.Field)}) FROM {From(series.Measurement)}{(tags.Length == 0 ? "" : " WHERE " + tags[5..])} GROUP BY *";
    }

    /// <summary>The newest value of every field of every series: a field with a point has a non-null last.</summary>
    public string EverySeries() => $"SELECT last(*) FROM {(retentionPolicy is null ? "" : Ident(retentionPolicy) + ".")}/.*/ GROUP BY *";

    public static string CreateDatabase(string database) => $"CREATE DATABASE {Ident(database)}";

    /// <summary>A double-quoted identifier: backslash and quote escaped, as the InfluxQL scanner reads them.</summary>
    public static string Ident(string name) => Quote(name, '"');

    /// <summary>A single-quoted string literal.</summary>
    public static string Literal(string value) => Quote(value, '\'');

    private string From(string measurement) =>
        retentionPolicy is null ? Ident(measurement) : $"{Ident(retentionPolicy)}.{Ident(measurement)}";

    private static string TimeRange(DateTimeOffset from, DateTimeOffset to) =>
        $"time >= {Time(from)} AND time < {Time(to)}";

    private static string Time(DateTimeOffset at) =>
        Literal(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    // Tags with an empty value were never written (line protocol has none), so they are not asked for.
    private static string TagsEqual(SeriesKey series)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in series.Tags)
        {
            if (value.Length > 0)
            {
                sb.Append(" AND ").Append(Ident(key)).Append(" = ").Append(Literal(value));
            }
        }
        return sb.ToString();
    }

    private static string Quote(string text, char quote)
    {
        var sb = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    sb.Append(@"\\");
                    break;
                case '\n':
                    // A raw line break ends a quoted string in the scanner; the escape keeps it inside.
                    sb.Append(@"\n");
                    break;
                default:
                    if (c == quote)
                    {
                        sb.Append('\\');
                    }
                    sb.Append(c);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }
}
