using Coc.Core.Ingest.Mapping;

namespace Coc.Ingest.Pull;

/// <summary>A configured source made ready once: URL parsed, mapping compiled, headers chosen.</summary>
internal sealed class PullTarget
{
    public PullTarget(PullSource source, JsonRecordMapping mapping)
    {
        Source = source;
        Mapping = mapping;
        Url = new Uri(source.Url, UriKind.Absolute);
        ShownUrl = PullUrl.Describe(Url);
        var headers = source.Headers.ToList();
        if (!headers.Any(h => h.Key.Equals("Accept", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Accept", "application/json"));
        }
        Headers = headers;
        State = new PullSourceState(source.Name, ShownUrl);
    }

    public PullSource Source { get; }

    public JsonRecordMapping Mapping { get; }

    public Uri Url { get; }

    /// <summary>The URL without query or credentials, for rejections, status and logs.</summary>
    public string ShownUrl { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public PullSourceState State { get; }
}
