using System.Globalization;
using Bunit;
using Coc.Core.Ingest;
using Coc.Core.Series;
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

    public FeedsPageTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddSingleton<TimeProvider>(_time);
        _context.Services.AddSingleton(_stats);
        _context.Services.AddSingleton(Options.Create(new WallOptions()));
        _context.Services.AddSingleton(Options.Create(new FeedsOptions()));
        _context.Services.AddSingleton<WallClock>();
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

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();
}
