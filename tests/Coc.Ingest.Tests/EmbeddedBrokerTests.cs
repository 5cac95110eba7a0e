using Coc.Tests.Shared;
using Coc.Ingest.Mqtt;
using Coc.Ingest.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Tests;

public class EmbeddedBrokerTests
{
    [Fact]
    public async Task StartAsync_Enabled_AcceptsDevicesAndReportsHealthyUntilStopped()
    {
        var port = FreePort.Next();
        await using var broker = NewBroker(new MqttOptions { Port = port });

        await broker.StartAsync(CancellationToken.None);
        await using (await TestPublisher.ConnectAsync(port))
        {
        }
        var running = await broker.CheckHealthAsync(new HealthCheckContext());
        await broker.StopAsync(CancellationToken.None);
        var stopped = await broker.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, running.Status);
        Assert.Contains($"127.0.0.1:{port}", running.Description);
        Assert.Equal(HealthStatus.Unhealthy, stopped.Status);
        Assert.False(broker.IsRunning);
    }

    [Fact]
    public async Task StartAsync_Disabled_ListensNowhereAndReportsHealthy()
    {
        await using var broker = NewBroker(new MqttOptions { EmbeddedBroker = false, Port = FreePort.Next() });

        await broker.StartAsync(CancellationToken.None);
        var health = await broker.CheckHealthAsync(new HealthCheckContext());

        Assert.False(broker.IsRunning);
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal("embedded broker disabled", health.Description);
    }

    private static EmbeddedBroker NewBroker(MqttOptions options)
    {
        var pipeline = new TestPipeline(new RecordingStore(), new Coc.Ingest.Pipeline.IngestOptions());
        var ingest = new MqttMessageIngest(pipeline.Queue, TimeProvider.System, Options.Create(options), NullLogger<MqttMessageIngest>.Instance);
        return new EmbeddedBroker(Options.Create(options), ingest, NullLogger<EmbeddedBroker>.Instance);
    }
}
