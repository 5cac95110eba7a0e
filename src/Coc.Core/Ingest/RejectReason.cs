namespace Coc.Core.Ingest;

/// <summary>Why an input was refused. Short stable codes: they are counters' names and log fields.</summary>
public static class RejectReason
{
    public const string UnknownTopic = "unknown-topic";
    public const string EmptyPayload = "empty-payload";
    public const string PayloadTooLarge = "payload-too-large";
    public const string MalformedJson = "malformed-json";
    public const string NonNumericValue = "non-numeric-value";
    public const string BadTimestamp = "bad-timestamp";
    public const string TimestampOutOfRange = "timestamp-out-of-range";
    public const string BadTags = "bad-tags";
    public const string NoFields = "no-fields";

    // Line protocol (/write): a malformed line is refused whole; these say why.
    public const string BadLine = "bad-line";
    public const string BadEscape = "bad-escape";
    public const string LineTooLong = "line-too-long";
    public const string IntegerOverflow = "integer-overflow";
    public const string InvalidUtf8 = "invalid-utf8";

    // Complaint events (coc/complaints/{source}); the detail names the event and the field.
    public const string UnknownSource = "unknown-source";
    public const string MissingField = "missing-field";
    public const string BadField = "bad-field";
    public const string UnknownStatus = "unknown-status";
    public const string TrackingFull = "tracking-full";

    // Configured JSON mappings (pull sources, MQTT topic mappings).
    public const string NotAnArray = "not-an-array";
    public const string TooManyItems = "too-many-items";

    // Pull sources: the poll itself failed; the detail names the URL's host and the status or error.
    public const string PullFailed = "pull-failed";
}

/// <summary>One refused input (or one refused field of an input), with what was wrong.</summary>
public sealed record Rejection(string Feed, string Reason, string Detail, string Source, DateTimeOffset At);
