namespace Coc.Ingest.Pull;

/// <summary>A snapshot of one pull source, for health, operators and tests.</summary>
/// <param name="Url">The URL without query or credentials.</param>
/// <param name="Polls">Polls finished, good or bad.</param>
/// <param name="LastError">The last failed poll's reason and detail; stays after recovery so the last trouble can still be read.</param>
/// <param name="NextPollAt">When the next poll starts; null while a poll runs.</param>
public sealed record PullStatus(
    string Name,
    string Url,
    long Polls,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastFailureAt,
    string? LastError,
    int ConsecutiveFailures,
    DateTimeOffset? NextPollAt);
