using Bunit;
using Coc.Core.Layouts;
using Coc.Web.Components.Tiles;

namespace Coc.Web.Tests.Tiles;

public sealed class TextTileTests : TileTestContext
{
    private static TileDefinition Note(string text) => new() { Id = "text-tile", Type = TileTypes.Text, Title = "Catatan", Text = text };

    [Fact]
    public void Render_MarkupInText_ShownAsTypedNeverRun()
    {
        const string text = "<script>alert('x')</script><b>tebal</b>";

        var cut = Context.Render<TextTile>(p => p.Add(t => t.Tile, Note(text)));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll(".text-content b"));
        Assert.Equal(text, cut.Find(".text-content").TextContent);
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LineBreaks_KeptInTheTextCrLfAsOne()
    {
        var cut = Context.Render<TextTile>(p => p.Add(t => t.Tile, Note("Piket malam:\r\nBudi\nSiti")));

        Assert.Equal("Piket malam:\nBudi\nSiti", cut.Find(".text-content").TextContent);
    }

    [Theory]
    [InlineData("Siaga banjir", "text-xl")]
    [InlineData("Posko banjir dibuka di Kantor Camat Danau Teluk, hubungi 112.", "text-l")]
    [InlineData("a\nb\nc\nd\ne\nf", "text-m")]
    public void Render_TextLength_PicksTheSize(string text, string sizeClass)
    {
        var cut = Context.Render<TextTile>(p => p.Add(t => t.Tile, Note(text)));

        Assert.Contains(sizeClass, cut.Find(".text-content").ClassList);
    }

    [Fact]
    public void Render_VeryLongText_SmallestSize()
    {
        var cut = Context.Render<TextTile>(p => p.Add(t => t.Tile, Note(new string('x', 800))));

        Assert.Contains("text-xs", cut.Find(".text-content").ClassList);
    }

    [Fact]
    public void Render_NoText_EmptyNotStale()
    {
        var cut = Context.Render<TextTile>(p => p.Add(t => t.Tile, Note(null!)));

        Assert.Equal("", cut.Find(".text-content").TextContent);
        Assert.Equal("false", cut.Find("[data-tile-id='text-tile']").GetAttribute("data-stale"));
    }
}
