using Coc.Core.Alarms;
using Coc.Core.Ingest;
using Coc.Web.Alarms;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// In Coc.Web, beside AddCocWeb, so registering it there is one line without a using.
namespace Coc.Web;

public static class AlarmServiceCollectionExtensions
{
    /// <summary>The alarm rules (alarm-rules/), the engine behind <see cref="IAlarmBoard"/>, its SQLite journal and the evaluator.</summary>
    public static IServiceCollection AddCocAlarms(this IServiceCollection services)
    {
        services.AddOptions<AlarmOptions>().BindConfiguration(AlarmOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlarmOptions>, AlarmOptionsValidator>());
        services.TryAddSingleton<AlarmRuleStore>();
        services.AddCocAlarmJournal(sp => sp.GetRequiredService<IOptions<AlarmOptions>>().Value
            .ResolveDatabasePath(sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.TryAddSingleton(sp =>
        {
            var feeds = sp.GetRequiredService<FeedStats>();
            return new AlarmEngine(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IAlarmJournal>(),
                feed => feeds.Feeds.FirstOrDefault(f => f.Feed == feed)?.LastSampleAt);
        });
        services.TryAddSingleton<IAlarmBoard>(sp => sp.GetRequiredService<AlarmEngine>());
        services.TryAddSingleton<AlarmEvaluator>();
        services.AddHostedService(sp => sp.GetRequiredService<AlarmEvaluator>());
        // After the evaluator has restored the open alarms, so a replayed acknowledgement finds them.
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<AlarmAckSharing>(sp,
            sp.GetService<Coc.Web.Cluster.IClusterState>() ?? new Coc.Web.Cluster.LocalClusterState()));
        return services;
    }
}
