using System.Globalization;
using Coc.Core.Layouts;

namespace Coc.Web.Components.Tiles;

/// <summary>Formatting shared by tiles: culture numbers for people, invariant text for data-* attributes.</summary>
public static class TileFormat
{
    public static string Number(double value, int decimals) => value.ToString("N" + decimals, CultureInfo.CurrentCulture);

    public static string Raw(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    public static string Iso(DateTimeOffset? ts) => ts?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "";

    public static string LevelClass(TileDefinition tile, double? value) =>
        value is { } v && ThresholdLevels.LevelFor(tile.Thresholds, v) is { } level ? "level-" + level : "";
}
