using Coc.Core.Alarms;
using Coc.Core.Ingest;
using Coc.Storage.Alarms;
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
        services.AddOptions<AlarmJournalOptions>().BindConfiguration(AlarmOptions.Section + ":Journal");
        // Before the evaluator: hosted services stop in reverse order, so the journal flushes after the engine stops.
        services.AddCocAlarmJournal(sp => Path.GetFullPath(sp.GetRequiredService<IOptions<AlarmOptions>>().Value.DatabasePath,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.TryAddSingleton(sp =>
        {
            var feeds = sp.GetRequiredService<FeedStats>();
            // Looked up, not FeedStats.For: asking about a feed must not make it appear on /feeds.
            return new AlarmEngine(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IAlarmJournal>(),
                feed => feeds.Feeds.FirstOrDefault(f => f.Feed == feed)?.LastSampleAt,
                sp.GetRequiredService<IOptions<AlarmOptions>>().Value.MaxInstances);
        });
        services.TryAddSingleton<IAlarmBoard>(sp => sp.GetRequiredService<AlarmEngine>());
        services.TryAddSingleton<AlarmEvaluator>();
        services.AddHostedService(sp => sp.GetRequiredService<AlarmEvaluator>());
        // After the evaluator has restored the open alarms, so a replayed acknowledgement finds them.
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<AlarmAckSharing>(sp,
            sp.GetService<Coc.Web.Cluster.IClusterState>() ?? new Coc.Web.Cluster.LocalClusterState()));
        services.AddHealthChecks().AddCheck<AlarmHealthCheck>("alarms");
        return services;
    }
}
