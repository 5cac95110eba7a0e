using Coc.Core.Complaints;
using Coc.Core.Ingest;
using Coc.Core.Ingest.LineProtocol;
using Coc.Core.Live;
using Coc.Ingest.Complaints;
using Coc.Ingest.Http;
using Coc.Ingest.Mqtt;
using Coc.Ingest.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coc.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>The embedded broker, the MQTT ingest client, the ingest queue and pump, live state and the store writer.</summary>
    public static IHostApplicationBuilder AddCocIngest(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.Section).ValidateOnStart();
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>());
        services.AddOptions<ComplaintOptions>().BindConfiguration(ComplaintOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ComplaintOptions>, ComplaintOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new FeedStats());
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
            return new LiveState(o.LiveWindowPoints, o.LiveMaxSeries);
        });
        services.TryAddSingleton<IngestMetrics>();
        services.TryAddSingleton<IngestQueue>();
        services.TryAddSingleton<ILiveFanOut, NoLiveFanOut>(); // a cluster host replaces it
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ComplaintOptions>>().Value;
            return new ComplaintAggregator(sp.GetRequiredService<TimeProvider>(), o.MaxTrackedComplaints, TimeSpan.FromHours(o.RetainClosedHours));
        });
        services.TryAddSingleton(sp => new RecentComplaints(sp.GetRequiredService<TimeProvider>())); // the wall's complaint ticker
        services.TryAddSingleton<ComplaintIngest>();
        services.TryAddSingleton<MqttMessageIngest>();

        services.AddOptions<LineProtocolOptions>().BindConfiguration(LineProtocolOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LineProtocolOptions>, LineProtocolOptionsValidator>());
        services.TryAddSingleton(sp => new LineProtocolParser(sp.GetRequiredService<IOptions<LineProtocolOptions>>().Value.MaxLineBytes));
        services.AddOptions<IngestKeyOptions>().BindConfiguration(IngestKeyOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestKeyOptions>, IngestKeyOptionsValidator>());
        services.TryAddSingleton<IIngestAuthorizer, IngestKeyAuthorizer>();
        services.TryAddSingleton<IngestRateLimiter>();

        // Order matters: the broker starts before the client that connects to it, and the
        // store writer stops after the pump that feeds it (hosted services stop in reverse).
        AddHosted<StoreWriter>(services);
        AddHosted<IngestPump>(services);
        AddHosted<ComplaintRefresher>(services);
        AddHosted<EmbeddedBroker>(services);
        AddHosted<MqttIngestClient>(services);
        services.AddCocPull(); // registered after the pump, so it stops before it

        services.AddHealthChecks()
            .AddCheck<EmbeddedBroker>("mqtt-broker")
            .AddCheck<MqttIngestClient>("mqtt-ingest")
            .AddCheck<IngestHealthCheck>("ingest");
        return builder;
    }

    private static void AddHosted<T>(IServiceCollection services) where T : class, IHostedService
    {
        services.TryAddSingleton<T>();
        services.AddHostedService(sp => sp.GetRequiredService<T>());
    }
}
