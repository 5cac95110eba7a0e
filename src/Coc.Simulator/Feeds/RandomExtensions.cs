namespace Coc.Simulator.Feeds;

/// <summary>The few distributions the models draw from; each call consumes a fixed pattern of draws per outcome.</summary>
internal static class RandomExtensions
{
    /// <summary>Standard normal (Box–Muller; the second value is discarded to keep the code simple).</summary>
    public static double NextGaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A positive value whose median is <paramref name="median"/>; <paramref name="sigma"/> is the spread of its log.</summary>
    public static double NextLogNormal(this Random random, double median, double sigma) =>
        median * Math.Exp(sigma * random.NextGaussian());

    /// <summary>Number of events in an interval with expectation <paramref name="lambda"/>.</summary>
    public static int NextPoisson(this Random random, double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }
        if (lambda > 30)
        {
            // Knuth's method underflows for large lambda; the normal approximation is plenty here.
            return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * random.NextGaussian()));
        }
        var limit = Math.Exp(-lambda);
        var count = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }
        return count;
    }

    /// <summary>An index picked with probability proportional to its weight.</summary>
    public static int NextWeighted(this Random random, ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }
        var pick = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            pick -= weights[i];
            if (pick < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }
}
