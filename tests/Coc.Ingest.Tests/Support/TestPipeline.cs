using Coc.Core.Ingest;
using Coc.Core.Live;
using Coc.Ingest.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Tests.Support;

/// <summary>The real ingest queue, pump, live state and store writer wired by hand around a <see cref="RecordingStore"/>.</summary>
internal sealed class TestPipeline : IAsyncDisposable
{
    public TestPipeline(RecordingStore store, IngestOptions options, TimeProvider? time = null, ILiveFanOut? fanOut = null)
    {
        var o = Options.Create(options);
        time ??= TimeProvider.System;
        Store = store;
        Live = new LiveState(options.LiveWindowPoints);
        Queue = new IngestQueue(o, Stats, time, NullLogger<IngestQueue>.Instance);
        Writer = new StoreWriter(store, Metrics, o, time, NullLogger<StoreWriter>.Instance);
        Pump = new IngestPump(Queue, Live, Writer, Metrics, o, fanOut ?? new NoLiveFanOut());
    }

    public RecordingStore Store { get; }

    public FeedStats Stats { get; } = new();

    public IngestMetrics Metrics { get; } = new();

    public LiveState Live { get; }

    public IngestQueue Queue { get; }

    public StoreWriter Writer { get; }

    public IngestPump Pump { get; }

    public async Task StartAsync()
    {
        await Writer.StartAsync(CancellationToken.None);
        await Pump.StartAsync(CancellationToken.None);
    }

    /// <summary>Built by the container, so the check gets whatever pipeline parts its constructor asks for.</summary>
    public Task<HealthCheckResult> CheckHealthAsync()
    {
        using var services = new ServiceCollection()
            .AddSingleton(Metrics).AddSingleton(Queue).AddSingleton(Writer).AddSingleton(Live).AddSingleton(Stats)
            .BuildServiceProvider();
        var check = ActivatorUtilities.CreateInstance<IngestHealthCheck>(services);
        return check.CheckHealthAsync(new HealthCheckContext());
    }

    public async ValueTask DisposeAsync()
    {
        // A closed gate would hold the writer's shutdown flush forever.
        Store.OpenGate();
        await Pump.StopAsync(CancellationToken.None);
        await Writer.StopAsync(CancellationToken.None);
        Pump.Dispose();
        Writer.Dispose();
    }
}
