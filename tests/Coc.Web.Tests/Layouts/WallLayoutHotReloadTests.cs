using Coc.Core.Layouts;
using Coc.Web.Layouts;
using Xunit.Abstractions;

namespace Coc.Web.Tests.Layouts;

/// <summary>Saving a layout file updates the store within two seconds; a broken save keeps the last good wall.</summary>
public sealed class WallLayoutHotReloadTests(ITestOutputHelper output) : IDisposable
{
    private readonly LayoutFolder _folder = new(("uji.json", LayoutFolder.Wall("uji", "Sungai Batanghari")));

    public void Dispose() => _folder.Dispose();

    private static string TileTitle(WallLayoutStore store) => store.Find("uji")!.Scenes[0].Tiles[0].Title;

    [Fact]
    public async Task Save_ChangedTitle_NewTitleServedWithinTwoSeconds()
    {
        Assert.Equal("Sungai Batanghari", TileTitle(_folder.Store));

        var took = await _folder.SaveAndWaitAsync(
            () => File.WriteAllText(_folder.PathOf("uji.json"), LayoutFolder.Wall("uji", "Tinggi muka air")),
            store => TileTitle(store) == "Tinggi muka air");

        output.WriteLine($"save reached the store after {took.TotalMilliseconds:0} ms (quiet period {WallLayoutStore.QuietPeriod.TotalMilliseconds:0} ms)");
        Assert.Empty(_folder.Store.Errors);
    }

    [Fact]
    public async Task Save_EditorStyleRenameOverTheFile_NewTitleServed()
    {
        // Many editors write a temp file beside the original and rename it over.
        await _folder.SaveAndWaitAsync(() =>
        {
            var temp = _folder.PathOf("uji.json.tmp~");
            File.WriteAllText(temp, LayoutFolder.Wall("uji", "Disimpan lewat rename"));
            File.Move(temp, _folder.PathOf("uji.json"), overwrite: true);
        }, store => TileTitle(store) == "Disimpan lewat rename");
    }

    [Fact]
    public async Task Save_BrokenFile_LastGoodWallStaysAndErrorNamesFilePathAndRule()
    {
        var good = _folder.Store.Find("uji");

        await _folder.SaveAndWaitAsync(
            () => File.WriteAllText(_folder.PathOf("uji.json"), LayoutFolder.Wall("uji", "Rusak", "\n\"titel\": \"typo\",")),
            store => store.Errors.Count > 0);

        Assert.Same(good, _folder.Store.Find("uji"));
        Assert.Equal("Sungai Batanghari", TileTitle(_folder.Store));
        var typo = Assert.Single(_folder.Store.Errors, e => e.Path == "$.scenes[0].tiles[0].titel");
        Assert.Equal("uji.json", typo.File);
        Assert.Contains("(additionalProperties)", typo.Message);
        Assert.Contains(_folder.Store.Errors, e => e.File == "uji.json" && e.Message.Contains("last good version", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Save_FixedAfterBroken_ErrorsClearedAndFixedWallServed()
    {
        await _folder.SaveAndWaitAsync(
            () => File.WriteAllText(_folder.PathOf("uji.json"), "{ \"id\": \"uji\", "),
            store => store.Errors.Count > 0);
        Assert.Equal("Sungai Batanghari", TileTitle(_folder.Store));

        await _folder.SaveAndWaitAsync(
            () => File.WriteAllText(_folder.PathOf("uji.json"), LayoutFolder.Wall("uji", "Sudah diperbaiki")),
            store => store.Errors.Count == 0);

        Assert.Equal("Sudah diperbaiki", TileTitle(_folder.Store));
    }

    [Fact]
    public async Task Delete_File_WallGone()
    {
        await _folder.SaveAndWaitAsync(() => File.Delete(_folder.PathOf("uji.json")), store => store.Find("uji") is null);

        Assert.Empty(_folder.Store.Walls);
        Assert.Empty(_folder.Store.Errors);
    }

    [Fact]
    public async Task Delete_BrokenFile_LastGoodWallAndItsErrorsGone()
    {
        await _folder.SaveAndWaitAsync(
            () => File.WriteAllText(_folder.PathOf("uji.json"), LayoutFolder.Wall("uji", "x", "\n\"unti\": \"cm\",")),
            store => store.Errors.Count > 0);

        await _folder.SaveAndWaitAsync(() => File.Delete(_folder.PathOf("uji.json")), store => store.Find("uji") is null);

        Assert.Empty(_folder.Store.Errors);
    }

    [Fact]
    public async Task Create_NewFile_NewWallServed()
    {
        await _folder.SaveAndWaitAsync(
            () => File.WriteAllText(_folder.PathOf("kedua.json"), LayoutFolder.Wall("kedua", "Dinding baru")),
            store => store.Find("kedua") is not null);

        Assert.Equal(["uji", "kedua"], _folder.Store.Walls.Select(w => w.Id).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task Save_OtherFile_UnchangedWallKeepsItsInstance()
    {
        var uji = _folder.Store.Find("uji");

        await _folder.SaveAndWaitAsync(
            () => File.WriteAllText(_folder.PathOf("kedua.json"), LayoutFolder.Wall("kedua", "Dinding baru")),
            store => store.Find("kedua") is not null);

        // Screens of an unchanged wall keep their tiles (and the tiles their subscriptions).
        Assert.Same(uji, _folder.Store.Find("uji"));
    }

    [Fact]
    public async Task Save_SchemaFileStricter_WallsCheckedAgainAndLastGoodKept()
    {
        // The folder's own schema is the one applied: a rule only it has (short tile titles) shows the re-check.
        var shipped = Path.Combine(WallLayoutStore.ResolveDirectory("", AppContext.BaseDirectory), LayoutSchema.FileName);
        var stricter = File.ReadAllText(shipped).Replace("\"Title in the tile's header.\",", "\"Title in the tile's header.\", \"maxLength\": 5,", StringComparison.Ordinal);
        Assert.Contains("\"maxLength\": 5", stricter);

        await _folder.SaveAndWaitAsync(
            () => File.WriteAllText(_folder.PathOf(LayoutSchema.FileName), stricter),
            store => store.Errors.Any(e => e.Path == "$.scenes[0].tiles[0].title"));

        Assert.Equal("Sungai Batanghari", TileTitle(_folder.Store));
        Assert.Contains("(maxLength)", _folder.Store.Errors[0].Message);
    }

    [Fact]
    public void Watch_Disposed_NoLongerCalled()
    {
        var calls = 0;
        var watch = _folder.Store.Watch(() => calls++);
        File.WriteAllText(_folder.PathOf("uji.json"), LayoutFolder.Wall("uji", "Satu"));
        _folder.Store.Reload();
        Assert.Equal(1, calls);

        watch.Dispose();
        File.WriteAllText(_folder.PathOf("uji.json"), LayoutFolder.Wall("uji", "Dua"));
        _folder.Store.Reload();

        Assert.Equal(1, calls);
        Assert.Equal("Dua", TileTitle(_folder.Store));
    }

    [Fact]
    public void Reload_NothingChanged_NoNotification()
    {
        var calls = 0;
        using var watch = _folder.Store.Watch(() => calls++);

        _folder.Store.Reload();

        Assert.Equal(0, calls);
    }
}
