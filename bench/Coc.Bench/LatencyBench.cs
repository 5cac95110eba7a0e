using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using MQTTnet;
using MQTTnet.Protocol;

namespace Coc.Bench;

/// <summary>
/// Publishes at a fixed rate over MQTT (QoS 0) and times each message, on one Stopwatch clock, to two
/// receivers of the same publish: a SignalR client of <c>/hubs/live</c> (Coc end to end) and a plain
/// MQTT subscriber on the same embedded broker (the peer: what the broker alone costs).
/// </summary>
public sealed class LatencyBench(BenchOptions options, AppProcess app, TextWriter output)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public async Task<LatencyResult> RunAsync(CancellationToken cancellationToken)
    {
        var warmup = (long)options.Rate * options.WarmupSeconds;
        var total = warmup + (long)options.Rate * options.Seconds;
        var sentAt = new long[total];
        var hub = new Arrivals(total);
        var peer = new Arrivals(total);

        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.HttpBase, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(BenchAuth.ScreenToken))
            .Build();
        connection.On<HubUpdate>("update", u =>
        {
            if (u.Fields is not null && u.Fields.TryGetValue("value", out var value))
            {
                hub.Record((long)value);
            }
        });
        await connection.StartAsync(cancellationToken);
        for (var s = 0; s < options.Series; s++)
        {
            await connection.InvokeAsync<HubUpdate?>("Subscribe", BenchMessages.LatencySeries(s), cancellationToken);
        }

        var factory = new MqttClientFactory();
        var subscriber = await BenchMqtt.ConnectAsync(factory, app.MqttPort, "bench-peer", cancellationToken);
        var publisher = await BenchMqtt.ConnectAsync(factory, app.MqttPort, "bench-latency-pub", cancellationToken);
        try
        {
            subscriber.ApplicationMessageReceivedAsync += e =>
            {
                peer.Record(BenchMessages.ReadSequence(e.ApplicationMessage.Payload));
                return Task.CompletedTask;
            };
            await subscriber.SubscribeAsync(
                factory.CreateSubscribeOptionsBuilder().WithTopicFilter(BenchMessages.LatencyFilter, MqttQualityOfServiceLevel.AtMostOnce).Build(),
                cancellationToken);

            output.WriteLine($"  latency: {total:N0} messages at {options.Rate:N0}/s over {options.Series} series ({options.WarmupSeconds} s warm-up, {options.Seconds} s measured)");
            var cpu = new CpuMeter(app.CpuTime);
            var pacer = await PublishAsync(publisher, sentAt, warmup, total, cancellationToken);
            await DrainAsync(hub, peer, total, cancellationToken);
            return Summarise(sentAt, warmup, hub, peer, pacer.MaxLagMs, cpu.Stop());
        }
        finally
        {
            await BenchMqtt.DisconnectQuietlyAsync(publisher);
            await BenchMqtt.DisconnectQuietlyAsync(subscriber);
        }
    }

    private async Task<Pacer> PublishAsync(IMqttClient publisher, long[] sentAt, long warmup, long total, CancellationToken cancellationToken)
    {
        var topics = Enumerable.Range(0, options.Series).Select(BenchMessages.LatencyTopic).ToArray();
        var pacer = new Pacer(options.Rate, lagFrom: warmup);
        pacer.Start();
        for (long seq = 0; seq < total; seq++)
        {
            await pacer.WaitForSlotAsync(seq, cancellationToken);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topics[seq % topics.Length])
                .WithPayload(BenchMessages.LatencyPayload(seq))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
                .Build();
            sentAt[seq] = Stopwatch.GetTimestamp();
            await publisher.PublishAsync(message, cancellationToken);
        }
        return pacer;
    }

    /// <summary>Until both receivers have every message, or the drain timeout says the rest is lost.</summary>
    private static async Task DrainAsync(Arrivals hub, Arrivals peer, long total, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while ((hub.Count < total || peer.Count < total) && clock.Elapsed < DrainTimeout)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    private LatencyResult Summarise(long[] sentAt, long warmup, Arrivals hub, Arrivals peer, double maxLagMs, CpuUsage cpu)
    {
        var measured = sentAt.Length - warmup;
        var hubMs = new List<double>((int)measured);
        var peerMs = new List<double>((int)measured);
        for (var seq = warmup; seq < sentAt.Length; seq++)
        {
            if (hub.At(seq) is { } h)
            {
                hubMs.Add(Stopwatch.GetElapsedTime(sentAt[seq], h).TotalMilliseconds);
            }
            if (peer.At(seq) is { } p)
            {
                peerMs.Add(Stopwatch.GetElapsedTime(sentAt[seq], p).TotalMilliseconds);
            }
        }
        var seconds = Stopwatch.GetElapsedTime(sentAt[warmup], sentAt[^1]).TotalSeconds;
        return new LatencyResult(
            options.Rate,
            measured,
            seconds > 0 ? (measured - 1) / seconds : double.NaN,
            maxLagMs,
            Percentiles.Of(hubMs),
            hub.Duplicates,
            Percentiles.Of(peerMs),
            peer.Duplicates,
            cpu);
    }
}
