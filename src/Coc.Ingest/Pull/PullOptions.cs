using Coc.Core.Ingest.Mapping;

namespace Coc.Ingest.Pull;

/// <summary>Section <c>Coc:Pull</c>: systems that only offer a JSON endpoint, polled on a schedule.</summary>
public sealed class PullOptions
{
    public const string Section = "Coc:Pull";

    /// <summary>The endpoints to poll; empty (the default) polls nothing.</summary>
    public List<PullSource> Sources { get; set; } = [];
}

/// <summary>One polled endpoint and how its JSON becomes samples (the mapping it inherits).</summary>
public sealed class PullSource : JsonMappingSpec
{
    /// <summary>The feed its samples and rejections are counted under on <c>/feeds</c>: lower-case letters, digits, '-'.</summary>
    public string Name { get; set; } = "";

    /// <summary>http or https. Credentials go in <see cref="Headers"/>, never in the URL.</summary>
    public string Url { get; set; } = "";

    /// <summary>Seconds from the end of one poll to the start of the next while polls succeed.</summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>Longest one poll may take, from sending the request to the last byte of the body.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Longest wait between polls while the source keeps failing (the back-off doubles up to this, or to the interval if that is longer).</summary>
    public int MaxBackoffSeconds { get; set; } = 600;

    /// <summary>Request headers, e.g. the remote system's API key.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>Largest response body accepted, counted as it arrives (after decompression).</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;
}
