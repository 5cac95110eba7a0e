using Coc.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Coc.Web.Tests.Support;

/// <summary>
/// The real app with its embedded broker on a free loopback port, its store in a temp folder,
/// and the simulator off, so every sample in a test is one the test sent.
/// </summary>
public class CocAppFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _data = new();

    /// <summary>The device account the tests publish with: anonymous access stays off, as in production.</summary>
    public const string DeviceUser = "test-device";

    public const string DevicePassword = "kata-sandi-uji";

    /// <summary>The HTTP ingest key the tests write with (every feed); the default client sends it.</summary>
    public const string IngestKeyName = "test-writer";

    public const string IngestKey = "kunci-uji-ingest-5b21";

    public int MqttPort { get; } = FreePort.Next();

    public Task<TestPublisher> ConnectDeviceAsync() => TestPublisher.ConnectAsync(MqttPort, DeviceUser, DevicePassword);

    public string DataPath => _data.Path;

    /// <summary>Extra settings a test class wants (key → value, ':'-separated keys).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Coc:Mqtt:Port", MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Coc:Mqtt:ClientId", "coc-ingest-test");
        builder.UseSetting("Coc:Mqtt:Users:0:Username", DeviceUser);
        // Few iterations: the hash format is the real one, the test just needs no 50 ms per connect.
        builder.UseSetting("Coc:Mqtt:Users:0:PasswordHash", Coc.Core.Security.SecretHash.Hash(DevicePassword, iterations: 1_000));
        builder.UseSetting("Coc:IngestKeys:Keys:0:Name", IngestKeyName);
        builder.UseSetting("Coc:IngestKeys:Keys:0:KeyHash", Coc.Core.Security.SecretHash.Hash(IngestKey, iterations: 1_000));
        builder.UseSetting("Coc:IngestKeys:Keys:0:Feeds:0", "*");
        builder.UseSetting("Coc:Simulator:Enabled", "false");
        builder.UseSetting("Coc:Storage:DataPath", Path.Combine(_data.Path, "store"));
        builder.UseSetting("Coc:Alarms:DatabasePath", Path.Combine(_data.Path, "alarms.db"));
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Clients from <c>CreateClient()</c> carry the ingest key, as Telegraf would (<c>Authorization: Token</c>).</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Token " + IngestKey);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }
}
