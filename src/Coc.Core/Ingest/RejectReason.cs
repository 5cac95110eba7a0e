namespace Coc.Core.Ingest;

/// <summary>Why an input was refused. Short stable codes: they are counters' names and log fields.</summary>
public static class RejectReason
{
    public const string UnknownTopic = "unknown-topic";
    public const string EmptyPayload = "empty-payload";
    public const string MalformedJson = "malformed-json";
    public const string NonNumericValue = "non-numeric-value";
    public const string BadTimestamp = "bad-timestamp";
    public const string TimestampOutOfRange = "timestamp-out-of-range";
    public const string BadTags = "bad-tags";
    public const string NoFields = "no-fields";
}

/// <summary>One refused input (or one refused field of an input), with what was wrong.</summary>
public sealed record Rejection(string Feed, string Reason, string Detail, string Source, DateTimeOffset At);
