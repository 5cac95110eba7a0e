namespace Coc.Core.Ingest;

/// <summary>How a feed looks to an operator.</summary>
public enum FeedState
{
    /// <summary>Good samples arrived recently.</summary>
    Live,

    /// <summary>Nothing for a while, not yet long enough to distrust it.</summary>
    Quiet,

    /// <summary>Nothing for too long (or never): whatever the wall shows from it is old.</summary>
    Stale,

    /// <summary>Sending, but most of what arrived in the last minute was refused.</summary>
    Erroring,
}

/// <summary>Thresholds that turn a feed's counters into a <see cref="FeedState"/>.</summary>
public sealed record FeedHealthRules(TimeSpan QuietAfter, TimeSpan StaleAfter)
{
    public static FeedHealthRules Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

    /// <summary>
    /// Erroring wins over the others: a feed that sends only rubbish must not look "live" because
    /// one good sample slipped through.
    /// </summary>
    public FeedState Evaluate(FeedCounters feed, DateTimeOffset now)
    {
        var rejected = feed.RejectedLastMinute(now);
        if (rejected > 0 && rejected >= feed.AcceptedLastMinute(now))
        {
            return FeedState.Erroring;
        }
        if (feed.LastSampleAt is not { } last)
        {
            return FeedState.Stale;
        }
        var age = now - last;
        return age <= QuietAfter ? FeedState.Live : age <= StaleAfter ? FeedState.Quiet : FeedState.Stale;
    }
}
