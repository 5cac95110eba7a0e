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

    public int MqttPort { get; } = FreePort.Next();

    public string DataPath => _data.Path;

    /// <summary>Extra settings a test class wants (key → value, ':'-separated keys).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Coc:Mqtt:Port", MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Coc:Mqtt:ClientId", "coc-ingest-test");
        builder.UseSetting("Coc:Simulator:Enabled", "false");
        builder.UseSetting("Coc:Storage:DataPath", Path.Combine(_data.Path, "store"));
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
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
