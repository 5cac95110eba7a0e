using System.Net;
using Coc.Web.Security;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Security;

/// <summary>The sign-in form, its antiforgery token, failed attempts, the return URL and sign-out.</summary>
public sealed class SignInTests : IClassFixture<CocAppFactory>
{
    private readonly CocAppFactory _app;

    public SignInTests(CocAppFactory app) => _app = app;

    [Fact]
    public async Task SignIn_ThroughTheForm_SetsHttpOnlyLaxCookieAndRedirectsToReturnUrl()
    {
        using var client = await _app.CreateClientAsAsync(null);

        using var response = await CocAppFactory.SignInAsync(client, CocAppFactory.UserFor(CocRoles.Operator), CocAppFactory.PasswordFor(CocRoles.Operator), "/feeds?culture=en-US");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/feeds?culture=en-US", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("coc.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        using var feeds = await client.GetAsync("/feeds");
        Assert.Equal(HttpStatusCode.OK, feeds.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefusedAndSetsNoCookie()
    {
        using var client = await _app.CreateClientAsAsync(null);
        await client.GetStringAsync("/signin"); // the antiforgery cookie is there, the form field is not

        using var response = await client.PostAsync("/auth/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = CocAppFactory.UserFor(CocRoles.Admin),
            ["password"] = CocAppFactory.PasswordFor(CocRoles.Admin),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("coc.auth=", StringComparison.Ordinal)));
        using var control = await client.GetAsync("/control");
        Assert.Equal(HttpStatusCode.Redirect, control.StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPassword_RedirectsBackWithErrorAndCountsIt()
    {
        var throttle = _app.Services.GetRequiredService<SignInThrottle>();
        var before = throttle.FailedTotal;
        using var client = await _app.CreateClientAsAsync(null);

        using var response = await CocAppFactory.SignInAsync(client, CocAppFactory.UserFor(CocRoles.DutyOfficer), "salah", "/control");

        Assert.Equal("/signin?error=bad&returnUrl=%2Fcontrol", response.Headers.Location?.OriginalString);
        Assert.Equal(before + 1, throttle.FailedTotal);
        var page = await client.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Nama pengguna atau kata sandi salah.", page, StringComparison.Ordinal);
        Assert.Contains("value=\"/control\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task SignIn_ReturnUrlOffSite_RedirectsHomeInstead(string returnUrl)
    {
        using var client = await _app.CreateClientAsAsync(null);

        using var response = await CocAppFactory.SignInAsync(client, CocAppFactory.UserFor(CocRoles.Viewer), CocAppFactory.PasswordFor(CocRoles.Viewer), returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignOut_WithTheFormToken_EndsTheSession()
    {
        using var client = await _app.CreateClientAsAsync(CocRoles.Operator);
        var page = await client.GetStringAsync("/signin");
        Assert.Contains("data-form=\"signout\"", page, StringComparison.Ordinal);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        using var refused = await client.PostAsync("/auth/signout", new FormUrlEncodedContent([]));
        using var stillIn = await client.GetAsync("/feeds");
        using var response = await client.PostAsync("/auth/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
        using var after = await client.GetAsync("/feeds");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal("/signin", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/signin", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Kata sandi", "Masuk")]
    [InlineData("?culture=en-US", "Password", "Sign in")]
    public async Task SignInPage_ByCulture_ShowsItsLanguage(string query, string passwordLabel, string button)
    {
        using var client = await _app.CreateClientAsAsync(null);

        var page = await client.GetStringAsync("/signin" + query);

        Assert.Contains(passwordLabel, page, StringComparison.Ordinal);
        Assert.Contains($">{button}</button>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("signin-sso", page, StringComparison.Ordinal); // no identity provider configured
    }

    [Fact]
    public async Task Basic_WrongPassword_Gets401WithBasicChallenge()
    {
        using var client = _app.CreateBasicClient(CocRoles.Admin, password: "bukan-ini");

        using var response = await client.GetAsync("/api/store");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_AnonymousOrViewer_StatusOnly_OperatorGetsEveryCheck()
    {
        using var anonymous = await _app.CreateClientAsAsync(null);
        using var viewer = _app.CreateBasicClient(CocRoles.Viewer);
        using var op = _app.CreateBasicClient(CocRoles.Operator);

        var forAnonymous = await anonymous.GetStringAsync("/health");
        var forViewer = await viewer.GetStringAsync("/health");
        var forOperator = await op.GetStringAsync("/health");

        Assert.Matches("^\\{\"status\":\"(Healthy|Degraded|Unhealthy)\"\\}$", forAnonymous);
        Assert.Matches("^\\{\"status\":\"(Healthy|Degraded|Unhealthy)\"\\}$", forViewer);
        Assert.Contains("\"checks\"", forOperator, StringComparison.Ordinal);
        Assert.Contains("\"mqtt-broker\"", forOperator, StringComparison.Ordinal);
    }
}

/// <summary>Its own app: the slowdown locks the account it tests.</summary>
public sealed class SignInThrottleTests : IClassFixture<SignInThrottleTests.App>
{
    private readonly App _app;

    public SignInThrottleTests(App app) => _app = app;

    public sealed class App : CocAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Coc:Auth:MaxFailedSignIns", "3"),
            new("Coc:Auth:FailedSignInDelaySeconds", "600"),
        ];
    }

    [Fact]
    public async Task SignIn_AfterMaxFailures_RefusesEvenTheRightPasswordUnchecked()
    {
        using var client = await _app.CreateClientAsAsync(null);
        var user = CocAppFactory.UserFor(CocRoles.Viewer);
        for (var i = 0; i < 3; i++)
        {
            using var failed = await CocAppFactory.SignInAsync(client, user, "salah-" + i);
            Assert.Contains("error=bad", failed.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        using var locked = await CocAppFactory.SignInAsync(client, user, CocAppFactory.PasswordFor(CocRoles.Viewer));
        using var other = await CocAppFactory.SignInAsync(client, CocAppFactory.UserFor(CocRoles.Operator), CocAppFactory.PasswordFor(CocRoles.Operator));

        Assert.Contains("error=wait", locked.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/", other.Headers.Location?.OriginalString); // another account from the same address is not locked
    }
}
