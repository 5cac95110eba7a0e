using System.Globalization;

namespace Coc.Web.Localization;

/// <summary>
/// The culture of a screen's circuit, carried onto other threads. Renders triggered by ingest or
/// timer threads would otherwise run with the process culture, and a wall set to Bahasa
/// Indonesia would suddenly show English text and '.' decimals.
/// </summary>
public readonly record struct CapturedCulture(CultureInfo Culture, CultureInfo UiCulture)
{
    public static CapturedCulture Current => new(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    /// <summary>Sets the culture for the rest of the calling async flow (callers' flows are unaffected).</summary>
    public void Apply()
    {
        CultureInfo.CurrentCulture = Culture;
        CultureInfo.CurrentUICulture = UiCulture;
    }
}
