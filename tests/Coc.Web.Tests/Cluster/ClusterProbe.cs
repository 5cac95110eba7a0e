using System.Text;
using System.Text.Json;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Tests.Shared;
using Coc.Web.Cluster;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Cluster;

/// <summary>What the cluster tests do to and read from a server: write line protocol, read /health, wait for the live fan-out.</summary>
internal static class ClusterProbe
{
    /// <summary>
    /// Waits until each server hears the others: a probe sample written to each reaches every other
    /// live state. Subscriptions are made in the background at start, so "started" is not "joined".
    /// </summary>
    public static async Task WaitUntilJoinedAsync(params ClusterAppFactory[] servers)
    {
        foreach (var from in servers)
        {
            var probe = SeriesKey.Create("cluster_probe", "value", ("from", from.ServerId));
            var round = 0;
            await Eventually.TrueAsync(async () =>
            {
                // A fresh value each try: a sample published before the others subscribed is gone for good.
                round++;
                await WriteAsync(from, $"cluster_probe,from={from.ServerId} value={round}");
                return servers.Where(s => s != from).All(s => Live(s).Get(probe) is not null);
            }, $"{from.ServerId}'s samples to reach the other servers", TimeSpan.FromSeconds(30));
        }
    }

    public static LiveState Live(ClusterAppFactory server) => server.Services.GetRequiredService<LiveState>();

    public static RedisLiveFanOut FanOut(ClusterAppFactory server) => server.Services.GetRequiredService<RedisLiveFanOut>();

    /// <summary>Posts line protocol to /write with the ingest key; fails the test unless it is taken whole.</summary>
    public static async Task WriteAsync(ClusterAppFactory server, string lines)
    {
        using var client = server.CreateWriter();
        using var response = await client.PostAsync("/write?db=cluster", new StringContent(lines, Encoding.UTF8, "text/plain"));
        Assert.True(response.IsSuccessStatusCode, $"{server.ServerId} /write answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The <c>cluster</c> entry of /health: its status and description.</summary>
    public static async Task<(string Status, string Description)> ClusterHealthAsync(ClusterAppFactory server)
    {
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        // The checks' detail is for operators (anonymous callers see only the overall status).
        client.DefaultRequestHeaders.Authorization = CocAppFactory.BasicFor(Coc.Web.Security.CocRoles.Operator);
        using var document = JsonDocument.Parse(await client.GetStringAsync("/health"));
        var cluster = document.RootElement.GetProperty("checks").GetProperty("cluster");
        return (cluster.GetProperty("status").GetString()!, cluster.GetProperty("description").GetString()!);
    }
}
