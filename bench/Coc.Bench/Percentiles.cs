namespace Coc.Bench;

/// <summary>Nearest-rank percentiles of latencies in milliseconds, and the median of a few runs.</summary>
public static class Percentiles
{
    public static LatencyStats Of(List<double> values)
    {
        if (values.Count == 0)
        {
            return new LatencyStats(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }
        values.Sort();
        return new LatencyStats(values.Count, At(values, 50), At(values, 95), At(values, 99), values[^1]);
    }

    /// <summary>Nearest rank: the smallest value with at least p % of the values at or below it.</summary>
    public static double At(IReadOnlyList<double> sorted, double p)
    {
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The middle value of the runs (mean of the two middle ones for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

public sealed record LatencyStats(int Count, double P50, double P95, double P99, double Max);
