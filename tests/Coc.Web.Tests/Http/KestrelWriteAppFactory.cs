using System.Net;
using Coc.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Http;

/// <summary>The app on real Kestrel at 127.0.0.1 on a free port: the test server has no port a separate process could reach.</summary>
public sealed class KestrelWriteAppFactory : CocAppFactory
{
    public KestrelWriteAppFactory()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        HttpPort = new Uri(address).Port;
    }

    public int HttpPort { get; }
}
