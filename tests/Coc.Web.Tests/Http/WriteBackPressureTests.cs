using System.Net;
using Coc.Core.Ingest;
using Coc.Ingest.Pipeline;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Http;

/// <summary>A small ingest queue, quick to fill once its pump is stopped.</summary>
public sealed class SmallQueueAppFactory : CocAppFactory
{
    public const int QueueCapacity = 10;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
    [
        new("Coc:Ingest:QueueCapacity", QueueCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Coc:LineProtocol:QueueTimeoutMs", "50"),
        new("Coc:LineProtocol:RetryAfterSeconds", "7"),
    ];
}

public sealed class WriteBackPressureTests : IClassFixture<SmallQueueAppFactory>
{
    private readonly SmallQueueAppFactory _app;

    public WriteBackPressureTests(SmallQueueAppFactory app) => _app = app;

    [Fact]
    public async Task Write_QueueFull_503WithRetryAfterAndNothingCounted()
    {
        using var client = _app.CreateClient();
        await _app.Services.GetRequiredService<IngestPump>().StopAsync(CancellationToken.None);
        var queue = _app.Services.GetRequiredService<IngestQueue>();
        var stats = _app.Services.GetRequiredService<FeedStats>();
        // Other producers (the complaint refresher) may take slots too: send until the queue answers no.
        var sent = 0;
        while (sent <= SmallQueueAppFactory.QueueCapacity
            && (await client.PostAsync("/write?db=sensors", new StringContent($"m,sensor=bp v={sent}"))).StatusCode == HttpStatusCode.NoContent)
        {
            sent++;
        }
        Assert.True(queue.Depth >= SmallQueueAppFactory.QueueCapacity, $"queue depth {queue.Depth} after {sent} writes");
        var countedBefore = stats.For("sensors").Accepted;

        // Nobody reads the queue any more: this one is turned away before it is counted.
        var response = await client.PostAsync("/write?db=sensors", new StringContent("m,sensor=bp v=99"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("7", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal(countedBefore, stats.For("sensors").Accepted);
    }
}
