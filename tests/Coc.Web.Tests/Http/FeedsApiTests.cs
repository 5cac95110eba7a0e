using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;

namespace Coc.Web.Tests.Http;

/// <summary>GET /api/feeds: per-feed counters, and on the complaints feed what the aggregator did with the events.</summary>
public sealed class FeedsApiTests : IClassFixture<CocAppFactory>
{
    private readonly CocAppFactory _app;

    public FeedsApiTests(CocAppFactory app) => _app = app;

    [Fact]
    public async Task Get_AfterComplaintEventsWithDuplicate_ComplaintsFeedCarriesAggregatorCounters()
    {
        using var writer = _app.CreateClient(); // the ingest key
        using var client = _app.CreateBasicClient(Coc.Web.Security.CocRoles.Operator);
        var ts = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture);
        var events = $$"""
            [
              {"source": "sikesal", "id": "api-feeds-1", "ts": "{{ts}}", "status": "new", "category": "sampah", "district": "jelutung"},
              {"source": "sikesal", "id": "api-feeds-1", "ts": "{{ts}}", "status": "new", "category": "sampah", "district": "jelutung"}
            ]
            """;
        using (var posted = await writer.PostAsync("/api/ingest/complaints", new StringContent(events, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.NoContent, posted.StatusCode);
        }
        using (var posted = await writer.PostAsync("/api/ingest/atcs", new StringContent("""{"intersection": "simpang-api-feeds", "vehicles": 3}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.NoContent, posted.StatusCode);
        }

        // Feeds appear once the pump has counted their samples, a moment after the 204.
        JsonElement feeds = default;
        await Eventually.TrueAsync(async () =>
        {
            feeds = await client.GetFromJsonAsync<JsonElement>("/api/feeds");
            return Find(feeds, "complaints") is not null && Find(feeds, "atcs") is not null;
        }, "the complaints and atcs feeds on /api/feeds");

        var complaints = Find(feeds, "complaints")!.Value.GetProperty("complaints");
        Assert.Equal(1, complaints.GetProperty("eventsApplied").GetInt64());
        Assert.Equal(1, complaints.GetProperty("duplicates").GetInt64());
        Assert.Equal(0, complaints.GetProperty("stale").GetInt64());
        Assert.Equal(0, complaints.GetProperty("refused").GetInt64());
        Assert.Equal(0, complaints.GetProperty("evictedEarly").GetInt64());
        Assert.Equal(1, complaints.GetProperty("tracked").GetInt64());
        Assert.Equal(JsonValueKind.Null, Find(feeds, "atcs")!.Value.GetProperty("complaints").ValueKind);
    }

    private static JsonElement? Find(JsonElement feeds, string feed) =>
        feeds.EnumerateArray().Where(f => f.GetProperty("feed").GetString() == feed).Select(f => (JsonElement?)f).FirstOrDefault();

    [Fact]
    public async Task GetStore_EmbeddedBackend_ReportsItReachable()
    {
        using var client = _app.CreateBasicClient(Coc.Web.Security.CocRoles.Operator);

        var store = await client.GetFromJsonAsync<JsonElement>("/api/store");

        Assert.Equal("embedded", store.GetProperty("backend").GetString());
        Assert.True(store.GetProperty("reachable").GetBoolean());
        Assert.Equal(0, store.GetProperty("droppedSpoolFull").GetInt64());
    }
}
