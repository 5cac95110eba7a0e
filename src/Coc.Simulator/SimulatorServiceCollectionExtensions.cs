using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coc.Simulator;

public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in simulator: options from <c>Coc:Simulator</c> (validated at start),
    /// and <see cref="SimulatorHostedService"/> as a singleton others can read, forwarded as the hosted service.
    /// </summary>
    public static IHostApplicationBuilder AddCocSimulator(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SimulatorOptions>()
            .BindConfiguration(SimulatorOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SimulatorHostedService>();
        // AddHostedService uses TryAddEnumerable: calling AddCocSimulator twice still runs one simulator.
        services.AddHostedService(sp => sp.GetRequiredService<SimulatorHostedService>());
        return builder;
    }
}
