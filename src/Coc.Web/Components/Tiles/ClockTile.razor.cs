using System.Globalization;
using Coc.Core.Layouts;
using Coc.Web.Localization;
using Microsoft.AspNetCore.Components;

namespace Coc.Web.Components.Tiles;

/// <summary>
/// The wall's time (WIB) with seconds and the date in the screen's language. It follows the circuit's
/// one-second <see cref="ScreenTicker"/> instead of owning a timer, and lets go of it on dispose.
/// </summary>
public partial class ClockTile : TickedTileBase
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>"14:05:09": colons whatever the culture, as on the COC's other clocks.</summary>
    private static string TimeOf(DateTimeOffset local) => local.ToString("HH':'mm':'ss", CultureInfo.InvariantCulture);

    /// <summary>"Senin, 23 November 2026" or "Monday, 23 November 2026": only the two languages the wall speaks.</summary>
    private static string DateOf(DateTimeOffset local) => local.ToString("dddd, d MMMM yyyy", UiText.IsEnglish ? English : Indonesian);
}
