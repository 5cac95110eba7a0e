using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Coc.Core.Ingest;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Storage;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Http;

/// <summary>The InfluxDB v1 write door end to end: HTTP in, live state and store out.</summary>
public sealed class WriteEndpointTests : IClassFixture<CocAppFactory>
{
    private readonly CocAppFactory _app;

    public WriteEndpointTests(CocAppFactory app) => _app = app;

    private static long Nanoseconds(DateTimeOffset ts) => ts.ToUnixTimeMilliseconds() * 1_000_000;

    private static StringContent Lines(string body) => new(body, Encoding.UTF8, "text/plain");

    private static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }

    [Fact]
    public async Task Write_GoodLines_204AndValuesInLiveStateAndStore()
    {
        using var client = _app.CreateClient();
        var live = _app.Services.GetRequiredService<LiveState>();
        var store = _app.Services.GetRequiredService<ITimeSeriesStore>();
        var stats = _app.Services.GetRequiredService<FeedStats>();
        var acceptedBefore = stats.For("atcs").Accepted;
        var ts = DateTimeOffset.UtcNow.AddSeconds(-2);
        var vehicles = SeriesKey.Create("atcs", "vehicles", ("intersection", "write-test-1"));
        var speed = SeriesKey.Create("atcs", "speed_kmh", ("intersection", "write-test-1"));

        var response = await client.PostAsync("/write?db=atcs",
            Lines($"atcs,intersection=write-test-1 vehicles=41i,queue_m=35,speed_kmh=22.5 {Nanoseconds(ts)}\n"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Influxdb-Version"));
        await Eventually.TrueAsync(() => live.Get(speed)?.Latest?.Value == 22.5, "the value in live state");
        Assert.Equal(41, live.Get(vehicles)!.Latest!.Value.Value);
        Assert.Equal(ts.ToUnixTimeMilliseconds(), live.Get(vehicles)!.Latest!.Value.Timestamp.ToUnixTimeMilliseconds());
        await Eventually.TrueAsync(async () => (await store.LatestAsync(speed))?.Value == 22.5, "the value in the store");
        Assert.Equal(acceptedBefore + 3, stats.For("atcs").Accepted);
    }

    [Fact]
    public async Task Write_PrecisionSeconds_TimestampScaled()
    {
        using var client = _app.CreateClient();
        var live = _app.Services.GetRequiredService<LiveState>();
        var ts = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5);
        var key = SeriesKey.Create("rainfall", "mm", ("sensor", "write-test-s"));

        var response = await client.PostAsync("/write?db=sensors&precision=s", Lines($"rainfall,sensor=write-test-s mm=3.5 {ts.ToUnixTimeSeconds()}"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Eventually.TrueAsync(() => live.Get(key)?.Latest is not null, "the value in live state");
        Assert.Equal(ts, live.Get(key)!.Latest!.Value.Timestamp);
    }

    [Fact]
    public async Task Write_OneBadLine_400PartialWriteWithDroppedCountAndGoodLinesKept()
    {
        using var client = _app.CreateClient();
        var live = _app.Services.GetRequiredService<LiveState>();
        var stats = _app.Services.GetRequiredService<FeedStats>();
        var badBefore = stats.For("sensors").RejectedByReason.GetValueOrDefault(RejectReason.BadLine);
        var first = SeriesKey.Create("water_level", "value", ("sensor", "write-partial-1"));
        var last = SeriesKey.Create("water_level", "value", ("sensor", "write-partial-3"));

        var response = await client.PostAsync("/write?db=sensors", Lines(
            "water_level,sensor=write-partial-1 value=11.5\n" +
            "water_level,sensor=write-partial-2 value=\n" +
            "water_level,sensor=write-partial-3 value=13.5\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("partial write: unable to parse 'water_level,sensor=write-partial-2 value=' (line 2): missing field value dropped=1",
            await ErrorOf(response));
        await Eventually.TrueAsync(() => live.Get(last)?.Latest?.Value == 13.5, "the good line after the bad one");
        Assert.Equal(11.5, live.Get(first)!.Latest!.Value.Value);
        Assert.Equal(badBefore + 1, stats.For("sensors").RejectedByReason[RejectReason.BadLine]);
        Assert.Contains(stats.RecentRejections, r => r.Detail.Contains("write-partial-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_AllLinesBad_400WithFirstErrorAndDropped()
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync("/write?db=sensors", Lines("cpu\ncpu value=x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unable to parse 'cpu' (line 1): missing fields dropped=2", await ErrorOf(response));
    }

    [Fact]
    public async Task Write_StringField_204OtherFieldsKeptStringCounted()
    {
        using var client = _app.CreateClient();
        var live = _app.Services.GetRequiredService<LiveState>();
        var stats = _app.Services.GetRequiredService<FeedStats>();
        var before = stats.For("etle").RejectedByReason.GetValueOrDefault(RejectReason.NonNumericValue);
        var key = SeriesKey.Create("etle", "violations", ("camera", "write-cam-1"));

        var response = await client.PostAsync("/write?db=etle", Lines("etle,camera=write-cam-1 violations=4i,type=\"speed\""));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Eventually.TrueAsync(() => live.Get(key)?.Latest?.Value == 4, "the numeric field");
        Assert.Equal(before + 1, stats.For("etle").RejectedByReason[RejectReason.NonNumericValue]);
    }

    [Fact]
    public async Task Write_GzipBody_Accepted()
    {
        using var client = _app.CreateClient();
        var live = _app.Services.GetRequiredService<LiveState>();
        var key = SeriesKey.Create("pm25", "value", ("sensor", "write-gzip"));
        using var packed = new MemoryStream();
        await using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync("pm25,sensor=write-gzip value=41.5\n"u8.ToArray());
        }
        using var content = new ByteArrayContent(packed.ToArray());
        content.Headers.ContentEncoding.Add("gzip");

        var response = await client.PostAsync("/write?db=sensors", content);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Eventually.TrueAsync(() => live.Get(key)?.Latest?.Value == 41.5, "the gzipped value in live state");
    }

    [Fact]
    public async Task Write_BrokenGzip_400()
    {
        using var client = _app.CreateClient();
        using var content = new ByteArrayContent("not gzip at all"u8.ToArray());
        content.Headers.ContentEncoding.Add("gzip");

        var response = await client.PostAsync("/write?db=sensors", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("body is not valid gzip", await ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_MissingDb_400()
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync("/write", Lines("m v=1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("database is required", await ErrorOf(response));
    }

    [Theory]
    [InlineData("/write?db=sensors&precision=sec", "invalid precision \"sec\"")]
    [InlineData("/write?db=no%20spaces", "is not a feed name")]
    public async Task Write_BadParameters_400(string url, string expected)
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync(url, Lines("m v=1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_UnknownContentEncoding_415()
    {
        using var client = _app.CreateClient();
        using var content = Lines("m v=1");
        content.Headers.ContentEncoding.Add("br");

        var response = await client.PostAsync("/write?db=sensors", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task Ping_AnyClient_204WithInfluxVersionHeader(string method)
    {
        using var client = _app.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/ping"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.8.10", Assert.Single(response.Headers.GetValues("X-Influxdb-Version")));
    }

    [Fact]
    public async Task Write_EmptyBody_204()
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync("/write?db=sensors", Lines(""));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Write_ManyLines_AllCounted()
    {
        using var client = _app.CreateClient();
        var stats = _app.Services.GetRequiredService<FeedStats>();
        var before = stats.For("bulk").Accepted;
        var now = Nanoseconds(DateTimeOffset.UtcNow.AddMinutes(-1));
        var body = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"atcs,intersection=bulk-{i % 6} vehicles={i}i {now + i}"));

        var response = await client.PostAsync("/write?db=bulk", Lines(body));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(before + 5000, stats.For("bulk").Accepted);
        Assert.Empty(stats.For("bulk").RejectedByReason);
    }
}
