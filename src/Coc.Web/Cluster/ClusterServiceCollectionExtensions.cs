using Coc.Ingest.Pipeline;
using Coc.Web.Hub;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Coc.Web.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Several servers behind one wall (<c>Coc:Cluster</c>): live fan-out, shared scene choices and the
    /// /hubs/live backplane over Redis. Decided when the services are built, from the bound options,
    /// so configuration from any source counts; without Redis everything stays in-process.
    /// </summary>
    public static IHostApplicationBuilder AddCocCluster(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ClusterOptions>, ClusterOptionsDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClusterIdentity>();
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<RedisLiveFanOut>();
        services.TryAddSingleton<RedisClusterState>();

        services.Replace(ServiceDescriptor.Singleton<ILiveFanOut>(sp =>
            Enabled(sp) ? sp.GetRequiredService<RedisLiveFanOut>() : new NoLiveFanOut()));
        services.TryAddSingleton<IClusterState>(sp =>
            Enabled(sp) ? sp.GetRequiredService<RedisClusterState>() : new LocalClusterState());
        services.AddSingleton<IHostedService>(sp => Enabled(sp) ? sp.GetRequiredService<RedisClusterState>() : Idle.Instance);
        services.AddSingleton<IHostedService>(sp => Enabled(sp) ? sp.GetRequiredService<RedisLiveFanOut>() : Idle.Instance);

        // The backplane serves /hubs/live only. Blazor's own hub (the wall's circuits) keeps the
        // in-process manager: circuits are sticky to their server and need nothing from the others.
        services.AddSingleton<HubLifetimeManager<LiveHub>>(sp => Enabled(sp)
            ? ActivatorUtilities.CreateInstance<ClusterHubLifetimeManager<LiveHub>>(sp)
            : ActivatorUtilities.CreateInstance<DefaultHubLifetimeManager<LiveHub>>(sp));

        services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        return builder;
    }

    private static bool Enabled(IServiceProvider sp) => sp.GetRequiredService<IOptions<ClusterOptions>>().Value.Enabled;

    /// <summary>Stands in for the Redis services' hosted part on a single server.</summary>
    private sealed class Idle : IHostedService
    {
        public static readonly Idle Instance = new();

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
