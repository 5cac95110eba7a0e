using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Coc.Web;

/// <summary>Section <c>Coc:Wall</c>: where walls come from and how screens show time and freshness.</summary>
public sealed class WallOptions
{
    public const string Section = "Coc:Wall";

    /// <summary>Folder of wall layout files. Empty: the nearest <c>wall-layouts</c> folder at or above the content root.</summary>
    public string LayoutsPath { get; set; } = "";

    /// <summary>IANA time zone screens show times in.</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";

    /// <summary>Fewest milliseconds between two renders of one tile; bursts coalesce, a lone update shows at once.</summary>
    public int TileRenderIntervalMs { get; set; } = 250;

    /// <summary>
    /// Named screens (<c>/screen/{name}</c>): a kiosk PC keeps one URL and configuration says which wall
    /// and screen it shows. Names are compared ignoring case because configuration keys are.
    /// </summary>
    public Dictionary<string, ScreenBinding> Screens { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Which wall, and which of its screens, a named screen shows.</summary>
public sealed class ScreenBinding
{
    public string Wall { get; set; } = "";

    public int Screen { get; set; }

    /// <summary>
    /// This screen beeps when an alarm is raised or gets worse: the one screen of the control room with
    /// speakers, not every kiosk. The kiosk browser must allow sound without a click
    /// (Chromium: <c>--autoplay-policy=no-user-gesture-required</c>).
    /// </summary>
    public bool AlarmSound { get; set; }
}

public sealed partial class WallOptionsValidator : IValidateOptions<WallOptions>
{
    // Same alphabet as wall ids: safe in a URL path without escaping, and unambiguous when read out over the phone.
    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex ScreenName();

    public ValidateOptionsResult Validate(string? name, WallOptions o)
    {
        var errors = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _))
        {
            errors.Add($"Coc:Wall:TimeZone '{o.TimeZone}' is not a known time zone (install tzdata, or use e.g. Asia/Jakarta)");
        }
        if (o.TileRenderIntervalMs is < 50 or > 10_000)
        {
            errors.Add($"Coc:Wall:TileRenderIntervalMs must be 50-10000, got {o.TileRenderIntervalMs}");
        }
        foreach (var (screenName, binding) in o.Screens)
        {
            if (!ScreenName().IsMatch(screenName))
            {
                errors.Add($"Coc:Wall:Screens:{screenName}: a screen name is 1-64 lowercase letters, digits and '-'");
            }
            if (string.IsNullOrWhiteSpace(binding.Wall))
            {
                errors.Add($"Coc:Wall:Screens:{screenName}:Wall is required (a wall id, e.g. jambi-coc)");
            }
            if (binding.Screen < 1)
            {
                errors.Add($"Coc:Wall:Screens:{screenName}:Screen must be 1 or more, got {binding.Screen}");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
