using Coc.Storage.Embedded;
using Coc.Storage.Influx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coc.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ITimeSeriesStore"/> (the embedded store, or InfluxDB when <c>Coc:Storage:Backend</c>
    /// is "influxdb"), <see cref="IStoreStatus"/>, the options and the "store" health check (plus "influx").
    /// </summary>
    public static IHostApplicationBuilder AddCocStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(CreateStore);
        services.TryAddSingleton(sp => sp.GetRequiredService<ITimeSeriesStore>() as IStoreStatus ?? new EmbeddedStoreStatus());

        // A second call must not add a second check of the same name: health checks would refuse to run.
        if (!services.Any(d => d.ServiceType == typeof(StoreHealthCheck)))
        {
            services.AddSingleton<StoreHealthCheck>();
            var checks = services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
            // Decided from configuration, where the backend is chosen; the check is noise for the embedded store.
            if (string.Equals(builder.Configuration[$"{StorageOptions.SectionName}:Backend"], StorageOptions.InfluxBackend, StringComparison.OrdinalIgnoreCase))
            {
                checks.AddCheck<InfluxHealthCheck>("influx");
            }
        }
        return builder;
    }

    private static ITimeSeriesStore CreateStore(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        var contentRoot = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var time = sp.GetRequiredService<TimeProvider>();
        if (options.IsInflux)
        {
            return new InfluxTimeSeriesStore(options.Influx, options.Influx.ResolveSpoolPath(contentRoot), time,
                sp.GetRequiredService<ILogger<InfluxTimeSeriesStore>>());
        }
        return new EmbeddedTimeSeriesStore(options.ResolveDataPath(contentRoot), options.RetentionDays, time,
            sp.GetRequiredService<ILogger<EmbeddedTimeSeriesStore>>());
    }

    /// <summary>The embedded store has no server to reach and nothing to spool.</summary>
    private sealed class EmbeddedStoreStatus : IStoreStatus
    {
        public StoreStatus Snapshot() => StoreStatus.Embedded;
    }
}
