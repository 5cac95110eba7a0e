using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Support;

/// <summary>
/// One Coc server of a cluster: the real app on real Kestrel at 127.0.0.1, its own embedded broker,
/// its own embedded store in its own temp folder, the simulator off, and <c>Coc:Cluster</c> pointing at
/// a shared Redis under the given server id.
/// </summary>
public sealed class ClusterAppFactory : CocAppFactory
{
    private readonly string _redis;
    private readonly string _serverId;

    private readonly IReadOnlyDictionary<string, string?> _more;

    /// <param name="more">Further settings, e.g. an external broker and InfluxDB for the city topology.</param>
    public ClusterAppFactory(string redis, string serverId, IReadOnlyDictionary<string, string?>? more = null)
    {
        _redis = redis;
        _serverId = serverId;
        _more = more ?? new Dictionary<string, string?>();
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public string ServerId => _serverId;

    public string BaseUrl { get; }

    /// <summary>An HTTP client for this server that carries the ingest key, as Telegraf would.</summary>
    public HttpClient CreateWriter()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Token " + IngestKey);
        return client;
    }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
    [
        new("Coc:Cluster:Redis", _redis),
        new("Coc:Cluster:ServerId", _serverId),
        // Feed-health series would be published by both servers into the one test series space: off.
        new("Coc:Feeds:PublishHealthSeconds", "0"),
        new("Coc:Mqtt:ClientId", "coc-ingest-" + _serverId),
        .. _more,
    ];
}
