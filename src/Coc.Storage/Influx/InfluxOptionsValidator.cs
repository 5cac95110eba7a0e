namespace Coc.Storage.Influx;

/// <summary>
/// Checks <c>Coc:Storage:Influx</c>, every error naming its key. Called by <see cref="StorageOptionsValidator"/>
/// only when the backend is "influxdb", so a half-filled Influx section never stops an embedded install.
/// </summary>
public static class InfluxOptionsValidator
{
    private const long MinSpoolBytes = 1L << 20;
    private const long MaxSpoolBytes = 1L << 40;

    public static void Check(InfluxOptions o, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(errors);
        var at = InfluxOptions.SectionName;
        if (!Uri.TryCreate(o.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{at}:Url must be an absolute http or https URL, got '{o.Url}'");
        }
        else if (url.UserInfo.Length > 0)
        {
            // The URL is logged and shown on /health; credentials belong in their own keys.
            errors.Add($"{at}:Url must not carry credentials (user:password@); use {at}:Username/Password or {at}:Token");
        }
        else if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            errors.Add($"{at}:Url must be the server's base URL without a query, got '{o.Url}'");
        }
        if (string.IsNullOrWhiteSpace(o.Database) || HasControl(o.Database))
        {
            errors.Add($"{at}:Database must name a database (no control characters), got '{o.Database}'");
        }
        if (o.RetentionPolicyOrDefault is { } rp && HasControl(rp))
        {
            errors.Add($"{at}:RetentionPolicy must be empty or name a retention policy (no control characters), got '{rp}'");
        }
        CheckCredentials(o, at, errors);
        Range(errors, $"{at}:TimeoutSeconds", o.TimeoutSeconds, 1, 300);
        Range(errors, $"{at}:BatchSize", o.BatchSize, 1, 100_000);
        Range(errors, $"{at}:MaxBackoffSeconds", o.MaxBackoffSeconds, 1, 3_600);
        if (string.IsNullOrWhiteSpace(o.SpoolPath))
        {
            errors.Add($"{at}:SpoolPath must name a folder");
        }
        if (o.SpoolMaxBytes is < MinSpoolBytes or > MaxSpoolBytes)
        {
            errors.Add($"{at}:SpoolMaxBytes must be {MinSpoolBytes}-{MaxSpoolBytes} (1 MiB-1 TiB), got {o.SpoolMaxBytes}");
        }
    }

    private static void CheckCredentials(InfluxOptions o, string at, List<string> errors)
    {
        var hasUser = !string.IsNullOrEmpty(o.Username);
        var hasPassword = !string.IsNullOrEmpty(o.Password);
        if (hasUser && !string.IsNullOrEmpty(o.Token))
        {
            // Both would mean two Authorization headers: say which one is meant instead of guessing.
            errors.Add($"{at}:Token and {at}:Username are both set; use Username/Password for InfluxDB 1.x or Token for 2.x/3.x");
        }
        if (hasUser != hasPassword)
        {
            errors.Add($"{at}:Username and {at}:Password go together; only {(hasUser ? "Username" : "Password")} is set");
        }
        foreach (var (key, value) in new[] { ("Username", o.Username), ("Password", o.Password), ("Token", o.Token) })
        {
            if (value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                errors.Add($"{at}:{key} must not contain line breaks");
            }
        }
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} must be {min}-{max}, got {value}");
        }
    }

    private static bool HasControl(string text) => text.Any(char.IsControl);
}
