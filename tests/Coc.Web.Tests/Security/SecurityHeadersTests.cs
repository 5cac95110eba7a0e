using System.Net;
using Coc.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Coc.Web.Tests.Security;

public sealed class SecurityHeadersTests : IClassFixture<CocAppFactory>
{
    private readonly CocAppFactory _app;

    public SecurityHeadersTests(CocAppFactory app) => _app = app;

    [Theory]
    [InlineData("/signin")]
    [InlineData("/health/live")]
    [InlineData("/wall/jambi-coc")]
    [InlineData("/api/feeds")]
    [InlineData("/does-not-exist")]
    public async Task AnyResponse_CarriesTheSecurityHeaders_NoHstsOverHttp(string path)
    {
        using var client = await _app.CreateClientAsAsync(null);

        using var response = await client.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data: blob: http: https:", csp, StringComparison.Ordinal);
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Https_SignIn_HstsAndSecureCookie()
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Remove("Authorization");

        using var response = await CocAppFactory.SignInAsync(client, CocAppFactory.UserFor("viewer"), CocAppFactory.PasswordFor("viewer"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("coc.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
