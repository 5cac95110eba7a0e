using Coc.Tests.Shared;
using Coc.Core.Ingest;
using Coc.Core.Live;
using Coc.Ingest.Mqtt;
using Coc.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coc.Ingest.Tests.Support;

/// <summary>A generic host with <c>AddCocIngest()</c>, configured in memory, on a free loopback port.</summary>
internal sealed class IngestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private IngestHost(IHost host, int port, RecordingStore store)
    {
        _host = host;
        Port = port;
        Store = store;
    }

    public int Port { get; }

    public RecordingStore Store { get; }

    public IServiceProvider Services => _host.Services;

    public LiveState Live => Services.GetRequiredService<LiveState>();

    public FeedStats Stats => Services.GetRequiredService<FeedStats>();

    public EmbeddedBroker Broker => Services.GetRequiredService<EmbeddedBroker>();

    public MqttIngestClient Client => Services.GetRequiredService<MqttIngestClient>();

    public static IHost Build(IDictionary<string, string?> settings, RecordingStore store, ILoggerProvider? logs = null)
    {
        // No defaults: the machine's environment variables and appsettings must not reach the test.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        }
        builder.Services.AddSingleton<ITimeSeriesStore>(store);
        builder.AddCocIngest();
        return builder.Build();
    }

    /// <param name="embeddedBroker">True: Coc runs the broker; false: Coc subscribes to one already listening on <paramref name="port"/>.</param>
    /// <param name="logs">Receives every log line of the host, when given.</param>
    public static async Task<IngestHost> StartAsync(bool embeddedBroker = true, int? port = null, IDictionary<string, string?>? extra = null, ILoggerProvider? logs = null)
    {
        var brokerPort = port ?? FreePort.Next();
        var store = new RecordingStore();
        var settings = new Dictionary<string, string?>
        {
            ["Coc:Mqtt:EmbeddedBroker"] = embeddedBroker ? "true" : "false",
            ["Coc:Mqtt:Port"] = brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Coc:Mqtt:ClientId"] = "coc-ingest-test",
            // These tests are about the pipeline, not sign-in (EmbeddedBrokerTests cover that).
            ["Coc:Mqtt:AllowAnonymous"] = "true",
            // Reconnect attempts back off to at most this: keeps the reconnect test short.
            ["Coc:Mqtt:MaxReconnectDelayMs"] = "500",
            ["Coc:Ingest:StoreFlushIntervalMs"] = "20",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var host = Build(settings, store, logs);
        await host.StartAsync();
        return new IngestHost(host, brokerPort, store);
    }

    public async Task<HealthStatus> HealthAsync(string check) => (await HealthEntryAsync(check)).Status;

    /// <summary>One check's entry of the health report: status, description and data, as <c>/health</c> shows them.</summary>
    public async Task<HealthReportEntry> HealthEntryAsync(string check)
    {
        var report = await Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == check);
        return report.Entries[check];
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
