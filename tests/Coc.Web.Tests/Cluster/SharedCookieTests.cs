using System.Net;
using Coc.Web.Security;
using Coc.Web.Tests.Support;
using StackExchange.Redis;

namespace Coc.Web.Tests.Cluster;

/// <summary>Two replicas behind one proxy: a cookie issued by A is accepted by B, because their Data Protection keys live in the shared Redis.</summary>
public sealed class SharedCookieTests : IClassFixture<TwoServerCluster>
{
    private readonly TwoServerCluster _cluster;

    public SharedCookieTests(TwoServerCluster cluster) => _cluster = cluster;

    [Fact]
    public async Task CookieFromA_SentToB_IsAccepted()
    {
        var cookies = new CookieContainer();
        using var toA = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(_cluster.A.BaseUrl) };
        using var signIn = await CocAppFactory.SignInAsync(toA, CocAppFactory.UserFor(CocRoles.Operator), CocAppFactory.PasswordFor(CocRoles.Operator), "/feeds");
        Assert.Equal("/feeds", signIn.Headers.Location?.OriginalString);
        var session = cookies.GetCookies(new Uri(_cluster.A.BaseUrl))["coc.auth"]!.Value;

        using var toB = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(_cluster.B.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds");
        request.Headers.Add("Cookie", "coc.auth=" + session);
        using var response = await toB.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_cluster.Redis.ConnectionString);
        Assert.True(await redis.GetDatabase().ListLengthAsync("coc:data-protection-keys") >= 1, "the key ring is in Redis");
    }
}
