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
}

public sealed class WallOptionsValidator : IValidateOptions<WallOptions>
{
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
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
