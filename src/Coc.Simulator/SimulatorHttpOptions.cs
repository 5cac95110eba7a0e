namespace Coc.Simulator;

/// <summary>
/// Where the command-line simulator posts when it plays into a Coc URL instead of an MQTT broker.
/// Command-line only: the simulator inside Coc.Web always publishes to its broker.
/// </summary>
/// <param name="Url">Coc's base URL (http or https); the feeds go to <c>{Url}/api/ingest/{feed}</c>.</param>
/// <param name="ApiKey">Sent as <c>X-Api-Key</c>; null sends none (only a Coc with <c>Coc:IngestKeys:RequireKey</c> off takes that).</param>
/// <param name="MaxItemsPerRequest">Items per POST at most, so one request stays well under Coc's body limit.</param>
public sealed record SimulatorHttpOptions(Uri Url, string? ApiKey, int MaxItemsPerRequest = HttpFeedBatches.DefaultMaxItems)
{
    /// <summary>The webhook of one feed, keeping any path prefix of <see cref="Url"/> (Coc behind a reverse proxy).</summary>
    public Uri IngestUri(string feed)
    {
        var root = Url.AbsoluteUri.EndsWith('/') ? Url : new Uri(Url.AbsoluteUri + "/");
        return new Uri(root, "api/ingest/" + Uri.EscapeDataString(feed));
    }

    /// <summary>Problems with a <c>--url</c> value, or null when it is a usable Coc base URL.</summary>
    public static string? CheckUrl(string value, out Uri? url)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out url))
        {
            return $"'{value}' is not an absolute URL (e.g. http://127.0.0.1:5080)";
        }
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            var scheme = url.Scheme;
            url = null;
            return $"must be an http:// or https:// URL (was {scheme}://); for MQTT use --host and --port";
        }
        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            url = null;
            return "must be Coc's base URL, without ?query or #fragment";
        }
        return null;
    }
}
