using System.Net;
using System.Text;
using Coc.Web.Tests.Support;

namespace Coc.Web.Tests.Http;

/// <summary>One key cannot flood the doors: over its rate it gets 429 with Retry-After, at once.</summary>
public sealed class IngestRateLimitTests : IClassFixture<IngestRateLimitTests.SlowKeyApp>
{
    private readonly SlowKeyApp _app;

    public IngestRateLimitTests(SlowKeyApp app) => _app = app;

    public const string SecondKey = "kunci-kedua-71aa";

    /// <summary>One request per second per key, bursts of two; a second key so each case starts with a full bucket.</summary>
    public sealed class SlowKeyApp : CocAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Coc:IngestKeys:RequestsPerSecond", "1"),
            new("Coc:IngestKeys:Keys:1:Name", "second"),
            new("Coc:IngestKeys:Keys:1:KeyHash", Coc.Core.Security.SecretHash.Hash(SecondKey, iterations: 1_000)),
            new("Coc:IngestKeys:Keys:1:Feeds:0", "*"),
        ];
    }

    [Theory]
    [InlineData("/write?db=sensors", "water_level,sensor=rate-test value=1", "text/plain", CocAppFactory.IngestKey)]
    [InlineData("/api/ingest/sensors", """{"kind": "water_level", "sensor": "rate-test", "value": 1}""", "application/json", SecondKey)]
    public async Task Post_OverTheKeysRate_429WithRetryAfterAndTheBurstStillServed(string path, string body, string contentType, string key)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Remove("Authorization");
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Token " + key);
        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;

        // Ten quick requests against a burst of two refilled by one a second: most must be refused.
        for (var i = 0; i < 10; i++)
        {
            using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter ??= response.Headers.RetryAfter?.ToString();
            }
        }

        Assert.Equal(HttpStatusCode.NoContent, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.NoContent), 1, 5);
        Assert.False(string.IsNullOrEmpty(retryAfter));
    }
}
