using Coc.Core.Series;
using Coc.Ingest.Tests.Support;
using Coc.Tests.Shared;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Coc.Ingest.Tests.Mosquitto;

/// <summary>Coc's ingest client against a real Debian mosquitto 2: sign-in, refusals, broker restarts.</summary>
public class MosquittoIngestTests
{
    private static readonly SeriesKey WaterLevel = SeriesKey.Create("water_level", "value", ("sensor", "batanghari-1"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connect_AccountFromPasswordOrPasswordFile_SubscribesIngestsAndNeverLogsThePassword(bool passwordFile)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var folder = new TempFolder();
        var settings = broker.IngestSettings();
        if (passwordFile)
        {
            settings.Remove("Coc:Mqtt:Password");
            // As `echo "$PASSWORD" > secret` writes it: the trailing newline is not part of the password.
            settings["Coc:Mqtt:PasswordFile"] = folder.Write("mqtt-password", broker.IngestPassword + "\n");
        }
        var logs = new LogCapture();
        await using var app = await IngestHost.StartAsync(embeddedBroker: false, broker.Port, settings, logs);

        await app.UntilReceivingAsync(broker);
        var health = await app.HealthEntryAsync("mqtt-ingest");
        await using var device = await broker.ConnectDeviceAsync();
        await device.PublishAsync("coc/sensors/water_level/batanghari-1", "812.5");

        await Eventually.TrueAsync(() => app.Live.Get(WaterLevel)?.Latest?.Value == 812.5, "water level 812.5 on the live state");
        await app.Store.WaitUntilAsync(s => s.Written.Any(x => x.Series.Equals(WaterLevel) && x.Value == 812.5), "water level 812.5 stored");
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal($"subscribed to 'coc/#' on 127.0.0.1:{broker.Port}", health.Description);
        Assert.Contains(logs.Entries, e => e.Text.Contains($"MQTT ingest subscribed to 'coc/#' on 127.0.0.1:{broker.Port} as 'coc-ingest-test'", StringComparison.Ordinal));
        Assert.DoesNotContain(broker.IngestPassword, logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WrongPassword_RefusedKeepsRetryingReportsWhyAndNeverLogsThePassword()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        const string WrongPassword = "not-the-password-7f3a9c";
        var settings = broker.IngestSettings();
        settings["Coc:Mqtt:Password"] = WrongPassword;
        var logs = new LogCapture();
        await using var app = await IngestHost.StartAsync(embeddedBroker: false, broker.Port, settings, logs);

        // mosquitto 2 answers bad credentials over MQTT 5 with reason 0x87, not authorised.
        await app.UntilLastErrorContainsAsync(broker, "the broker refused the connection: NotAuthorized");
        // A second refused attempt: the client goes on retrying (the account may be fixed on the broker).
        await Eventually.TrueAsync(() => logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Text.Contains("refused the connection", StringComparison.Ordinal)) >= 2,
            "a second refused attempt");
        var health = await app.HealthEntryAsync("mqtt-ingest");

        Assert.False(app.Client.IsReceiving);
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal($"not connected to MQTT broker 127.0.0.1:{broker.Port}: the broker refused the connection: NotAuthorized; "
            + $"check Coc:Mqtt:Username ('{MosquittoBroker.IngestUser}') and its password", health.Description);
        var everything = logs.All + health.Description + string.Join(' ', health.Data.Values);
        Assert.DoesNotContain(WrongPassword, everything, StringComparison.Ordinal);
        await broker.UntilLogContainsAsync("not authorised");
    }

    [Fact]
    public async Task Broker_StoppedAndStartedAgain_HealthSaysNotConnectedThenClientResubscribesAndIngests()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var app = await IngestHost.StartAsync(embeddedBroker: false, broker.Port, broker.IngestSettings());
        await app.UntilReceivingAsync(broker);
        await using (var device = await broker.ConnectDeviceAsync())
        {
            await device.PublishAsync("coc/sensors/water_level/batanghari-1", "801");
            await Eventually.TrueAsync(() => app.Live.Get(WaterLevel)?.Latest?.Value == 801, "the first value before the restart");
        }

        await broker.StopAsync();
        await app.UntilNotReceivingAsync(broker);
        var down = await app.HealthEntryAsync("mqtt-ingest");
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.StartsWith($"not connected to MQTT broker 127.0.0.1:{broker.Port}: ", down.Description, StringComparison.Ordinal);

        await broker.StartAgainAsync();
        await app.UntilReceivingAsync(broker);
        Assert.Equal(HealthStatus.Healthy, await app.HealthAsync("mqtt-ingest"));
        // The restarted broker keeps nothing (persistence off, clean session): the value arrives only if Coc subscribed again.
        await using var again = await broker.ConnectDeviceAsync();
        await again.PublishAsync("coc/sensors/water_level/batanghari-1", "802");

        await app.Store.WaitUntilAsync(s => s.Written.Any(x => x.Series.Equals(WaterLevel) && x.Value == 802), "the value published after the restart stored");
        Assert.Equal([801, 802], app.Store.Written.Where(x => x.Series.Equals(WaterLevel)).Select(x => x.Value));
    }

    [Fact]
    public async Task Connect_TwoServersWithTheSameClientId_TakeoverReportedNamingTheClientId()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var first = await IngestHost.StartAsync(embeddedBroker: false, broker.Port, broker.IngestSettings("coc-same"));
        await first.UntilReceivingAsync(broker);

        await using var second = await IngestHost.StartAsync(embeddedBroker: false, broker.Port, broker.IngestSettings("coc-same"));

        // Mosquitto closes the older connection of a client id, so the two take turns; the pattern gets a hint.
        await first.UntilLastErrorContainsAsync(broker, "does another client use the client id 'coc-same'?");
        await broker.UntilLogContainsAsync("Client coc-same already connected, closing old connection.");
    }
}
