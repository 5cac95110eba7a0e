namespace Coc.Core.Live;

/// <summary>How old a tile's data is, and whether that is too old to pass for live.</summary>
public readonly record struct Freshness(TimeSpan? Age, bool IsStale)
{
    /// <summary>No data at all is stale: an empty tile must never look like a calm one.</summary>
    public static Freshness Of(DateTimeOffset? lastArrival, DateTimeOffset now, TimeSpan staleAfter)
    {
        if (lastArrival is not { } arrival)
        {
            return new Freshness(null, true);
        }
        var age = now - arrival;
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }
        return new Freshness(age, age > staleAfter);
    }
}
