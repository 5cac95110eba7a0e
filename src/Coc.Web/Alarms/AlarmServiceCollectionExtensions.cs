using Coc.Core.Ingest;
using Coc.Core.Live;
using Coc.Web.Alarms;
using Coc.Web.Layouts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// In Coc.Web, beside AddCocWeb, so registering it there is one line without a using.
namespace Coc.Web;

public static class AlarmServiceCollectionExtensions
{
    /// <summary>The interim active-alarm source (threshold levels and feed health) behind <see cref="IActiveAlarms"/>.</summary>
    public static IServiceCollection AddCocAlarms(this IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            var store = sp.GetRequiredService<WallLayoutStore>();
            // Read the store's walls on every pass, so a reload is seen without re-registering.
            return new ThresholdAlarms(() => store.Walls, sp.GetRequiredService<LiveState>(), sp.GetRequiredService<FeedStats>(),
                sp.GetRequiredService<IOptions<FeedsOptions>>(), sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<IActiveAlarms>(sp => sp.GetRequiredService<ThresholdAlarms>());
        return services;
    }
}
