namespace Coc.Ingest.Pull;

/// <summary>How a polled URL is shown in rejections, status and logs: without query or credentials, which often carry API keys.</summary>
public static class PullUrl
{
    public static string Describe(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Describe(uri) : "(not a URL)";

    public static string Describe(Uri uri) =>
        !uri.IsAbsoluteUri ? "(not a URL)"
        : uri.Scheme is "http" or "https" ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}"
        // Other schemes do not split off a query ('?' stays in the path): show no path at all.
        : $"{uri.Scheme}://{uri.Authority}/…";
}
