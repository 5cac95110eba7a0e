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
        private readonly System.Security.Cryptography.RSA _rsa = System.Security.Cryptography.RSA.Create(2048);

        /// <summary>The user the provider signs in next: subject, name and groups (set by a test).</summary>
        public (string Subject, string Name, string[] Groups) NextUser { get; set; } = ("siti", "Siti Operator", ["coc-operator"]);

        /// <summary>The nonce of the last authorization request, which the id_token must carry back.</summary>
        public string? LastNonce { get; set; }

        public string? LastCodeVerifier { get; private set; }

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
            var signingKey = new Microsoft.IdentityModel.Tokens.RsaSecurityKey(_rsa) { KeyId = "uji-1" };
            _idp.MapGet("/jwks", () =>
            {
                var jwk = Microsoft.IdentityModel.Tokens.JsonWebKeyConverter.ConvertFromRSASecurityKey(signingKey);
                return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E, alg = "RS256" } } });
            });
            // Any code is good here; what matters is the id_token the app must validate (issuer, audience, signature, nonce).
            _idp.MapPost("/token", async (HttpContext c) =>
            {
                var form = await c.Request.ReadFormAsync();
                LastCodeVerifier = form["code_verifier"];
                var claims = new Dictionary<string, object>
                {
                    ["sub"] = NextUser.Subject,
                    ["name"] = NextUser.Name,
                    ["groups"] = NextUser.Groups,
                    ["nonce"] = LastNonce ?? "",
                };
                var idToken = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
                {
                    Issuer = IdpUrl,
                    Audience = "coc-wall",
                    Claims = claims,
                    IssuedAt = DateTime.UtcNow,
                    NotBefore = DateTime.UtcNow.AddMinutes(-1),
                    Expires = DateTime.UtcNow.AddMinutes(5),
                    SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(signingKey, "RS256"),
                });
                return Results.Json(new { access_token = "at-uji", token_type = "Bearer", expires_in = 300, id_token = idToken });
            });
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
            _rsa.Dispose();
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

    [Theory]
    [InlineData("coc-operator", "/feeds", "/feeds")]
    [InlineData("finance", "/feeds", "/signin?error=sso")]
    public async Task CodeFlow_ProviderReturnsGroups_SignsInWithTheMappedRoleOrRefuses(string group, string returnUrl, string expectedLanding)
    {
        _app.NextUser = ("budi-" + group, "Budi", [group]);
        // https: the correlation and nonce cookies are Secure, as they must be for a cross-site form post.
        using var client = _app.CreateDefaultClient(new Uri("https://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());
        client.DefaultRequestHeaders.Remove("Authorization");

        using var challenge = await client.GetAsync("/auth/oidc?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var authorize = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        _app.LastNonce = authorize["nonce"];
        // The provider's answer, as the browser posts it back (response_mode=form_post).
        using var callback = await client.PostAsync("/signin-oidc", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = "kode-uji",
            ["state"] = authorize["state"].ToString(),
        }));
        using var feeds = await client.GetAsync("/feeds");

        Assert.Equal(expectedLanding, callback.Headers.Location?.OriginalString);
        Assert.False(string.IsNullOrEmpty(_app.LastCodeVerifier), "PKCE: the app sends its code verifier to the token endpoint");
        Assert.Equal(expectedLanding == "/feeds" ? HttpStatusCode.OK : HttpStatusCode.Redirect, feeds.StatusCode);
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
