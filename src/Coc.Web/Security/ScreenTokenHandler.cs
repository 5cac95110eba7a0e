using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Coc.Web.Security;

/// <summary>
/// <c>Authorization: Bearer SCREEN-TOKEN</c> (hub clients' AccessTokenProvider), or <c>?access_token=</c> on
/// /hubs/live only, where a browser's websocket cannot send headers. Signs in as the token's screen (viewer).
/// </summary>
public sealed class ScreenTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ScreenTokenStore screens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        string? secret = null;
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            secret = authorization[7..].Trim();
        }
        else if (Request.Path.StartsWithSegments(CocAuthSchemes.HubPath))
        {
            secret = Request.Query["access_token"].ToString();
        }
        if (string.IsNullOrEmpty(secret))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var token = screens.Verify(secret);
        if (token is null)
        {
            Logger.LogWarning("Screen token refused from {Remote} on {Path}: unknown or revoked", Context.Connection.RemoteIpAddress, Request.Path);
            return Task.FromResult(AuthenticateResult.Fail("unknown or revoked screen token"));
        }
        var principal = CocPrincipals.ForScreen(token, Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
