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

    public FeedHealthRules Rules => new(TimeSpan.FromSeconds(QuietAfterSeconds), TimeSpan.FromSeconds(StaleAfterSeconds));
}

public sealed class FeedsOptionsValidator : IValidateOptions<FeedsOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedsOptions o) =>
        o.QuietAfterSeconds < 1 || o.StaleAfterSeconds <= o.QuietAfterSeconds || o.StaleAfterSeconds > 604_800
            ? ValidateOptionsResult.Fail($"Coc:Feeds: need 1 <= QuietAfterSeconds < StaleAfterSeconds <= 604800, got {o.QuietAfterSeconds} and {o.StaleAfterSeconds}")
            : ValidateOptionsResult.Success;
}
