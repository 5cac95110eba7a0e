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
        await using var broker = NewBroker(new MqttOptions { Port = port, AllowAnonymous = true });

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

    [Fact]
    public async Task Connect_AnonymousWhileAnonymousIsOff_RefusedAndCounted()
    {
        var port = FreePort.Next();
        await using var broker = NewBroker(new MqttOptions { Port = port });
        await broker.StartAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(() => TestPublisher.ConnectAsync(port));

        Assert.Equal(1, broker.RefusedConnections);
        await broker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Connect_ConfiguredUser_RightPasswordAcceptedWrongOneRefused()
    {
        var port = FreePort.Next();
        var user = new MqttUser { Username = "pos-angso-duo", PasswordHash = Coc.Core.Security.SecretHash.Hash("batanghari", iterations: 1_000) };
        await using var broker = NewBroker(new MqttOptions { Port = port, Users = [user] });
        await broker.StartAsync(CancellationToken.None);

        await using (await TestPublisher.ConnectAsync(port, "pos-angso-duo", "batanghari"))
        {
        }
        await Assert.ThrowsAnyAsync<Exception>(() => TestPublisher.ConnectAsync(port, "pos-angso-duo", "salah"));
        await Assert.ThrowsAnyAsync<Exception>(() => TestPublisher.ConnectAsync(port, "orang-asing", "batanghari"));

        Assert.Equal(2, broker.RefusedConnections);
        await broker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Connect_LocalAccount_AcceptedWithoutConfiguration()
    {
        var port = FreePort.Next();
        await using var broker = NewBroker(new MqttOptions { Port = port });
        await broker.StartAsync(CancellationToken.None);

        await using (await TestPublisher.ConnectAsync(port, broker.LocalAccount.Username, broker.LocalAccount.Password))
        {
        }

        Assert.Equal(0, broker.RefusedConnections);
        await broker.StopAsync(CancellationToken.None);
    }
}
