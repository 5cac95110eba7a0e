using Bunit;
using Coc.Core.Layouts;
using Coc.Web.Components.Tiles;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Tiles;

public sealed class CameraTileTests : TileTestContext
{
    private static TileDefinition Camera(string? url, int refreshSeconds = 10) => new()
    {
        Id = "camera-tile",
        Type = TileTypes.Camera,
        Title = "Simpang Kawat",
        Url = url,
        RefreshSeconds = refreshSeconds,
        StaleAfterSeconds = 30,
    };

    private long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Src(IRenderedComponent<CameraTile> cut) => cut.Find("img.camera-img").GetAttribute("src")!;

    private static string Root(IRenderedComponent<CameraTile> cut, string attribute) => cut.Find("[data-tile-id='camera-tile']").GetAttribute(attribute)!;

    [Fact]
    public void Render_SnapshotUrl_ImgCarriesACacheBuster()
    {
        var cut = Context.Render<CameraTile>(p => p.Add(t => t.Tile, Camera("http://cctv.jambikota.go.id/snap/kawat.jpg")));

        Assert.Equal($"http://cctv.jambikota.go.id/snap/kawat.jpg?_coc={NowMs}", Src(cut));
    }

    [Fact]
    public void Render_UrlWithQuery_CacheBusterJoinsTheQuery()
    {
        var cut = Context.Render<CameraTile>(p => p.Add(t => t.Tile, Camera("https://cam.example/cgi-bin/snapshot.cgi?channel=1")));

        Assert.Equal($"https://cam.example/cgi-bin/snapshot.cgi?channel=1&_coc={NowMs}", Src(cut));
    }

    [Fact]
    public void Render_RefreshSecondsPass_ReloadsWithANewCacheBusterAndNotBefore()
    {
        var cut = Context.Render<CameraTile>(p => p.Add(t => t.Tile, Camera("http://cam.example/a.jpg")));
        var first = Src(cut);
        cut.Find("img").TriggerEvent("onload", new ProgressEventArgs());

        Time.Advance(TimeSpan.FromSeconds(9));
        cut.WaitForAssertion(() => Assert.Equal("gambar terakhir 9 dtk lalu", cut.Find(".tile-age").TextContent));
        Assert.Equal(first, Src(cut));

        Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal($"http://cam.example/a.jpg?_coc={NowMs}", Src(cut)));
        Assert.NotEqual(first, Src(cut));
    }

    [Fact]
    public void Render_MjpegStream_SrcSetOnceUnchanged()
    {
        var cut = Context.Render<CameraTile>(p => p.Add(t => t.Tile, Camera("http://cam.example/video.mjpg", refreshSeconds: 0)));
        Assert.Equal("http://cam.example/video.mjpg", Src(cut));
        cut.Find("img").TriggerEvent("onload", new ProgressEventArgs());

        for (var i = 0; i < 60; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        cut.WaitForAssertion(() => Assert.Equal("siaran langsung", cut.Find(".tile-age").TextContent));
        Assert.Equal("http://cam.example/video.mjpg", Src(cut));
        Assert.Equal("false", Root(cut, "data-stale"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://cam.example/a.jpg")]
    [InlineData("//cam.example/a.jpg")]
    [InlineData("/snap/a.jpg")]
    [InlineData("")]
    [InlineData(null)]
    public void Render_UrlNotHttpOrHttps_NeverRendered(string? url)
    {
        var cut = Context.Render<CameraTile>(p => p.Add(t => t.Tile, Camera(url)));

        Assert.Empty(cut.FindAll("img"));
        if (!string.IsNullOrEmpty(url))
        {
            Assert.DoesNotContain(url, cut.Markup, StringComparison.Ordinal);
        }
        Assert.Equal("true", Root(cut, "data-stale"));
        Assert.Equal("KAMERA TIDAK TERSEDIA", cut.Find(".stale-mark").TextContent);
    }

    [Fact]
    public void Render_ImageFails_ShowsUnavailableStaleAndRetriesAtTheInterval()
    {
        var cut = Context.Render<CameraTile>(p => p.Add(t => t.Tile, Camera("http://cam.example/a.jpg")));
        cut.Find("img").TriggerEvent("onload", new ProgressEventArgs());
        Time.Advance(TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.Equal($"http://cam.example/a.jpg?_coc={NowMs}", Src(cut)));

        cut.Find("img").TriggerEvent("onerror", new Microsoft.AspNetCore.Components.Web.ErrorEventArgs());

        Assert.Equal("true", Root(cut, "data-stale"));
        Assert.Contains("camera-failed", cut.Find("[data-tile-id]").ClassList);
        Assert.Equal("KAMERA TIDAK TERSEDIA", cut.Find(".stale-mark.camera-unavailable").TextContent);
        Assert.Equal("gambar terakhir 10 dtk lalu", cut.Find(".tile-age").TextContent);
        var failed = Src(cut);

        Time.Advance(TimeSpan.FromSeconds(10));

        cut.WaitForAssertion(() => Assert.Equal($"http://cam.example/a.jpg?_coc={NowMs}", Src(cut)));
        Assert.NotEqual(failed, Src(cut));
        Assert.Equal("true", Root(cut, "data-stale"));

        cut.Find("img").TriggerEvent("onload", new ProgressEventArgs());

        Assert.Equal("false", Root(cut, "data-stale"));
        Assert.Empty(cut.FindAll(".stale-mark"));
        Assert.Equal(TileFormat.Iso(Time.GetUtcNow()), Root(cut, "data-ts"));
    }

    [Fact]
    public void Render_MjpegStreamFails_ReconnectsAfterTheRetryWithANewUrl()
    {
        var cut = Context.Render<CameraTile>(p => p.Add(t => t.Tile, Camera("http://cam.example/video.mjpg", refreshSeconds: 0)));
        cut.Find("img").TriggerEvent("onload", new ProgressEventArgs());
        Time.Advance(TimeSpan.FromSeconds(30));
        cut.Find("img").TriggerEvent("onerror", new Microsoft.AspNetCore.Components.Web.ErrorEventArgs());
        Assert.Equal("true", Root(cut, "data-stale"));

        Time.Advance(CameraTile.StreamRetry);

        cut.WaitForAssertion(() => Assert.Equal($"http://cam.example/video.mjpg?_coc={NowMs}", Src(cut)));
        Assert.Equal("gambar terakhir 10 dtk lalu", cut.Find(".tile-age").TextContent);
    }

    [Fact]
    public void Render_SnapshotNeverAnswers_TurnsStale()
    {
        var cut = Context.Render<CameraTile>(p => p.Add(t => t.Tile, Camera("http://cam.example/a.jpg")));
        Assert.Equal("false", Root(cut, "data-stale"));

        Time.Advance(TimeSpan.FromSeconds(31));

        cut.WaitForAssertion(() => Assert.Equal("true", Root(cut, "data-stale")));
        Assert.Equal("DATA LAMA", cut.Find(".stale-mark").TextContent);
    }

    [Fact]
    public async Task Dispose_Tile_UnsubscribesFromTheTicker()
    {
        Context.Render<CameraTile>(p => p.Add(t => t.Tile, Camera("http://cam.example/a.jpg")));
        var ticker = Context.Services.GetRequiredService<ScreenTicker>();
        Assert.Equal(1, ticker.ListenerCount);

        await Context.DisposeComponentsAsync();

        Assert.Equal(0, ticker.ListenerCount);
    }
}
