using Coc.Core.Security;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Http;

/// <summary>Section <c>Coc:IngestKeys</c>: who may write to which feed over HTTP.</summary>
public sealed class IngestKeyOptions
{
    public const string Section = "Coc:IngestKeys";

    /// <summary>Refuse HTTP ingest without a valid key (401). Off only for a closed test bench.</summary>
    public bool RequireKey { get; set; } = true;

    public List<IngestKey> Keys { get; set; } = [];

    /// <summary>HTTP ingest requests per second allowed per key (bursts of twice that); over it: 429 + Retry-After. 0 = no limit.</summary>
    public int RequestsPerSecond { get; set; } = 100;
}

/// <summary>One client's key: only its hash is configured, and it writes only to its own feeds.</summary>
public sealed class IngestKey
{
    /// <summary>Who holds the key (logs, InfluxDB's <c>u</c> parameter).</summary>
    public string Name { get; set; } = "";

    /// <summary><c>pbkdf2-sha256$...</c> of the key (<c>dotnet run --project src/Coc.Web -- hash-password</c>).</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>Feeds this key may write (e.g. <c>atcs</c>, <c>sensors</c>); <c>*</c> for all.</summary>
    public List<string> Feeds { get; set; } = [];

    public bool MayWrite(string feed) => Feeds.Contains("*") || Feeds.Contains(feed, StringComparer.Ordinal);
}

public sealed class IngestKeyOptionsValidator : IValidateOptions<IngestKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestKeyOptions o)
    {
        var errors = new List<string>();
        if (o.RequestsPerSecond is < 0 or > 1_000_000)
        {
            errors.Add($"Coc:IngestKeys:RequestsPerSecond must be 0-1000000 (0 = no limit), got {o.RequestsPerSecond}");
        }
        for (var i = 0; i < o.Keys.Count; i++)
        {
            var key = o.Keys[i];
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                errors.Add($"Coc:IngestKeys:Keys:{i}:Name is required");
            }
            if (!SecretHash.IsWellFormed(key.KeyHash))
            {
                errors.Add($"Coc:IngestKeys:Keys:{i}:KeyHash is not a pbkdf2-sha256 hash (make one with: dotnet run --project src/Coc.Web -- hash-password)");
            }
            if (key.Feeds.Count == 0)
            {
                errors.Add($"Coc:IngestKeys:Keys:{i}:Feeds is empty: name the feeds this key may write, or \"*\"");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
