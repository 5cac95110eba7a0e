using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Coc.Bench;

/// <summary>
/// Publishes M messages of K fields as fast as the broker acknowledges them (QoS 1, a bounded window
/// of unacknowledged publishes per connection; or paced with --ingest-rate), and watches /health until
/// every sample is in the store.
/// The peer figure is the same publishers' rate into the broker (first publish → last PUBACK).
/// </summary>
public sealed class IngestBench(BenchOptions options, AppProcess app, TextWriter output)
{
    private const int SensorsPerPublisher = 100;
    private static readonly TimeSpan TailAckTimeout = TimeSpan.FromSeconds(60);

    public async Task<IngestResult> RunAsync(CancellationToken cancellationToken)
    {
        using var probe = new HealthProbe(app.HttpBase);
        var baseline = await probe.ReadAsync(cancellationToken);
        var factory = new MqttClientFactory();
        var clients = new List<IMqttClient>();
        try
        {
            for (var p = 0; p < options.Publishers; p++)
            {
                clients.Add(await BenchMqtt.ConnectAsync(factory, app.MqttPort, $"bench-ingest-{p}", cancellationToken));
            }
            var window = Math.Max(1, options.InFlight / options.Publishers);
            var targetSamples = (long)options.Messages * options.Fields;
            var pace = options.IngestRate > 0 ? $"paced at {options.IngestRate:N0} msg/s" : "unpaced";
            output.WriteLine($"  ingest: {options.Messages:N0} messages × {options.Fields} fields = {targetSamples:N0} samples, {options.Publishers} publishers, QoS 1, {window} in flight each, {pace}");

            var publishingDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var watch = new StoreWatch(probe, baseline, targetSamples, TimeSpan.FromSeconds(options.StoreTimeoutSeconds));
            var cpu = new CpuMeter(app);
            var start = Stopwatch.GetTimestamp();
            using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var watching = watch.RunAsync(start, publishingDone.Task, stopWatching.Token);
            PublisherOutcome[] outcomes;
            try
            {
                outcomes = await Task.WhenAll(clients.Select((c, p) => PublishAllAsync(c, p, window, cancellationToken)));
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

            var acked = outcomes.Sum(o => o.Acked);
            return new IngestResult(
                options.Messages,
                options.Fields,
                acked,
                outcomes.Sum(o => o.Failed),
                outcomes.Select(o => o.FirstError).FirstOrDefault(e => e is not null),
                Stopwatch.GetElapsedTime(start, outcomes.Max(o => o.LastAckAt)).TotalSeconds,
                store,
                cpuWhilePublishing,
                options.IngestRate);
        }
        finally
        {
            foreach (var client in clients)
            {
                await BenchMqtt.DisconnectQuietlyAsync(client);
            }
        }
    }

    /// <summary>Publishes messages p, p+P, p+2P… keeping at most <paramref name="window"/> awaiting PUBACK.</summary>
    private async Task<PublisherOutcome> PublishAllAsync(IMqttClient client, int publisher, int window, CancellationToken cancellationToken)
    {
        // Not disposed: a publish still completing after a cancellation may release it.
        var slots = new SemaphoreSlim(window, window);
        var outcome = new PublisherOutcome();
        var pacer = options.IngestRate > 0 ? new Pacer((double)options.IngestRate / options.Publishers) : null;
        pacer?.Start();
        long sent = 0;
        for (long m = publisher; m < options.Messages; m += options.Publishers, sent++)
        {
            if (pacer is not null)
            {
                await pacer.WaitForSlotAsync(sent, cancellationToken);
            }
            await slots.WaitAsync(cancellationToken);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(BenchMessages.IngestTopic(publisher, (int)(m / options.Publishers % SensorsPerPublisher)))
                .WithPayload(BenchMessages.IngestPayload(m, options.Fields))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            _ = PublishOneAsync(client, message, slots, outcome, cancellationToken);
        }
        // The tail: every slot back means every publish was acknowledged or failed.
        for (var i = 0; i < window; i++)
        {
            if (!await slots.WaitAsync(TailAckTimeout, cancellationToken))
            {
                throw new BenchException($"publisher {publisher}: PUBACKs still missing {TailAckTimeout.TotalSeconds:0} s after the last publish");
            }
        }
        outcome.LastAckAt = Stopwatch.GetTimestamp();
        return outcome;
    }

    private static async Task PublishOneAsync(IMqttClient client, MqttApplicationMessage message, SemaphoreSlim slots, PublisherOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.PublishAsync(message, cancellationToken);
            if (result.IsSuccess)
            {
                outcome.AddAcked();
            }
            else
            {
                outcome.AddFailed($"PUBACK {result.ReasonCode}");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcome.AddFailed(ex.Message);
        }
        finally
        {
            slots.Release();
        }
    }
}
