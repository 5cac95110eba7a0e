using Coc.Core.Layouts;
using Microsoft.AspNetCore.Components;

namespace Coc.Web.Components.Tiles;

/// <summary>
/// An operator's note in large type. The text is plain: Razor encodes it (markup shows as typed, a script
/// never runs) and CSS keeps its line breaks. Its size class follows its length, so a short note fills the
/// tile and a long one still fits; sizes are in the tile's own container units.
/// </summary>
public partial class TextTile : ComponentBase
{
    private string _text = "";
    private string _size = "text-xl";

    [Parameter, EditorRequired]
    public TileDefinition Tile { get; set; } = default!;

    protected override void OnParametersSet()
    {
        // Windows line ends would show an extra blank line under white-space: pre-line.
        _text = (Tile.Text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        _size = SizeClass(_text);
    }

    /// <summary>A coarse bucket by characters and lines: read from across the room, the exact fit matters less than never overflowing.</summary>
    public static string SizeClass(string text)
    {
        var lines = text.Length == 0 ? 1 : text.Count(c => c == '\n') + 1;
        // Long lines wrap (pre-line), so length and explicit lines are what decide the rows needed.
        return (text.Length, lines) switch
        {
            ( <= 30, <= 2) => "text-xl",
            ( <= 90, <= 4) => "text-l",
            ( <= 220, <= 7) => "text-m",
            ( <= 500, <= 12) => "text-s",
            _ => "text-xs",
        };
    }
}
