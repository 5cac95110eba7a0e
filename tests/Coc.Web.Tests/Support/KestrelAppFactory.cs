using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Support;

/// <summary>
/// The real app on real Kestrel at 127.0.0.1 on a free port, so a real browser or a separate process
/// (influx CLI, Python client, simulator) can reach it: the test server has no port.
/// </summary>
public class KestrelAppFactory : CocAppFactory
{
    public KestrelAppFactory()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
        HttpPort = new Uri(BaseUrl).Port;
    }

    public string BaseUrl { get; }

    public int HttpPort { get; }
}
