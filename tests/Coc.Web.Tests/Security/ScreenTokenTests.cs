using System.Net;
using Coc.Core.Security;
using Coc.Web.Security;
using Coc.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Security;

/// <summary>Kiosk screen tokens: link → cookie → clean URL, bearer on the hub, and revocation by a config reload.</summary>
public sealed class ScreenTokenTests : IClassFixture<CocAppFactory>
{
    private readonly CocAppFactory _app;

    public ScreenTokenTests(CocAppFactory app) => _app = app;

    [Fact]
    public async Task ScreenLink_ValidToken_SetsLongCookieAndRedirectsToTheSameUrlWithoutIt()
    {
        using var client = await _app.CreateClientAsAsync(null);

        using var response = await client.GetAsync(CocAppFactory.WithScreenToken("/wall/jambi-coc/screen/1?culture=en-US"));
        using var page = await client.GetAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/wall/jambi-coc/screen/1?culture=en-US", response.Headers.Location.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("coc.auth=", StringComparison.Ordinal));
        var expires = DateTimeOffset.Parse(System.Text.RegularExpressions.Regex.Match(cookie, "expires=([^;]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(expires > DateTimeOffset.UtcNow.AddDays(399), $"a kiosk cookie should last 400 days, expires {expires}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task ScreenLink_RevokedToken_DropsItFromTheUrlAndMeetsTheSignInPage()
    {
        using var client = await _app.CreateClientAsAsync(null);

        using var response = await client.GetAsync(CocAppFactory.WithScreenToken("/screen/coc-2", CocAppFactory.RevokedScreenToken));
        using var page = await client.GetAsync(response.Headers.Location!.OriginalString);

        Assert.Equal("/screen/coc-2", response.Headers.Location.OriginalString);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("coc.auth=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin?returnUrl=", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_AnonymousNegotiate_Is401()
    {
        await using var hub = _app.CreateHubConnection(token: null);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Hub_RevokedBearerToken_Is401()
    {
        await using var hub = _app.CreateHubConnection(CocAppFactory.RevokedScreenToken);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Hub_BearerScreenToken_ConnectsAndSubscribes()
    {
        await using var hub = _app.CreateHubConnection();

        await hub.StartAsync();

        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task AccessTokenQuery_OnlyOnTheHub_NotOnApis()
    {
        using var client = await _app.CreateClientAsAsync(null);

        using var hub = await client.PostAsync("/hubs/live/negotiate?negotiateVersion=1&access_token=" + CocAppFactory.ScreenToken, null);
        using var api = await client.GetAsync("/api/feeds?access_token=" + CocAppFactory.ScreenToken);
        using var page = await client.GetAsync("/briefing?access_token=" + CocAppFactory.ScreenToken);

        Assert.Equal(HttpStatusCode.OK, hub.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }
}

/// <summary>Each test edits configuration while the app runs, so each has its own app.</summary>
public sealed class SessionRevocationTests
{
    [Theory]
    [InlineData("Coc:Auth:ScreenTokens:0:Revoked", "true")]
    [InlineData("Coc:Auth:ScreenTokens:0:Name", "renamed-screen")]
    public async Task ScreenCookie_TokenRevokedOrRemovedByReload_NextRequestGoesToSignIn(string key, string value)
    {
        using var app = new CocAppFactory();
        using var client = await app.CreateClientAsAsync(null);
        using (await client.GetAsync(CocAppFactory.WithScreenToken("/briefing")))
        {
        }
        using var before = await client.GetAsync("/briefing");

        app.ChangeSetting(key, value);
        using var after = await client.GetAsync("/briefing");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/signin?returnUrl=", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScreenCookie_TokenRehashedWithANewSecret_OldCookieRefused()
    {
        using var app = new CocAppFactory();
        using var client = await app.CreateClientAsAsync(null);
        using (await client.GetAsync(CocAppFactory.WithScreenToken("/briefing")))
        {
        }

        app.ChangeSetting("Coc:Auth:ScreenTokens:0:TokenHash", SecretHash.Hash("rahasia-baru", iterations: 1_000));
        using var after = await client.GetAsync("/briefing");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task AccountCookie_RoleLoweredByReload_SessionEnds()
    {
        using var app = new CocAppFactory();
        using var client = await app.CreateClientAsAsync(CocRoles.Operator);
        using var before = await client.GetAsync("/feeds");

        app.ChangeSetting("Coc:Auth:Users:1:Role", CocRoles.Viewer);
        using var after = await client.GetAsync("/feeds");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.StartsWith("/signin?returnUrl=", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_EditThatDoesNotValidate_IsRefusedAndSessionsStay()
    {
        using var app = new CocAppFactory();
        using var client = await app.CreateClientAsAsync(CocRoles.Operator);

        // A plain password where a hash belongs: refused as a whole, the previous accounts stay in force.
        app.ChangeSetting("Coc:Auth:Users:1:PasswordHash", "kata-sandi-polos");
        using var after = await client.GetAsync("/feeds");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(CocAppFactory.HashOf(CocAppFactory.PasswordFor(CocRoles.Operator)),
            app.Services.GetRequiredService<AuthSettings>().Current.Users.Single(u => u.Role == CocRoles.Operator).PasswordHash);
    }
}
