using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Coc.Core.Security;
using Coc.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Coc.Web.Tests.Http;

/// <summary>/write needs a key, and a key writes only to its own feeds.</summary>
public sealed class WriteAuthTests : IClassFixture<WriteAuthTests.AtcsKeyApp>
{
    public const string AtcsKey = "kunci-vendor-atcs-90d2";

    private readonly AtcsKeyApp _app;

    public WriteAuthTests(AtcsKeyApp app) => _app = app;

    /// <summary>The test app plus a second key limited to the atcs feed.</summary>
    public sealed class AtcsKeyApp : CocAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Coc:IngestKeys:Keys:1:Name", "atcs-vendor"),
            new("Coc:IngestKeys:Keys:1:KeyHash", SecretHash.Hash(AtcsKey, iterations: 1_000)),
            new("Coc:IngestKeys:Keys:1:Feeds:0", "atcs"),
        ];
    }

    private async Task<HttpStatusCode> WriteAsync(string feed, Action<HttpRequestMessage> authenticate)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/write?db={feed}")
        {
            Content = new StringContent("atcs,intersection=auth-test vehicles=7i", Encoding.UTF8, "text/plain"),
        };
        authenticate(request);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Write_NoKey_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await WriteAsync("atcs", _ => { }));
    }

    [Fact]
    public async Task Write_WrongKey_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await WriteAsync("atcs", r => r.Headers.Authorization = new AuthenticationHeaderValue("Token", "kunci-palsu")));
    }

    [Fact]
    public async Task Write_KeyForItsOwnFeed_204()
    {
        Assert.Equal(HttpStatusCode.NoContent, await WriteAsync("atcs", r => r.Headers.Add("X-Api-Key", AtcsKey)));
    }

    [Fact]
    public async Task Write_KeyForAnotherFeed_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await WriteAsync("sensors", r => r.Headers.Authorization = new AuthenticationHeaderValue("Token", AtcsKey)));
    }

    [Fact]
    public async Task Write_InfluxV1QueryCredentials_204()
    {
        Assert.Equal(HttpStatusCode.NoContent, await WriteAsync("atcs&u=atcs-vendor&p=" + Uri.EscapeDataString(AtcsKey), _ => { }));
    }
}
