using Bunit;
using Coc.Storage;
using Coc.Web.Components.Pages;
using Coc.Web.Components.Wall;
using Coc.Web.Scenes;
using Coc.Web.Tests.Tiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coc.Web.Tests.Layouts;

/// <summary>A rendered screen, page and /control follow a save of the layout file, with no reload of the browser.</summary>
public sealed class HotReloadRenderTests : TileTestContext, IDisposable
{
    private readonly LayoutFolder _folder = new(("uji.json", LayoutFolder.Wall("uji", "Sungai Batanghari")));

    public HotReloadRenderTests()
    {
        var scenes = new WallSceneState(_folder.Store, Options.Create(new StorageOptions { DataPath = Path.Combine(_folder.Root, "data", "store") }),
            _folder.Host, NullLogger<WallSceneState>.Instance);
        Context.Services.AddSingleton(_folder.Store);
        Context.Services.AddSingleton(scenes);
    }

    public void Dispose() => _folder.Dispose();

    private void Save(string json) => File.WriteAllText(_folder.PathOf("uji.json"), json);

    [Fact]
    public void ScreenView_FileSaved_TileTitleChangesOnScreen()
    {
        var screen = Context.Render<ScreenView>(p => p.Add(s => s.Wall, _folder.Store.Find("uji")!).Add(s => s.Screen, 1));
        Assert.Equal("Sungai Batanghari", screen.Find(".tile-title").TextContent);

        Save(LayoutFolder.Wall("uji", "Tinggi muka air"));

        screen.WaitForAssertion(() => Assert.Equal("Tinggi muka air", screen.Find(".tile-title").TextContent), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void WallScreen_BrokenSave_KeepsLastGoodThenFixApplies()
    {
        var page = Context.Render<WallScreen>(p => p.Add(s => s.WallId, "uji").Add(s => s.Screen, 1));

        Save(LayoutFolder.Wall("uji", "Rusak", "\n\"titel\": \"typo\","));
        page.WaitForAssertion(() => Assert.NotEmpty(_folder.Store.Errors), TimeSpan.FromSeconds(2));
        // The wall never shows the error: it keeps drawing the last good version.
        Assert.Equal("Sungai Batanghari", page.Find(".tile-title").TextContent);
        Assert.Empty(page.FindAll(".wall-message"));

        Save(LayoutFolder.Wall("uji", "Diperbaiki"));
        page.WaitForAssertion(() => Assert.Equal("Diperbaiki", page.Find(".tile-title").TextContent), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void WallScreen_FileDeleted_ShowsWallNotFound()
    {
        var page = Context.Render<WallScreen>(p => p.Add(s => s.WallId, "uji").Add(s => s.Screen, 1));

        File.Delete(_folder.PathOf("uji.json"));

        page.WaitForAssertion(() => Assert.Contains("uji", page.Find(".wall-message").TextContent), TimeSpan.FromSeconds(2));
        Assert.Empty(page.FindAll(".screen"));
    }

    [Fact]
    public void Control_BrokenSave_ErrorShownWithFileAndPath()
    {
        var control = Context.Render<Control>();
        Assert.Empty(control.FindAll(".control-errors"));

        Save(LayoutFolder.Wall("uji", "Rusak", "\n\"titel\": \"typo\","));

        control.WaitForAssertion(() =>
        {
            var errors = control.Find(".control-errors").TextContent;
            Assert.Contains("uji.json", errors);
            Assert.Contains("$.scenes[0].tiles[0].titel", errors);
        }, TimeSpan.FromSeconds(2));
    }
}
