using System.Buffers;
using System.Globalization;
using System.Text;
using Bunit;
using Coc.Core.Complaints;
using Coc.Core.Layouts;
using Coc.Core.Ingest;
using Coc.Ingest.Complaints;
using Coc.Ingest.Pipeline;
using Coc.Web.Components.Tiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coc.Web.Tests.Tiles;

public sealed class TickerTileTests : TileTestContext
{
    public TickerTileTests() => Context.Services.AddSingleton(Recent);

    private RecentComplaints Recent => _recent ??= new RecentComplaints(Time);

    private RecentComplaints? _recent;

    private static TileDefinition Ticker(int count = 10) => new()
    {
        Id = "ticker-tile",
        Type = TileTypes.Ticker,
        Title = "Pengaduan terbaru",
        Count = count,
        StaleAfterSeconds = 600,
    };

    private ComplaintEvent Event(string id, ComplaintStatus status = ComplaintStatus.New, string source = "sikesal",
        string category = "jalan-rusak", string district = "kota-baru", int minutesAgo = 0) =>
        new(source, id, Time.GetUtcNow().AddMinutes(-minutesAgo), status, category, district);

    /// <summary>The rows read by people; the scrolling copy repeats them for the loop.</summary>
    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<TickerTile> cut) =>
        cut.FindAll(".ticker-list:not(.ticker-copy) .ticker-row");

    private static string Cell(AngleSharp.Dom.IElement row, string cell) => row.QuerySelector(cell)!.TextContent;

    [Fact]
    public void Render_NoComplaints_SaysSoAndIsStale()
    {
        var cut = Context.Render<TickerTile>(p => p.Add(t => t.Tile, Ticker()));

        Assert.Equal("belum ada pengaduan", cut.Find(".ticker-empty").TextContent);
        Assert.Equal("true", cut.Find("[data-tile-id='ticker-tile']").GetAttribute("data-stale"));
    }

    [Fact]
    public void Render_EventsArrive_NewestFirstWithWibTimeSourceWhatAndStatus()
    {
        var cut = Context.Render<TickerTile>(p => p.Add(t => t.Tile, Ticker()));

        // Fake now is 03:00 UTC = 10:00 WIB.
        Recent.Record([Event("sk-1", minutesAgo: 45)]);
        Time.Advance(RenderInterval);
        Recent.Record([Event("112-7", ComplaintStatus.InProgress, source: "cc112", category: "banjir", district: "danau_teluk", minutesAgo: 5)]);

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        var rows = Rows(cut);
        Assert.Equal(["cc112/112-7/in_progress", "sikesal/sk-1/new"], rows.Select(r => r.GetAttribute("data-complaint")));
        Assert.Equal("09:55", Cell(rows[0], ".ticker-time"));
        Assert.Equal("CC 112", Cell(rows[0], ".ticker-source"));
        Assert.Equal("Banjir · Danau Teluk", Cell(rows[0], ".ticker-what"));
        Assert.Equal("Diproses", Cell(rows[0], ".ticker-status"));
        Assert.Equal("09:15", Cell(rows[1], ".ticker-time"));
        Assert.Equal("SiKesal", Cell(rows[1], ".ticker-source"));
        Assert.Equal("Jalan Rusak · Kota Baru", Cell(rows[1], ".ticker-what"));
        Assert.Equal("false", cut.Find("[data-tile-id]").GetAttribute("data-stale"));
    }

    [Theory]
    [InlineData(ComplaintStatus.New, "id-ID", "Baru")]
    [InlineData(ComplaintStatus.InProgress, "id-ID", "Diproses")]
    [InlineData(ComplaintStatus.Resolved, "id-ID", "Selesai")]
    [InlineData(ComplaintStatus.Rejected, "id-ID", "Ditolak")]
    [InlineData(ComplaintStatus.New, "en-US", "New")]
    [InlineData(ComplaintStatus.Resolved, "en-US", "Resolved")]
    public void Render_Status_InTheScreensLanguage(ComplaintStatus status, string culture, string expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        Recent.Record([Event("sk-1", status)]);

        var cut = Context.Render<TickerTile>(p => p.Add(t => t.Tile, Ticker()));

        Assert.Equal(expected, Cell(Rows(cut).Single(), ".ticker-status"));
    }

    [Fact]
    public void Render_MoreEventsThanCount_ShowsOnlyTheNewestCount()
    {
        Recent.Record(Enumerable.Range(1, 8).Select(i => Event($"sk-{i}")));

        var cut = Context.Render<TickerTile>(p => p.Add(t => t.Tile, Ticker(count: 3)));

        Assert.Equal(["sikesal/sk-8/new", "sikesal/sk-7/new", "sikesal/sk-6/new"], Rows(cut).Select(r => r.GetAttribute("data-complaint")));
    }

    [Fact]
    public void Render_MoreRowsThanFit_ScrollsWithASecondCopy()
    {
        Recent.Record(Enumerable.Range(1, TickerTile.VisibleRows).Select(i => Event($"sk-{i}")));
        var cut = Context.Render<TickerTile>(p => p.Add(t => t.Tile, Ticker()));
        Assert.DoesNotContain("scrolling", cut.Find(".ticker-track").ClassList);
        Assert.Empty(cut.FindAll(".ticker-copy"));

        Recent.Record([Event("sk-extra")]);

        cut.WaitForAssertion(() => Assert.Contains("scrolling", cut.Find(".ticker-track").ClassList));
        Assert.Equal(TickerTile.VisibleRows + 1, cut.FindAll(".ticker-copy .ticker-row").Count);
        Assert.Equal("--ticker-duration: 18s", cut.Find(".ticker-track").GetAttribute("style"));
    }

    [Fact]
    public void Render_NewestOlderThanStaleAfter_TurnsStale()
    {
        Recent.Record([Event("sk-1")]);
        var cut = Context.Render<TickerTile>(p => p.Add(t => t.Tile, Ticker()));
        Assert.Equal("false", cut.Find("[data-tile-id]").GetAttribute("data-stale"));

        Time.Advance(TimeSpan.FromSeconds(601));

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-tile-id]").GetAttribute("data-stale")));
        Assert.Single(Rows(cut));
    }

    [Fact]
    public async Task Ingest_SameEventTwice_ShownOnce()
    {
        var ingest = new ComplaintIngest(new ComplaintAggregator(Time),
            new IngestQueue(Options.Create(new IngestOptions()), new FeedStats(), Time, NullLogger<IngestQueue>.Instance), Time, Recent);
        var cut = Context.Render<TickerTile>(p => p.Add(t => t.Tile, Ticker()));
        var json = """{"id": "sk-20261123-0042", "ts": "2026-11-23T09:15:00+07:00", "status": "new", "category": "jalan-rusak", "district": "kota-baru"}""";
        var payload = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json));

        await ingest.IngestAsync("coc/complaints/sikesal", payload, CancellationToken.None);
        Time.Advance(RenderInterval);
        await ingest.IngestAsync("coc/complaints/sikesal", payload, CancellationToken.None);
        Time.Advance(RenderInterval);
        await ingest.IngestAsync("coc/complaints/sikesal", new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json.Replace("\"new\"", "\"resolved\"", StringComparison.Ordinal))), CancellationToken.None);

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        Assert.Equal(["sikesal/sk-20261123-0042/resolved", "sikesal/sk-20261123-0042/new"], Rows(cut).Select(r => r.GetAttribute("data-complaint")));
    }

    [Fact]
    public async Task Dispose_Tile_UnsubscribesFromComplaintsAndTicker()
    {
        Context.Render<TickerTile>(p => p.Add(t => t.Tile, Ticker()));
        var ticker = Context.Services.GetRequiredService<ScreenTicker>();
        Assert.Equal(1, Recent.WatcherCount);
        Assert.Equal(1, ticker.ListenerCount);

        await Context.DisposeComponentsAsync();

        Assert.Equal(0, Recent.WatcherCount);
        Assert.Equal(0, ticker.ListenerCount);
    }
}
