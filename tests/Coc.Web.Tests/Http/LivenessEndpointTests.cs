using System.Net;
using Coc.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coc.Web.Tests.Http;

/// <summary>The app with one extra health check that is always Unhealthy, as during a long InfluxDB outage.</summary>
public sealed class UnhealthyAppFactory : CocAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddHealthChecks()
            .AddCheck("always-unhealthy", () => HealthCheckResult.Unhealthy("history is being lost")));
    }
}

/// <summary>
/// /health/live is what the reverse proxy (deploy/haproxy.cfg) checks: a replica that serves HTTP stays in
/// rotation even while /health reports a trouble, which every replica would share.
/// </summary>
public sealed class LivenessEndpointTests : IClassFixture<UnhealthyAppFactory>
{
    private readonly UnhealthyAppFactory _app;

    public LivenessEndpointTests(UnhealthyAppFactory app) => _app = app;

    [Fact]
    public async Task GetLive_WhileHealthIsUnhealthy_Answers200()
    {
        using var client = _app.CreateClient();

        using var health = await client.GetAsync("/health");
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
    }
}
