using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Coc.Ingest.Pull;
using Microsoft.Extensions.Options;

// Beside AddCocIngest, which calls it, so no using is needed there.
namespace Coc.Ingest;

public static class PullServiceCollectionExtensions
{
    /// <summary>The pull door: options (<c>Coc:Pull</c>), their validator, the poller as a hosted service and health check "pull".</summary>
    public static IServiceCollection AddCocPull(this IServiceCollection services)
    {
        services.AddOptions<PullOptions>().BindConfiguration(PullOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PullOptions>, PullOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PullPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<PullPoller>());
        services.AddHealthChecks().AddCheck<PullPoller>("pull");
        return services;
    }
}
