using System.Net;
using System.Text;
using System.Text.Json;
using Coc.Core.Ingest;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Http;

/// <summary>The JSON webhooks, POST /api/ingest/{feed}: the MQTT payloads over HTTP, refusals as RFC 7807 problem details.</summary>
public sealed class JsonIngestTests : IClassFixture<CocAppFactory>
{
    private readonly CocAppFactory _app;

    public JsonIngestTests(CocAppFactory app) => _app = app;

    private async Task<HttpResponseMessage> PostAsync(string feed, string json, bool withKey = true)
    {
        using var client = _app.CreateClient();
        if (!withKey)
        {
            client.DefaultRequestHeaders.Authorization = null;
        }
        return await client.PostAsync($"/api/ingest/{feed}", new StringContent(json, Encoding.UTF8, "application/json"));
    }

    private LiveState Live => _app.Services.GetRequiredService<LiveState>();

    [Fact]
    public async Task Post_SensorObject_204AndValueLive()
    {
        using var response = await PostAsync("sensors", """{"kind": "water_level", "sensor": "pos-webhook", "ts": "2026-11-23T03:00:00Z", "value": 12.75}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        // 204 means queued: the pump applies it a moment later.
        await Eventually.TrueAsync(() => Live.Get(SeriesKey.Create("water_level", "value", ("sensor", "pos-webhook")))?.Latest?.Value == 12.75, "the value live");
    }

    [Fact]
    public async Task Post_ArrayWithBadItems_400ProblemNamingItemAndFieldAndGoodItemsKept()
    {
        using var response = await PostAsync("atcs", """
            [
              {"intersection": "simpang-webhook", "vehicles": 33, "queue_m": 20},
              {"intersection": "simpang-webhook-2", "vehicles": "banyak"},
              {"vehicles": 5}
            ]
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal(2, errors.Length);
        Assert.Equal(1, errors[0].GetProperty("item").GetInt32());
        Assert.Equal(RejectReason.NonNumericValue, errors[0].GetProperty("reason").GetString());
        Assert.Contains("vehicles", errors[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, errors[1].GetProperty("item").GetInt32());
        Assert.Contains("intersection", errors[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Live.Get(SeriesKey.Create("atcs", "vehicles", ("intersection", "simpang-webhook")))?.Latest?.Value == 33, "the good item live");
    }

    [Fact]
    public async Task Post_EtleViolation_TypeBecomesATag()
    {
        using var response = await PostAsync("etle", """{"camera": "etle-webhook", "violations": 7, "type": "helm"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Eventually.TrueAsync(() => Live.Get(SeriesKey.Create("etle", "violations", ("camera", "etle-webhook"), ("type", "helm")))?.Latest?.Value == 7, "the violation count live");
    }

    [Fact]
    public async Task Post_ComplaintEvent_AggregatedIntoTheBacklog()
    {
        using var response = await PostAsync("complaints", """{"source": "sikesal", "id": "wh-1", "ts": "2026-11-23T02:00:00Z", "status": "new", "category": "sampah", "district": "jelutung"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var key = SeriesKey.Create("complaints_open", "count", ("source", "sikesal"), ("category", "sampah"));
        await Eventually.TrueAsync(() => Live.Get(key)?.Latest?.Value >= 1, "the open backlog of sampah");
    }

    [Fact]
    public async Task Post_UnknownFeed_404Problem()
    {
        using var response = await PostAsync("cuaca", """{"value": 1}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("cuaca", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NotJson_400Problem()
    {
        using var response = await PostAsync("sensors", "{kind: water_level");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not JSON", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutKey_401()
    {
        using var response = await PostAsync("sensors", """{"kind": "pm25", "sensor": "x", "value": 1}""", withKey: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
