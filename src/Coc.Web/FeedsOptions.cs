using Coc.Core.Ingest;
using Microsoft.Extensions.Options;

namespace Coc.Web;

/// <summary>Section <c>Coc:Feeds</c>: when a feed counts as quiet or stale on the /feeds page.</summary>
public sealed class FeedsOptions
{
    public const string Section = "Coc:Feeds";

    /// <summary>No good sample for longer than this: the feed is "quiet".</summary>
    public int QuietAfterSeconds { get; set; } = 30;

    /// <summary>No good sample for longer than this (or never): the feed is "stale".</summary>
    public int StaleAfterSeconds { get; set; } = 300;

    /// <summary>How often each feed's health is published as <c>coc_feed</c> series; 0 turns it off (benchmarks count every stored sample).</summary>
    public int PublishHealthSeconds { get; set; } = 5;

    public FeedHealthRules Rules => new(TimeSpan.FromSeconds(QuietAfterSeconds), TimeSpan.FromSeconds(StaleAfterSeconds));
}

public sealed class FeedsOptionsValidator : IValidateOptions<FeedsOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedsOptions o)
    {
        if (o.QuietAfterSeconds < 1 || o.StaleAfterSeconds <= o.QuietAfterSeconds || o.StaleAfterSeconds > 604_800)
        {
            return ValidateOptionsResult.Fail($"Coc:Feeds: need 1 <= QuietAfterSeconds < StaleAfterSeconds <= 604800, got {o.QuietAfterSeconds} and {o.StaleAfterSeconds}");
        }
        return o.PublishHealthSeconds is < 0 or > 3_600
            ? ValidateOptionsResult.Fail($"Coc:Feeds:PublishHealthSeconds must be 0-3600 (0 = off), got {o.PublishHealthSeconds}")
            : ValidateOptionsResult.Success;
    }
}
