using Microsoft.Extensions.Options;

namespace Coc.Ingest.Http;

/// <summary>Section <c>Coc:LineProtocol</c>: the InfluxDB v1 write door (<c>POST /write</c>).</summary>
public sealed class LineProtocolOptions
{
    public const string Section = "Coc:LineProtocol";

    /// <summary>Largest body, checked on the bytes received and again on the bytes a gzip body inflates to.</summary>
    public int MaxBodyBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Longest line; a longer one is refused alone (line-too-long).</summary>
    public int MaxLineBytes { get; set; } = 64 * 1024;

    /// <summary>How long a write may wait for room in the ingest queue before the answer is 503 with Retry-After.</summary>
    public int QueueTimeoutMs { get; set; } = 2_000;

    /// <summary>The Retry-After a sender is given when the queue is full.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}

public sealed class LineProtocolOptionsValidator : IValidateOptions<LineProtocolOptions>
{
    public ValidateOptionsResult Validate(string? name, LineProtocolOptions o)
    {
        var errors = new List<string>();
        void Range(string key, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                errors.Add($"{LineProtocolOptions.Section}:{key} must be {min}-{max}, got {value}");
            }
        }
        Range(nameof(o.MaxBodyBytes), o.MaxBodyBytes, 1024, 1024 * 1024 * 1024);
        Range(nameof(o.MaxLineBytes), o.MaxLineBytes, 256, 16 * 1024 * 1024);
        Range(nameof(o.QueueTimeoutMs), o.QueueTimeoutMs, 0, 60_000);
        Range(nameof(o.RetryAfterSeconds), o.RetryAfterSeconds, 1, 3_600);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
