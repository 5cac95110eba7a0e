using Coc.Tests.Shared;
using Coc.Storage.Embedded;
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
        using var host = Build(("Coc:Storage:Backend", "influxdb"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("only 'embedded'", error.Message, StringComparison.Ordinal);
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
