using Coc.Tests.Shared;
using Coc.Core.Series;
using Coc.Ingest.Mqtt;
using Coc.Web.Hub;
using Coc.Web.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Integration;

/// <summary>A non-Blazor client on /hubs/live gets what it subscribed to, and only that.</summary>
public sealed class LiveHubTests : IClassFixture<CocAppFactory>
{
    private readonly CocAppFactory _app;

    public LiveHubTests(CocAppFactory app) => _app = app;

    private HubConnection Connect() => _app.CreateHubConnection();

    [Fact]
    public async Task Subscribe_ThenPublish_ReceivesUpdateWithSeriesTimestampAndFields()
    {
        var ingest = _app.Services.GetRequiredService<MqttIngestClient>();
        await Eventually.TrueAsync(() => ingest.IsReceiving, "MQTT ingest ready");
        await using var hub = Connect();
        var received = new TaskCompletionSource<LiveUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        var other = 0;
        hub.On<LiveUpdate>("update", u =>
        {
            if (u.Series.Tags?.GetValueOrDefault("sensor") == "pos-hub")
            {
                received.TrySetResult(u);
            }
            else
            {
                Interlocked.Increment(ref other);
            }
        });
        await hub.StartAsync();
        var series = SeriesDto.From(SeriesKey.Create("water_level", "value", ("sensor", "pos-hub")));

        var latest = await hub.InvokeAsync<LiveUpdate?>("Subscribe", series);
        await using var device = await _app.ConnectDeviceAsync();
        await device.PublishAsync("coc/sensors/water_level/pos-not-subscribed", "1");
        await device.PublishAsync("coc/sensors/water_level/pos-hub", """{"ts": "2026-11-23T01:02:03Z", "value": 9.75}""");

        var update = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(latest);
        Assert.Equal("water_level", update.Series.Measurement);
        Assert.Equal("value", update.Series.Field);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 1, 2, 3, TimeSpan.Zero), update.Ts);
        Assert.Equal(9.75, update.Fields["value"]);
        Assert.Equal(0, other);
    }

    [Fact]
    public async Task Subscribe_WithoutField_FailsNamingTheField()
    {
        await using var hub = Connect();
        await hub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<LiveUpdate?>("Subscribe", new SeriesDto { Measurement = "pm25" }));

        Assert.Contains("field", error.Message, StringComparison.Ordinal);
    }
}
