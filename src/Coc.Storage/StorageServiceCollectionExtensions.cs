using Coc.Storage.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coc.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ITimeSeriesStore"/> (the embedded store), its options and the "store" health check.</summary>
    public static IHostApplicationBuilder AddCocStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITimeSeriesStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new EmbeddedTimeSeriesStore(
                options.ResolveDataPath(sp.GetRequiredService<IHostEnvironment>().ContentRootPath),
                options.RetentionDays,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<EmbeddedTimeSeriesStore>>());
        });

        // A second call must not add a second check of the same name: health checks would refuse to run.
        if (!services.Any(d => d.ServiceType == typeof(StoreHealthCheck)))
        {
            services.AddSingleton<StoreHealthCheck>();
            services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        }
        return builder;
    }
}
