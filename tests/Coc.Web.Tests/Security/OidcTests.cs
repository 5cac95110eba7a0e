using System.Net;
using System.Security.Claims;
using Coc.Tests.Shared;
using Coc.Web.Security;
using Coc.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Coc.Web.Tests.Security;

/// <summary>
/// With Coc:Auth:Oidc set, the sign-in page offers the identity provider and its challenge goes to the
/// provider's authorization endpoint, read from a discovery document served here on loopback (no internet).
/// </summary>
public sealed class OidcTests : IClassFixture<OidcTests.App>
{
    private readonly App _app;

    public OidcTests(App app) => _app = app;

    public sealed class App : CocAppFactory
    {
        private readonly WebApplication _idp;

        public App()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, FreePort.Next()));
            _idp = builder.Build();
            _idp.MapGet("/.well-known/openid-configuration", (HttpContext c) => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = IdpUrl,
                ["authorization_endpoint"] = IdpUrl + "/authorize",
                ["token_endpoint"] = IdpUrl + "/token",
                ["jwks_uri"] = IdpUrl + "/jwks",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            }));
            _idp.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
            _idp.StartAsync().GetAwaiter().GetResult();
            IdpUrl = _idp.Urls.Single().TrimEnd('/');
        }

        public string IdpUrl { get; private set; } = "";

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Coc:Auth:Oidc:Authority", IdpUrl),
            new("Coc:Auth:Oidc:ClientId", "coc-wall"),
            new("Coc:Auth:Oidc:ClientSecret", "rahasia-klien"),
            new("Coc:Auth:Oidc:RequireHttpsMetadata", "false"),
            new("Coc:Auth:Oidc:DisplayName", "Diskominfo SSO"),
            new("Coc:Auth:Oidc:RoleMap:coc-operator", CocRoles.Operator),
        ];

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await _idp.DisposeAsync();
        }
    }

    [Fact]
    public async Task SignInPage_WithIdentityProvider_OffersItsButton()
    {
        using var client = await _app.CreateClientAsAsync(null);

        var page = await client.GetStringAsync("/signin?returnUrl=%2Ffeeds");

        Assert.Contains("Masuk dengan Diskominfo SSO", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/auth/oidc?returnUrl=%2Ffeeds\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Challenge_RedirectsToTheDiscoveredAuthorizationEndpointWithClientIdAndPkce()
    {
        using var client = await _app.CreateClientAsAsync(null);

        using var response = await client.GetAsync("/auth/oidc?returnUrl=%2Ffeeds");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(_app.IdpUrl + "/authorize", location.GetLeftPart(UriPartial.Path));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("coc-wall", query["client_id"].ToString());
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.EndsWith("/signin-oidc", query["redirect_uri"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void HighestRole_MapsGroupsAndIgnoresUnknownOnes()
    {
        var oidc = new OidcOptions { RoleClaim = "groups", RoleMap = { ["coc-viewers"] = CocRoles.Viewer, ["coc-duty"] = CocRoles.DutyOfficer } };
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("groups", "coc-viewers"), new Claim("groups", "coc-duty"), new Claim("groups", "finance")]));
        var stranger = new ClaimsPrincipal(new ClaimsIdentity([new Claim("groups", "finance")]));

        Assert.Equal(CocRoles.DutyOfficer, OidcSetup.HighestRole(user, oidc));
        Assert.Null(OidcSetup.HighestRole(stranger, oidc));
    }
}
