namespace Coc.Storage.Embedded;

internal static class BucketAggregator
{
    /// <summary>Buckets start at multiples of <paramref name="bucketMs"/> since the epoch; empty ones are not emitted.</summary>
    public static List<BucketPoint> Aggregate(List<RawPoint> sortedPoints, long bucketMs)
    {
        var buckets = new List<BucketPoint>();
        var i = 0;
        while (i < sortedPoints.Count)
        {
            var start = TimeMath.FloorDiv(sortedPoints[i].UnixMs, bucketMs) * bucketMs;
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            long count = 0;
            for (; i < sortedPoints.Count && sortedPoints[i].UnixMs - start < bucketMs; i++)
            {
                var value = sortedPoints[i].Value;
                sum += value;
                min = Math.Min(min, value);
                max = Math.Max(max, value);
                count++;
            }
            buckets.Add(new BucketPoint(TimeMath.ToTimestamp(start), sum / count, min, max, count));
        }
        return buckets;
    }
}
