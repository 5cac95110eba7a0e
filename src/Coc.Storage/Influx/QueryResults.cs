using Coc.Core.Series;

namespace Coc.Storage.Influx;

/// <summary>Turns <c>/query</c> series into the store's points, keeping only the series whose tag set is exactly the one asked for.</summary>
internal static class QueryResults
{
    /// <summary>
    /// InfluxQL's WHERE on some tags also matches series that carry more tags; with GROUP BY * each tag set
    /// comes back on its own, and only the exact one is the asked-for series.
    /// </summary>
    public static ResultSeries? Exact(List<ResultSeries> series, SeriesKey key)
    {
        var wanted = key.Tags.Where(t => t.Value.Length > 0).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return series.FirstOrDefault(s => s.Name == key.Measurement && SameTags(s.PresentTags, wanted));
    }

    public static IReadOnlyList<StoredPoint> Points(ResultSeries? series)
    {
        if (series is null)
        {
            return [];
        }
        var points = new List<StoredPoint>(series.Values.Count);
        foreach (var row in series.Values)
        {
            if (row is [{ } time, { } value, ..])
            {
                points.Add(new StoredPoint(ToTimestamp(time), value));
            }
        }
        return points;
    }

    public static IReadOnlyList<BucketPoint> Buckets(ResultSeries? series)
    {
        if (series is null)
        {
            return [];
        }
        var buckets = new List<BucketPoint>(series.Values.Count);
        foreach (var row in series.Values)
        {
            // time, mean, min, max, count: fill(none) leaves out empty buckets, so every column has a value.
            if (row is [{ } time, { } mean, { } min, { } max, { } count])
            {
                buckets.Add(new BucketPoint(ToTimestamp(time), mean, min, max, (long)count));
            }
        }
        return buckets;
    }

    /// <summary>Every (series, field) with a value in a <c>SELECT last(*) ... GROUP BY *</c> answer.</summary>
    public static IReadOnlyList<SeriesKey> Keys(List<ResultSeries> series)
    {
        var keys = new HashSet<SeriesKey>();
        foreach (var s in series)
        {
            var tags = s.PresentTags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            for (var column = 1; column < s.Columns.Count; column++)
            {
                var name = s.Columns[column];
                if (name.StartsWith("last_", StringComparison.Ordinal) && s.Values.Any(row => row.Length > column && row[column] is not null))
                {
                    keys.Add(new SeriesKey(s.Name, name["last_".Length..], tags));
                }
            }
        }
        return [.. keys];
    }

    private static bool SameTags(IEnumerable<KeyValuePair<string, string>> present, Dictionary<string, string> wanted)
    {
        var count = 0;
        foreach (var (key, value) in present)
        {
            if (!wanted.TryGetValue(key, out var v) || v != value)
            {
                return false;
            }
            count++;
        }
        return count == wanted.Count;
    }

    private static DateTimeOffset ToTimestamp(double unixMs) => DateTimeOffset.FromUnixTimeMilliseconds((long)unixMs);
}
