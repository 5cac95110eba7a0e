using System.Text.RegularExpressions;
using Coc.Core.Ingest.Mapping;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Pull;

/// <summary>Checks every pull source at start-up, each error naming its configuration key.</summary>
public sealed partial class PullOptionsValidator : IValidateOptions<PullOptions>
{
    public ValidateOptionsResult Validate(string? name, PullOptions o)
    {
        var errors = new List<string>();
        for (var i = 0; i < o.Sources.Count; i++)
        {
            Check(o.Sources[i], $"{PullOptions.Section}:Sources:{i}", errors);
        }
        foreach (var duplicate in o.Sources.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Key.Length > 0 && g.Count() > 1))
        {
            // Two sources under one feed name would mix their counters and hide which one fails.
            errors.Add($"{PullOptions.Section}:Sources: name '{duplicate.Key}' appears {duplicate.Count()} times");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(PullSource s, string at, List<string> errors)
    {
        if (!FeedName().IsMatch(s.Name))
        {
            errors.Add($"{at}:Name '{s.Name}' must be 1-64 lower-case letters, digits or '-', starting with a letter or digit");
        }
        if (!Uri.TryCreate(s.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{at}:Url '{PullUrl.Describe(s.Url)}' must be an absolute http:// or https:// URL");
        }
        else if (url.UserInfo.Length > 0)
        {
            // HttpClient ignores user:password@ anyway, and the URL is shown on /feeds and in logs.
            errors.Add($"{at}:Url must not carry credentials (user:password@); send them in {at}:Headers, e.g. Authorization");
        }
        if (s.IntervalSeconds is < 1 or > 86_400)
        {
            errors.Add($"{at}:IntervalSeconds must be 1-86400, got {s.IntervalSeconds}");
        }
        if (s.TimeoutSeconds is < 1 or > 3_600)
        {
            errors.Add($"{at}:TimeoutSeconds must be 1-3600, got {s.TimeoutSeconds}");
        }
        if (s.MaxBackoffSeconds is < 1 or > 86_400)
        {
            errors.Add($"{at}:MaxBackoffSeconds must be 1-86400, got {s.MaxBackoffSeconds}");
        }
        if (s.MaxResponseBytes is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add($"{at}:MaxResponseBytes must be 1024-67108864, got {s.MaxResponseBytes}");
        }
        foreach (var (header, value) in s.Headers)
        {
            if (!HeaderName().IsMatch(header))
            {
                errors.Add($"{at}:Headers:{header} is not a valid HTTP header name");
            }
            else if (value is null || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                errors.Add($"{at}:Headers:{header} must be a value without line breaks");
            }
        }
        JsonRecordMapping.TryCompile(s, [], at, out _, out var mappingErrors);
        errors.AddRange(mappingErrors);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex FeedName();

    // RFC 9110 token characters.
    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")]
    private static partial Regex HeaderName();
}
