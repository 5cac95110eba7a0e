using Coc.Ingest.Pipeline;
using Coc.Ingest.Pull;
using Coc.Core.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Tests.Pull;

/// <summary>AddCocPull as the app calls it: configuration bound and checked, one poller that is the hosted service and the "pull" check.</summary>
public sealed class PullRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSingleton(new FeedStats())
            .AddSingleton<IngestQueue>();
        services.AddOptions<IngestOptions>();
        services.AddCocPull();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddCocPull_ConfiguredSource_BindsItAndRegistersOnePollerAsHostedServiceAndHealthCheck()
    {
        await using var services = Build(new()
        {
            ["Coc:Pull:Sources:0:Name"] = "bmkg-cuaca",
            ["Coc:Pull:Sources:0:Url"] = "https://api.example.go.id/publik/prakiraan-cuaca?adm4=15.71.01.1001",
            ["Coc:Pull:Sources:0:IntervalSeconds"] = "900",
            ["Coc:Pull:Sources:0:Headers:X-Api-Key"] = "kunci",
            ["Coc:Pull:Sources:0:Measurement"] = "weather",
            ["Coc:Pull:Sources:0:Items"] = "$.data[0].cuaca[0]",
            ["Coc:Pull:Sources:0:Tags:kelurahan"] = "$.lokasi.desa",
            ["Coc:Pull:Sources:0:Fields:temperature_c"] = "t",
            ["Coc:Pull:Sources:0:Fields:humidity_pct"] = "hu",
            ["Coc:Pull:Sources:0:Timestamp"] = "utc_datetime",
        });

        var source = Assert.Single(services.GetRequiredService<IOptions<PullOptions>>().Value.Sources);
        var poller = services.GetRequiredService<PullPoller>();

        Assert.Equal(900, source.IntervalSeconds);
        Assert.Equal(10, source.TimeoutSeconds);
        Assert.Equal("kunci", source.Headers["X-Api-Key"]);
        Assert.Equal(["humidity_pct", "temperature_c"], source.Fields.Keys.Order());
        // (The other hosted service is the health checks' publisher.)
        Assert.Same(poller, Assert.Single(services.GetServices<IHostedService>().OfType<PullPoller>()));
        Assert.Contains(services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations, r => r.Name == "pull");
        var status = Assert.Single(poller.Status());
        Assert.Equal("https://api.example.go.id/publik/prakiraan-cuaca", status.Url);
        Assert.Equal(0, status.Polls);
    }

    [Fact]
    public async Task AddCocPull_InvalidSource_OptionsFailNamingTheKey()
    {
        await using var services = Build(new()
        {
            ["Coc:Pull:Sources:0:Name"] = "sungai",
            ["Coc:Pull:Sources:0:Url"] = "http://127.0.0.1/x",
            ["Coc:Pull:Sources:0:Measurement"] = "water_level",
            ["Coc:Pull:Sources:0:Fields:level"] = "$.a[x]",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PullOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.StartsWith("Coc:Pull:Sources:0:Fields:level '$.a[x]' has a bad index", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddCocPull_NoConfiguration_NoSources()
    {
        await using var services = Build([]);

        Assert.Empty(services.GetRequiredService<IOptions<PullOptions>>().Value.Sources);
        Assert.Empty(services.GetRequiredService<PullPoller>().Status());
    }
}
