using Coc.Tests.Shared;
using Coc.Storage.Embedded;
using Coc.Storage.Influx;
using Coc.Storage.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coc.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempFolder _contentRoot = new();

    public void Dispose() => _contentRoot.Dispose();

    [Fact]
    public async Task AddCocStorage_RelativeDataPath_OpensEmbeddedStoreUnderContentRoot()
    {
        using var host = Build(("Coc:Storage:DataPath", "history"));
        await host.StartAsync();

        var store = Assert.IsType<EmbeddedTimeSeriesStore>(host.Services.GetRequiredService<ITimeSeriesStore>());

        Assert.Equal(Path.Combine(_contentRoot.Path, "history"), store.DataPath);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddCocStorage_UnknownBackend_FailsOnStart()
    {
        using var host = Build(("Coc:Storage:Backend", "cassandra"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("'embedded' or 'influxdb'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCocStorage_InfluxBackend_OpensInfluxStoreWithSpoolUnderContentRootAndInfluxCheck()
    {
        using var host = Build(("Coc:Storage:Backend", "influxdb"), ("Coc:Storage:Influx:Url", "http://127.0.0.1:9"), ("Coc:Storage:Influx:SpoolPath", "spool"));
        await host.StartAsync();

        var store = Assert.IsType<InfluxTimeSeriesStore>(host.Services.GetRequiredService<ITimeSeriesStore>());
        var status = host.Services.GetRequiredService<IStoreStatus>().Snapshot();
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Same(store, host.Services.GetRequiredService<IStoreStatus>());
        Assert.Equal("influxdb", status.Backend);
        Assert.True(Directory.Exists(Path.Combine(_contentRoot.Path, "spool")));
        Assert.Equal(HealthStatus.Healthy, report.Entries["influx"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["store"].Status);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddCocStorage_InfluxBackendWithBadUrl_FailsOnStartNamingTheKey()
    {
        using var host = Build(("Coc:Storage:Backend", "influxdb"), ("Coc:Storage:Influx:Url", "x"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Coc:Storage:Influx:Url must be an absolute http or https URL, got 'x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCocStorage_EmbeddedBackend_StatusSaysEmbeddedAndNoInfluxCheck()
    {
        using var host = Build();

        Assert.Equal(StoreStatus.Embedded, host.Services.GetRequiredService<IStoreStatus>().Snapshot());
        Assert.DoesNotContain(host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations, r => r.Name == "influx");
    }

    [Fact]
    public async Task AddCocStorage_WritableDataFolder_StoreHealthCheckHealthy()
    {
        using var host = Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["store"].Status);
    }

    [Fact]
    public async Task AddCocStorage_CalledTwice_RegistersOneHealthCheck()
    {
        var builder = CreateBuilder();
        builder.AddCocStorage().AddCocStorage();
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Single(report.Entries);
    }

    private IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = CreateBuilder(settings);
        builder.AddCocStorage();
        return builder.Build();
    }

    private HostApplicationBuilder CreateBuilder(params (string Key, string Value)[] settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot.Path, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        return builder;
    }
}
