using System.Net;
using Coc.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Browser.Tests;

/// <summary>The real app on real Kestrel at 127.0.0.1 on a free port, so a real browser can open it.</summary>
public sealed class KestrelAppFactory : CocAppFactory
{
    public KestrelAppFactory()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
    }

    public string BaseUrl { get; }
}
