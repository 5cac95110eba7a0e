using System.Net.Http.Json;
using System.Text.Json;
using Coc.Core.Ingest;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Ingest.Pull;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coc.Web.Tests.Integration;

/// <summary>
/// The whole pull path in one process: the real app polls a real HTTP server (a water-level API
/// that wants an API key) every second, and its records reach /api/feeds, /health and live state.
/// </summary>
public sealed class PullToWallTests : IClassFixture<PullToWallTests.PullAppFactory>
{
    private const string Feed = "tma-uji";
    private readonly PullAppFactory _app;

    public PullToWallTests(PullAppFactory app) => _app = app;

    private static SeriesKey Level(string sensor) => SeriesKey.Create("water_level", "value", ("sensor", sensor));

    [Fact]
    public async Task Poll_RemoteJson_ReachesFeedsHealthAndLiveState()
    {
        _app.Remote.Answer(200, """{"data": [{"station": "pos-tarik-1", "level": 12.5}, {"station": "pos-tarik-2", "level": "8.25"}]}""");
        var live = _app.Services.GetRequiredService<LiveState>();
        var stats = _app.Services.GetRequiredService<FeedStats>();

        await Eventually.TrueAsync(() => live.Get(Level("pos-tarik-1"))?.Latest?.Value == 12.5, "the first station's level in live state");
        await Eventually.TrueAsync(() => live.Get(Level("pos-tarik-2"))?.Latest?.Value == 8.25, "the second station's level in live state");

        Assert.True(stats.For(Feed).Accepted >= 2);
        using var client = _app.CreateBasicClient(Coc.Web.Security.CocRoles.Operator);
        var feeds = await client.GetFromJsonAsync<JsonElement>("/api/feeds");
        var feed = feeds.EnumerateArray().Single(f => f.GetProperty("feed").GetString() == Feed);
        Assert.True(feed.GetProperty("accepted").GetInt64() >= 2);
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        var pull = health.GetProperty("checks").GetProperty("pull");
        Assert.Equal("Healthy", pull.GetProperty("status").GetString());
        Assert.Equal("pull sources: 1, none failing 3+ times in a row", pull.GetProperty("description").GetString());
        Assert.Equal("kunci-uji", _app.Remote.LastApiKey);
    }

    [Fact]
    public async Task Poll_RemoteFailsThenRecovers_FailureCountedWithoutTheQueryAndValuesFlowAgain()
    {
        var stats = _app.Services.GetRequiredService<FeedStats>();
        var poller = _app.Services.GetRequiredService<PullPoller>();
        var failedBefore = stats.For(Feed).RejectedByReason.GetValueOrDefault(RejectReason.PullFailed);

        _app.Remote.Answer(503, "pemeliharaan");
        await Eventually.TrueAsync(() => stats.For(Feed).RejectedByReason.GetValueOrDefault(RejectReason.PullFailed) > failedBefore, "a pull-failed rejection");

        var rejection = stats.RecentRejections.First(r => r.Feed == Feed && r.Reason == RejectReason.PullFailed);
        Assert.Contains("HTTP 503", rejection.Detail, StringComparison.Ordinal);
        Assert.Contains("/api/tma", rejection.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("rahasia", rejection.Detail + rejection.Source, StringComparison.Ordinal);
        Assert.True(poller.StatusOf(Feed)!.ConsecutiveFailures >= 1);

        _app.Remote.Answer(200, """{"data": [{"station": "pos-tarik-3", "level": 3.75}]}""");
        var live = _app.Services.GetRequiredService<LiveState>();
        // Back-off after one failure is 2 s (MaxBackoffSeconds 2): recovery comes within a few seconds.
        await Eventually.TrueAsync(() => live.Get(Level("pos-tarik-3"))?.Latest?.Value == 3.75, "the value after recovery");
        await Eventually.TrueAsync(() => poller.StatusOf(Feed)!.ConsecutiveFailures == 0, "the failure count reset");
    }

    /// <summary>The app configured to poll <see cref="Remote"/> every second.</summary>
    public sealed class PullAppFactory : CocAppFactory
    {
        public RemoteSystem Remote { get; } = RemoteSystem.Start();

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Coc:Pull:Sources:0:Name", Feed),
            new("Coc:Pull:Sources:0:Url", Remote.BaseUrl + "/api/tma?kode=rahasia"),
            new("Coc:Pull:Sources:0:IntervalSeconds", "1"),
            new("Coc:Pull:Sources:0:TimeoutSeconds", "5"),
            new("Coc:Pull:Sources:0:MaxBackoffSeconds", "2"),
            new("Coc:Pull:Sources:0:Headers:X-Api-Key", "kunci-uji"),
            new("Coc:Pull:Sources:0:Measurement", "water_level"),
            new("Coc:Pull:Sources:0:Items", "$.data"),
            new("Coc:Pull:Sources:0:Tags:sensor", "station"),
            new("Coc:Pull:Sources:0:Fields:value", "level"),
        ];

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                Remote.Dispose();
            }
        }
    }

    /// <summary>A real HTTP server standing in for the remote system; it answers 401 without the API key.</summary>
    public sealed class RemoteSystem : IDisposable
    {
        private readonly WebApplication _app;
        private volatile Tuple<int, string> _answer = Tuple.Create(200, """{"data": []}""");

        private RemoteSystem(WebApplication app) => _app = app;

        public string BaseUrl => _app.Urls.Single();

        public string? LastApiKey { get; private set; }

        public static RemoteSystem Start()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var remote = new RemoteSystem(app);
            app.MapGet("/api/tma", remote.HandleAsync);
            app.StartAsync().GetAwaiter().GetResult();
            return remote;
        }

        public void Answer(int status, string body) => _answer = Tuple.Create(status, body);

        private async Task HandleAsync(HttpContext context)
        {
            LastApiKey = context.Request.Headers["X-Api-Key"];
            var (status, body) = LastApiKey == "kunci-uji" ? _answer : Tuple.Create(401, "{}");
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        }

        public void Dispose()
        {
            _app.StopAsync().GetAwaiter().GetResult();
            ((IDisposable)_app).Dispose();
        }
    }
}
