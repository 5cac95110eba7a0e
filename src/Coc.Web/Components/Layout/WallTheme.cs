using MudBlazor;

namespace Coc.Web.Components.Layout;

/// <summary>Dark, high-contrast palette for a video wall seen from across a room. System fonts only: the COC network is closed.</summary>
public static class WallTheme
{
    public static readonly MudTheme Dark = new()
    {
        PaletteDark = new PaletteDark
        {
            Background = "#0b0f14",
            Surface = "#121922",
            Primary = "#4fc3f7",
            TextPrimary = "#e8eef5",
            TextSecondary = "#9fb0c3",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["DejaVu Sans", "Segoe UI", "Roboto", "Arial", "sans-serif"] },
        },
    };
}
