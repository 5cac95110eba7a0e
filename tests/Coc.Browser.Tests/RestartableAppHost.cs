using System.Globalization;
using System.Net;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;

namespace Coc.Browser.Tests;

/// <summary>
/// The real app on real Kestrel at a fixed loopback port that can be stopped and started again on the
/// same HTTP port, MQTT port and data folder: a server restart (or redeploy) as a wall screen sees it.
/// </summary>
public sealed class RestartableAppHost : IAsyncDisposable
{
    private readonly TempFolder _data = new();
    private PinnedAppFactory? _app;

    public int HttpPort { get; } = FreePort.Next();

    public int MqttPort { get; } = FreePort.Next();

    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";

    /// <summary>The running instance's services; each start is a new instance with new singletons.</summary>
    public IServiceProvider Services => (_app ?? throw new InvalidOperationException("The app is stopped")).Services;

    public void Start()
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The app is already running");
        }
        _app = new PinnedAppFactory(HttpPort, MqttPort, _data.Path);
    }

    /// <summary>Stops the host as a shutdown would: Kestrel closes every connection, circuits die with it.</summary>
    public async Task StopAsync()
    {
        var app = _app;
        _app = null;
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    public Task<TestPublisher> ConnectDeviceAsync() =>
        TestPublisher.ConnectAsync(MqttPort, CocAppFactory.DeviceUser, CocAppFactory.DevicePassword);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _data.Dispose();
    }

    /// <summary>One run of the app, on ports and a data folder chosen by the host rather than per instance.</summary>
    private sealed class PinnedAppFactory : CocAppFactory
    {
        private readonly int _mqttPort;
        private readonly string _dataPath;

        public PinnedAppFactory(int httpPort, int mqttPort, string dataPath)
        {
            _mqttPort = mqttPort;
            _dataPath = dataPath;
            UseKestrel(options => options.Listen(IPAddress.Loopback, httpPort));
            StartServer();
        }

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Coc:Mqtt:Port", _mqttPort.ToString(CultureInfo.InvariantCulture)),
            new("Coc:Storage:DataPath", Path.Combine(_dataPath, "store")),
            new("Coc:Alarms:DatabasePath", Path.Combine(_dataPath, "alarms.db")),
            // The Data Protection keys survive the restart, as on a real server: the kiosk's cookie stays valid.
            new("Coc:Auth:DataPath", Path.Combine(_dataPath, "auth")),
        ];
    }
}
