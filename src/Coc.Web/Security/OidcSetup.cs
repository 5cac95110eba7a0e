using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Coc.Web.Security;

/// <summary>
/// Sign-in with the city's identity provider (authorization code + PKCE). The provider's groups or roles
/// (<see cref="OidcOptions.RoleClaim"/>) are mapped to the highest Coc role in <see cref="OidcOptions.RoleMap"/>;
/// a user with no mapped group is refused. The session is then an ordinary Coc cookie.
/// </summary>
public static class OidcSetup
{
    public static void Add(AuthenticationBuilder authentication, OidcOptions oidc)
    {
        authentication.AddOpenIdConnect(CocAuthSchemes.Oidc, oidc.DisplayName, o =>
        {
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.SignInScheme = CocAuthSchemes.Cookie;
            o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Events.OnTokenValidated = context =>
            {
                var user = context.Principal!;
                var role = HighestRole(user, oidc);
                var subject = user.FindFirst("preferred_username")?.Value ?? user.FindFirst("sub")?.Value ?? "?";
                if (role is null)
                {
                    context.Fail($"'{subject}' has no group mapped to a Coc role ({oidc.RoleClaim})");
                    return Task.CompletedTask;
                }
                var display = user.FindFirst("name")?.Value ?? subject;
                context.Principal = CocPrincipals.ForExternal("oidc:" + subject, display, role, CocAuthSchemes.Cookie);
                return Task.CompletedTask;
            };
            o.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSetup))
                    .LogWarning("Identity-provider sign-in failed: {Error}", context.Failure?.Message);
                context.Response.Redirect("/signin?error=sso");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    public static string? HighestRole(ClaimsPrincipal user, OidcOptions oidc)
    {
        var mapped = user.FindAll(oidc.RoleClaim)
            .Select(c => oidc.RoleMap.GetValueOrDefault(c.Value))
            .Where(r => r is not null && CocRoles.All.Contains(r))
            .Select(r => CocRoles.All.ToList().IndexOf(r!))
            .DefaultIfEmpty(-1)
            .Max();
        return mapped < 0 ? null : CocRoles.All[mapped];
    }
}
