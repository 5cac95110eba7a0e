using System.Text;
using Coc.Core.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Http;

/// <summary>
/// Checks the key an HTTP client presents the way its own software sends it:
/// <c>Authorization: Token KEY</c> (InfluxDB 2/3 clients), <c>?u=NAME&amp;p=KEY</c> (InfluxDB 1),
/// Basic auth (password = key) or <c>X-Api-Key: KEY</c>. A key writes only to its own feeds.
/// </summary>
public sealed class IngestKeyAuthorizer(IOptions<IngestKeyOptions> options, ILogger<IngestKeyAuthorizer> logger) : IIngestAuthorizer
{
    /// <summary>Keys already verified: PBKDF2 per request would cost more than the write.</summary>
    private readonly VerifiedSecrets _verified = new();

    public ValueTask<bool> IsAllowedAsync(HttpContext context, string feed)
    {
        var o = options.Value;
        if (!o.RequireKey)
        {
            return ValueTask.FromResult(true);
        }
        var presented = PresentedKey(context.Request);
        var key = presented is null ? null : Find(presented, o);
        if (key is null)
        {
            logger.LogWarning("HTTP ingest to feed '{Feed}' refused from {Remote}: {Why}", feed, context.Connection.RemoteIpAddress,
                presented is null ? "no key presented" : "unknown key");
            return ValueTask.FromResult(false);
        }
        if (!key.MayWrite(feed))
        {
            logger.LogWarning("HTTP ingest refused: key '{Key}' may not write to feed '{Feed}'", key.Name, feed);
            return ValueTask.FromResult(false);
        }
        // The rate limiter counts per key, not per address: a key's clients share its rate.
        context.Items[IngestRateLimiter.KeyNameItem] = key.Name;
        return ValueTask.FromResult(true);
    }

    private IngestKey? Find(string presented, IngestKeyOptions o) => _verified.FindMatch("ingest", presented, o.Keys, k => k.KeyHash);

    /// <summary>The key from whichever place the client's software puts it; null when none.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Token ", StringComparison.OrdinalIgnoreCase))
        {
            return NullIfEmpty(authorization[6..].Trim());
        }
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return NullIfEmpty(authorization[7..].Trim());
        }
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? null : NullIfEmpty(decoded[(colon + 1)..]);
            }
            catch (FormatException)
            {
                return null;
            }
        }
        if (request.Headers.TryGetValue("X-Api-Key", out var apiKey))
        {
            return NullIfEmpty(apiKey.ToString());
        }
        return NullIfEmpty(request.Query["p"].ToString());
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
