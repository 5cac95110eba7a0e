using Coc.Core.Ingest;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.FeedHealth;

/// <summary>Feed health reaches the live state as ordinary series, so a wall status tile can show it.</summary>
public sealed class FeedHealthPublisherTests : IClassFixture<CocAppFactory>
{
    private readonly CocAppFactory _app;

    public FeedHealthPublisherTests(CocAppFactory app) => _app = app;

    [Fact]
    public async Task Publisher_FeedWithSamplesAndRejections_PublishesRateRejectionsAndState()
    {
        var live = _app.Services.GetRequiredService<LiveState>();
        await using var device = await _app.ConnectDeviceAsync();
        await device.PublishAsync("coc/atcs/health-test", """{"vehicles": 12, "queue_m": "panjang"}""");
        var stats = _app.Services.GetRequiredService<FeedStats>();
        await Eventually.TrueAsync(() => stats.For("atcs").RejectedTotal >= 1, "the atcs rejection counted");

        var state = SeriesKey.Create(FeedHealthPublisher.Measurement, "state", ("feed", "atcs"));
        var rejected = SeriesKey.Create(FeedHealthPublisher.Measurement, "rejected_per_min", ("feed", "atcs"));
        await Eventually.TrueAsync(() => live.Get(state)?.Latest is not null, "the atcs health series", TimeSpan.FromSeconds(15));

        // One good sample and one refused field in the same minute: as many refused as accepted → erroring.
        Assert.Equal((int)FeedState.Erroring, live.Get(state)!.Latest!.Value.Value);
        Assert.True(live.Get(rejected)!.Latest!.Value.Value >= 1);
    }
}
