using Coc.Core.Alarms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coc.Storage.Alarms;

public static class AlarmJournalServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteAlarmJournal"/> as itself and as <see cref="IAlarmJournal"/>, a hosted service that
    /// opens it at startup and flushes it at shutdown, and the "alarm-journal" health check.
    /// Options: <c>services.Configure&lt;AlarmJournalOptions&gt;(...)</c> or bind a configuration section to it.
    /// </summary>
    /// <param name="databasePath">The SQLite file, e.g. <c>{ContentRoot}/data/alarms.db</c>; its folder is created.</param>
    public static IServiceCollection AddCocAlarmJournal(this IServiceCollection services, Func<IServiceProvider, string> databasePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(databasePath);

        services.AddOptions<AlarmJournalOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SqliteAlarmJournal(
            databasePath(sp),
            sp.GetRequiredService<IOptions<AlarmJournalOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SqliteAlarmJournal>>()));
        services.TryAddSingleton<IAlarmJournal>(sp => sp.GetRequiredService<SqliteAlarmJournal>());

        // A second call must not add a second hosted service or a second check of the same name.
        if (!services.Any(d => d.ServiceType == typeof(AlarmJournalHealthCheck)))
        {
            services.AddSingleton<AlarmJournalHealthCheck>();
            services.AddHostedService<AlarmJournalHostedService>();
            services.AddHealthChecks().AddCheck<AlarmJournalHealthCheck>("alarm-journal");
        }
        return services;
    }
}
