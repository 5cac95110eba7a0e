namespace Coc.Storage.Influx;

/// <summary>What a <c>/write</c> came to, so the caller can tell "try again later" from "never".</summary>
internal readonly record struct WriteOutcome(WriteResult Result, string? Error, int? Dropped)
{
    public static readonly WriteOutcome Written = new(WriteResult.Written, null, null);

    public static WriteOutcome Rejected(string error, int? dropped) => new(WriteResult.Rejected, error, dropped);

    public static WriteOutcome TooLarge(string error) => new(WriteResult.TooLarge, error, null);

    public static WriteOutcome Failed(string error) => new(WriteResult.Failed, error, null);
}

internal enum WriteResult
{
    /// <summary>Stored.</summary>
    Written,

    /// <summary>The server refused the points themselves (HTTP 400/422); sending them again cannot help.</summary>
    Rejected,

    /// <summary>HTTP 413: the body is over the server's limit; smaller bodies may pass.</summary>
    TooLarge,

    /// <summary>Unreachable, timed out, 5xx, or a configuration fault (401/403/404): keep the points, retry.</summary>
    Failed,
}
