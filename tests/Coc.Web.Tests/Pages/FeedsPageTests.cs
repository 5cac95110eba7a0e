using System.Globalization;
using Bunit;
using Coc.Core.Complaints;
using Coc.Core.Ingest;
using Coc.Core.Series;
using Coc.Ingest.Complaints;
using Coc.Storage;
using Coc.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace Coc.Web.Tests.Pages;

/// <summary>The operators' /feeds page: each feed's state, counts, and what was refused and why.</summary>
public sealed class FeedsPageTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));
    private readonly FeedStats _stats = new();

    /// <summary>Room for two complaints, so a third shows eviction and refusal.</summary>
    private const int MaxTracked = 2;

    private readonly ComplaintAggregator _complaints;
    private readonly SettableStoreStatus _store = new();

    private sealed class SettableStoreStatus : IStoreStatus
    {
        public StoreStatus Current { get; set; } = StoreStatus.Embedded;

        public StoreStatus Snapshot() => Current;
    }

    public FeedsPageTests()
    {
        _complaints = new ComplaintAggregator(_time, MaxTracked);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddSingleton<TimeProvider>(_time);
        _context.Services.AddSingleton(_stats);
        _context.Services.AddSingleton(Options.Create(new WallOptions()));
        _context.Services.AddSingleton(Options.Create(new FeedsOptions()));
        _context.Services.AddSingleton(_complaints);
        _context.Services.AddSingleton(Options.Create(new ComplaintOptions { MaxTrackedComplaints = MaxTracked }));
        _context.Services.AddSingleton<WallClock>();
        _context.Services.AddSingleton<IStoreStatus>(_store);
        _context.Services.AddScoped<ScreenTicker>();
        _context.Services.AddMudServices();
    }

    private void Accept(string feed, int samples)
    {
        var result = new ParseResult(feed);
        for (var i = 0; i < samples; i++)
        {
            result.Samples.Add(new Sample(SeriesKey.Create("atcs", "vehicles", ("intersection", "x" + i)), _time.GetUtcNow(), i));
        }
        _stats.Record(result, _time.GetUtcNow());
    }

    private void Reject(string feed, string reason, string detail)
    {
        var result = new ParseResult(feed);
        result.Rejections.Add(new Rejection(feed, reason, detail, "coc/" + feed + "/x", _time.GetUtcNow()));
        _stats.Record(result, _time.GetUtcNow());
    }

    [Fact]
    public void Render_FeedsWithGoodAndBadInput_ShowsStateCountsAndRejections()
    {
        Accept("atcs", 6);
        Reject("sensors", RejectReason.NonNumericValue, "field 'value' = \"tinggi\" is not a number");

        var cut = _context.Render<Feeds>();

        Assert.Equal("live", cut.Find("[data-feed='atcs']").GetAttribute("data-state"));
        Assert.Equal("erroring", cut.Find("[data-feed='sensors']").GetAttribute("data-state"));
        Assert.Contains("AKTIF", cut.Find("[data-feed='atcs']").TextContent, StringComparison.Ordinal);
        Assert.Contains("non-numeric-value: 1", cut.Find("[data-feed='sensors']").TextContent, StringComparison.Ordinal);
        var rejection = cut.Find("[data-reason='non-numeric-value']");
        Assert.Contains("\"tinggi\" is not a number", rejection.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TimePassesWithoutSamples_FeedTurnsQuietThenStale()
    {
        Accept("atcs", 1);
        var cut = _context.Render<Feeds>();

        _time.Advance(TimeSpan.FromSeconds(31));
        cut.WaitForAssertion(() => Assert.Equal("quiet", cut.Find("[data-feed='atcs']").GetAttribute("data-state")));

        _time.Advance(TimeSpan.FromMinutes(5));
        cut.WaitForAssertion(() => Assert.Equal("stale", cut.Find("[data-feed='atcs']").GetAttribute("data-state")));
        Assert.Contains("BASI", cut.Find("[data-feed='atcs']").TextContent, StringComparison.Ordinal);
    }

    private void Complaint(string id, ComplaintStatus status, TimeSpan ago) =>
        _complaints.Apply([new ComplaintEvent("sikesal", id, _time.GetUtcNow() - ago, status, "jalan-rusak", "kota-baru")]);

    private static string Counter(IRenderedComponent<Feeds> cut, string key) => cut.Find($"[data-counter='{key}']").GetAttribute("data-value")!;

    [Fact]
    public void Render_ComplaintEventsWithDuplicateStaleAndFullTracking_ShowsAggregatorCounters()
    {
        Complaint("sk-1", ComplaintStatus.New, TimeSpan.FromHours(2));
        Complaint("sk-1", ComplaintStatus.Resolved, TimeSpan.FromHours(1));
        Complaint("sk-2", ComplaintStatus.New, TimeSpan.FromMinutes(30));
        Complaint("sk-2", ComplaintStatus.New, TimeSpan.FromMinutes(30));   // duplicate
        Complaint("sk-3", ComplaintStatus.New, TimeSpan.FromMinutes(10));   // full: closed sk-1 is forgotten early
        Complaint("sk-4", ComplaintStatus.Resolved, TimeSpan.FromDays(3));  // final and past retention: stale
        Complaint("sk-5", ComplaintStatus.New, TimeSpan.FromMinutes(5));    // full and all open: refused

        var cut = _context.Render<Feeds>();

        Assert.Equal("4", Counter(cut, "applied"));
        Assert.Equal("1", Counter(cut, "duplicates"));
        Assert.Equal("1", Counter(cut, "stale"));
        Assert.Equal("1", Counter(cut, "refused"));
        Assert.Equal("1", Counter(cut, "evicted"));
        Assert.Equal("2", Counter(cut, "tracked"));
        var evicted = cut.Find("[data-counter='evicted']");
        Assert.Equal("true", evicted.GetAttribute("data-flagged"));
        Assert.NotNull(evicted.QuerySelector(".feed-erroring"));
        Assert.Contains("Dilupakan lebih awal", evicted.TextContent, StringComparison.Ordinal);
        Assert.Equal("false", cut.Find("[data-counter='duplicates']").GetAttribute("data-flagged"));
        Assert.Contains("diabaikan", cut.Find("[data-counter='duplicates']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoComplaintEvents_CountersZeroAndNothingFlagged()
    {
        var cut = _context.Render<Feeds>();

        Assert.Equal("0", Counter(cut, "applied"));
        Assert.Equal("0", Counter(cut, "evicted"));
        Assert.Empty(cut.FindAll(".complaint-counters [data-flagged='true']"));
    }

    [Fact]
    public void Render_DuplicateArrivesWhileOpen_CountUpdatesOnNextTick()
    {
        Complaint("sk-1", ComplaintStatus.New, TimeSpan.FromMinutes(5));
        var cut = _context.Render<Feeds>();
        Assert.Equal("0", Counter(cut, "duplicates"));

        Complaint("sk-1", ComplaintStatus.New, TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("1", Counter(cut, "duplicates")));
        Assert.Equal("1", Counter(cut, "applied"));
    }

    [Fact]
    public void Render_EnglishChosen_ComplaintCountersExplainedInEnglish()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");

        var cut = _context.Render<Feeds>();

        Assert.Contains("Complaints", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Evicted early", cut.Find("[data-counter='evicted']").TextContent, StringComparison.Ordinal);
        Assert.Contains("at most 2", cut.Find("[data-counter='tracked']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EmbeddedStore_SaysSoAndListsNoSpool()
    {
        var cut = _context.Render<Feeds>();

        var store = cut.Find(".store-status");
        Assert.Equal("embedded", store.GetAttribute("data-backend"));
        Assert.Equal("true", store.GetAttribute("data-reachable"));
        Assert.Empty(cut.FindAll(".store-status [data-counter]"));
    }

    [Fact]
    public void Render_InfluxDownAndSpoolFull_ShowsOutageAndFlagsLostSamples()
    {
        var down = _time.GetUtcNow().AddMinutes(-7);
        _store.Current = StoreStatus.Embedded with
        {
            Backend = "influxdb",
            Target = "http://127.0.0.1:8086 · coc",
            Reachable = false,
            UnreachableSince = down,
            WrittenSamples = 1_000,
            SpooledSamples = 52_000,
            SpooledBytes = 1 << 20,
            SpoolMaxBytes = 1 << 20,
            DroppedSpoolFull = 300,
            LastError = "connection refused",
            LastErrorAt = down,
        };

        var cut = _context.Render<Feeds>();

        Assert.Equal("false", cut.Find(".store-status").GetAttribute("data-reachable"));
        Assert.Contains("TIDAK TERHUBUNG sejak", cut.Find(".store-status").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find(".store-status [data-counter='dropped']").GetAttribute("data-flagged"));
        Assert.Equal("300", cut.Find(".store-status [data-counter='dropped']").GetAttribute("data-value"));
        Assert.Equal("false", cut.Find(".store-status [data-counter='spooled']").GetAttribute("data-flagged"));
        Assert.Equal("false", cut.Find(".store-status [data-counter='lost']").GetAttribute("data-flagged"));
        Assert.Contains("connection refused", cut.Find(".store-status").TextContent, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();
}
