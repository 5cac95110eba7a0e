using System.Diagnostics;

namespace Coc.Bench;

/// <summary>
/// Coc's side of the ingest bench: the <see cref="IngestPublishers"/> load against Coc's embedded
/// broker, watching /health until every sample is in the store. Also notes when the last PUBACK came:
/// the embedded broker acknowledges a publish only once Coc has queued it, so that is the rate at
/// which Coc releases the publishers, not the broker's own rate (the bare broker gives that, see
/// <see cref="BareBrokerBench"/>).
/// </summary>
public sealed class IngestBench(BenchOptions options, AppProcess app, bool lineProtocol, TextWriter output)
{
    public async Task<IngestResult> RunAsync(CancellationToken cancellationToken)
    {
        using var probe = new HealthProbe(app.HttpBase);
        var baseline = await probe.ReadAsync(cancellationToken);
        await using var publishers = await IngestPublishers.ConnectAsync(options, app.MqttPort, "bench-ingest", lineProtocol, cancellationToken);
        var targetSamples = (long)options.Messages * options.Fields;
        output.WriteLine($"  ingest into Coc: {publishers.Describe()}");

        var publishingDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = new StoreWatch(probe, baseline, targetSamples, TimeSpan.FromSeconds(options.StoreTimeoutSeconds));
        var cpu = new CpuMeter(app.CpuTime);
        var start = Stopwatch.GetTimestamp();
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = watch.RunAsync(start, publishingDone.Task, stopWatching.Token);
        PublishSummary published;
        try
        {
            published = await publishers.RunAsync(cancellationToken);
        }
        catch
        {
            // A failed publisher ends the run: the watch must not sit out its timeout.
            await stopWatching.CancelAsync();
            await watching.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        finally
        {
            publishingDone.TrySetResult();
        }
        // While publishing is when both processes are busy; the store watch's tail is mostly waiting.
        var cpuWhilePublishing = cpu.Stop();
        var store = await watching;

        return new IngestResult(
            options.Messages,
            options.Fields,
            published.Acked,
            published.Failed,
            published.FirstError,
            Stopwatch.GetElapsedTime(start, published.LastAckAt).TotalSeconds,
            store,
            cpuWhilePublishing,
            options.IngestRate);
    }
}
