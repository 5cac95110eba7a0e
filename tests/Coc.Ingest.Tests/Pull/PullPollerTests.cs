using Coc.Core.Ingest;
using Coc.Core.Series;
using Coc.Tests.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static Coc.Ingest.Tests.Pull.PollerHarness;

namespace Coc.Ingest.Tests.Pull;

/// <summary>The poller against a real HTTP server, on a fake clock: what one poll yields, and how failures are reported.</summary>
public sealed class PullPollerTests : IAsyncLifetime
{
    private PullTestServer _server = null!;

    public async Task InitializeAsync() => _server = await PullTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string DataUrl => _server.BaseUrl + "/v1/tinggi-muka-air";

    [Fact]
    public async Task Poll_MappedDocument_QueuesSamplesUnderTheSourceFeed()
    {
        _server.RespondJson(PullSources.TwoStations);
        var source = PullSources.WaterLevel(DataUrl);
        source.Headers["X-Api-Key"] = "kunci-rahasia";
        await using var harness = await StartAsync(source);

        var status = await harness.PollsAsync("sungai", 1);

        var samples = harness.DrainSamples().OrderBy(s => s.Value).ToList();
        Assert.Equal(2, samples.Count);
        Assert.Equal(SeriesKey.Create("water_level", "value", ("sensor", "pos-tanjung-solok")), samples[0].Series);
        Assert.Equal(9.75, samples[0].Value);
        Assert.Equal(T0.AddMinutes(-2), samples[0].Timestamp);
        Assert.Equal(SeriesKey.Create("water_level", "value", ("sensor", "pos-angso-duo")), samples[1].Series);
        Assert.Equal(12.4, samples[1].Value);
        Assert.Equal(2, harness.Stats.For("sungai").Accepted);
        Assert.Equal(0, harness.Stats.For("sungai").RejectedTotal);
        Assert.Equal("kunci-rahasia", _server.LastHeaders["X-Api-Key"]);
        Assert.Equal("application/json", _server.LastHeaders["Accept"]);
        Assert.Equal("/v1/tinggi-muka-air", _server.LastPathAndQuery);
        Assert.Equal(T0, status.LastSuccessAt);
        Assert.Equal(0, status.ConsecutiveFailures);
        Assert.Null(status.LastError);
        Assert.Equal(T0.AddSeconds(60), status.NextPollAt);
    }

    [Fact]
    public async Task Poll_OneRecordWithoutItsTag_OtherRecordsFlowAndThePollCountsAsGood()
    {
        _server.RespondJson("""{"data": [{"level": 3.5, "ts": "2026-11-23T02:59:00Z"}, {"station": "pos-a", "level": 4.5, "ts": "2026-11-23T02:59:00Z"}, {"station": "pos-b", "level": "tinggi", "ts": "2026-11-23T02:59:00Z"}]}""");
        await using var harness = await StartAsync(PullSources.WaterLevel(DataUrl));

        var status = await harness.PollsAsync("sungai", 1);

        Assert.Equal([4.5], harness.DrainSamples().Select(s => s.Value));
        var counters = harness.Stats.For("sungai");
        Assert.Equal(1, counters.Accepted);
        Assert.Equal(1, counters.RejectedByReason[RejectReason.BadTags]);
        Assert.Equal(1, counters.RejectedByReason[RejectReason.NonNumericValue]);
        Assert.Contains(harness.Stats.RecentRejections, r => r.Detail.StartsWith("item[0] tag 'sensor'", StringComparison.Ordinal));
        Assert.Equal(0, status.ConsecutiveFailures);
    }

    [Fact]
    public async Task Poll_Http500_RejectsPullFailedNamingStatusAndUrlWithoutTheQuery()
    {
        _server.RespondStatus(StatusCodes.Status500InternalServerError, "boom");
        await using var harness = await StartAsync(PullSources.WaterLevel(DataUrl + "?apikey=rahasia-di-query"));

        var status = await harness.PollsAsync("sungai", 1);

        var rejection = Assert.Single(harness.Stats.RecentRejections);
        Assert.Equal(RejectReason.PullFailed, rejection.Reason);
        Assert.Equal("sungai", rejection.Feed);
        Assert.Contains("HTTP 500", rejection.Detail, StringComparison.Ordinal);
        Assert.Contains(new Uri(_server.BaseUrl).Authority + "/v1/tinggi-muka-air", rejection.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("rahasia", rejection.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("rahasia", rejection.Source, StringComparison.Ordinal);
        Assert.Equal("/v1/tinggi-muka-air?apikey=rahasia-di-query", _server.LastPathAndQuery);
        Assert.Equal(1, harness.Stats.For("sungai").RejectedByReason[RejectReason.PullFailed]);
        Assert.Empty(harness.DrainSamples());
        Assert.Equal(1, status.ConsecutiveFailures);
        Assert.Equal($"{RejectReason.PullFailed}: {rejection.Detail}", status.LastError);
        Assert.DoesNotContain("rahasia", status.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_EndpointNeverAnswers_TimesOutOnTheInjectedClock()
    {
        _server.RespondNever();
        await using var harness = await StartAsync(PullSources.WaterLevel(DataUrl, timeoutSeconds: 5));
        await Eventually.TrueAsync(() => _server.Requests == 1, "the request reaches the server");
        Assert.Equal(0, harness.Status("sungai").Polls);

        harness.Time.Advance(TimeSpan.FromSeconds(5));
        var status = await harness.PollsAsync("sungai", 1);

        var rejection = Assert.Single(harness.Stats.RecentRejections);
        Assert.Equal(RejectReason.PullFailed, rejection.Reason);
        Assert.Contains("timed out after 5 s", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(T0.AddSeconds(5), status.LastFailureAt);
        // The back-off counts from the end of the failed poll.
        Assert.Equal(T0.AddSeconds(5 + 120), status.NextPollAt);
    }

    [Fact]
    public async Task Poll_MalformedJson_RejectsMalformedJsonWithTheUrl()
    {
        _server.RespondJson("""{"data": [{"station": "pos-a", "level": 1""");
        await using var harness = await StartAsync(PullSources.WaterLevel(DataUrl));

        var status = await harness.PollsAsync("sungai", 1);

        var rejection = Assert.Single(harness.Stats.RecentRejections);
        Assert.Equal(RejectReason.MalformedJson, rejection.Reason);
        Assert.Contains("/v1/tinggi-muka-air", rejection.Detail, StringComparison.Ordinal);
        Assert.Contains("not JSON", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(1, status.ConsecutiveFailures);
    }

    [Fact]
    public async Task Poll_DocumentWithoutTheItemsArray_CountsAsAFailedPoll()
    {
        _server.RespondJson("""{"error": "kunci API salah"}""");
        await using var harness = await StartAsync(PullSources.WaterLevel(DataUrl));

        var status = await harness.PollsAsync("sungai", 1);

        Assert.Equal(RejectReason.NotAnArray, Assert.Single(harness.Stats.RecentRejections).Reason);
        Assert.Equal(1, status.ConsecutiveFailures);
        Assert.StartsWith(RejectReason.NotAnArray, status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_BodyAnnouncedOverTheLimit_RefusedWithoutReading()
    {
        _server.RespondJson($$"""{"data": [], "padding": "{{new string('x', 2000)}}"}""");
        await using var harness = await StartAsync(PullSources.WaterLevel(DataUrl, maxResponseBytes: 1024));

        await harness.PollsAsync("sungai", 1);

        var rejection = Assert.Single(harness.Stats.RecentRejections);
        Assert.Equal(RejectReason.PullFailed, rejection.Reason);
        Assert.Contains("over MaxResponseBytes (1024)", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_ChunkedBodyOverTheLimit_RefusedWhileReading()
    {
        string? announced = "not seen";
        _server.Respond(async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            // No Content-Length: the body is sent in chunks, so only counting what arrives can stop it.
            await context.Response.WriteAsync("{\"data\": [], \"padding\": \"");
            await context.Response.Body.FlushAsync();
            announced = context.Response.Headers.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < 4; i++)
            {
                await context.Response.WriteAsync(new string('x', 1000));
            }
            await context.Response.WriteAsync("\"}");
        });
        await using var harness = await StartAsync(PullSources.WaterLevel(DataUrl, maxResponseBytes: 1024));

        await harness.PollsAsync("sungai", 1);

        Assert.Null(announced);
        var rejection = Assert.Single(harness.Stats.RecentRejections);
        Assert.Equal(RejectReason.PullFailed, rejection.Reason);
        Assert.Contains("sent more than MaxResponseBytes (1024)", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_BodyJustUnderTheLimit_Accepted()
    {
        var json = """{"data": [{"station": "pos-a", "level": 1, "ts": "2026-11-23T02:59:00Z"}], "padding": "PAD"}""";
        json = json.Replace("PAD", new string('x', 1024 - json.Length + 3), StringComparison.Ordinal);
        Assert.Equal(1024, json.Length);
        _server.RespondJson(json);
        await using var harness = await StartAsync(PullSources.WaterLevel(DataUrl, maxResponseBytes: 1024));

        await harness.PollsAsync("sungai", 1);

        Assert.Equal([1.0], harness.DrainSamples().Select(s => s.Value));
        Assert.Empty(harness.Stats.RecentRejections);
    }

    [Fact]
    public async Task Poll_NothingListening_RejectsPullFailedNamingTheError()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}/data";
        await using var harness = await StartAsync(PullSources.WaterLevel(url));

        await harness.PollsAsync("sungai", 1);

        var rejection = Assert.Single(harness.Stats.RecentRejections);
        Assert.Equal(RejectReason.PullFailed, rejection.Reason);
        Assert.Contains("failed:", rejection.Detail, StringComparison.Ordinal);
        Assert.Contains("/data", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_TwoSources_EachCountedUnderItsOwnFeed()
    {
        await using var broken = await PullTestServer.StartAsync();
        broken.RespondStatus(StatusCodes.Status503ServiceUnavailable);
        _server.RespondJson(PullSources.TwoStations);
        await using var harness = await StartAsync(PullSources.WaterLevel(DataUrl), PullSources.WaterLevel(broken.BaseUrl + "/x", name: "sungai-2"));

        await harness.PollsAsync("sungai", 1);
        await harness.PollsAsync("sungai-2", 1);

        Assert.Equal(2, harness.Stats.For("sungai").Accepted);
        Assert.Equal(0, harness.Stats.For("sungai").RejectedTotal);
        Assert.Equal(0, harness.Stats.For("sungai-2").Accepted);
        Assert.Equal(1, harness.Stats.For("sungai-2").RejectedByReason[RejectReason.PullFailed]);
        Assert.Contains("HTTP 503", harness.Status("sungai-2").LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_DuringAPoll_EndsPromptlyAndQueuesNothing()
    {
        _server.RespondNever();
        var harness = await StartAsync(PullSources.WaterLevel(DataUrl));
        await Eventually.TrueAsync(() => _server.Requests == 1, "the request reaches the server");

        await harness.DisposeAsync();

        Assert.Equal(0, harness.Status("sungai").Polls);
        Assert.Empty(harness.Stats.Feeds);
        Assert.Equal(0, harness.Queue.Depth);
    }

    [Fact]
    public async Task Health_NoSources_HealthyAndPollsNothing()
    {
        await using var harness = await StartAsync();

        var health = await harness.Poller.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal("no pull sources configured", health.Description);
        Assert.Empty(harness.Poller.Status());
        await Eventually.TrueAsync(() => harness.Poller.ExecuteTask?.IsCompletedSuccessfully == true, "the poller's work ends at once");
    }
}
