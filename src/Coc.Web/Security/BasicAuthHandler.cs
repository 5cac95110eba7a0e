using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Coc.Web.Security;

/// <summary>
/// HTTP Basic with a local account, for scripts reading /api/* and /health (curl -u). Not on ingest
/// endpoints: their own key check reads Basic there. Failures count towards the same slowdown as the form.
/// </summary>
public sealed class BasicAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccountStore accounts, SignInThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("malformed Basic credentials"));
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("malformed Basic credentials"));
        }
        var name = decoded[..colon].Trim().ToLowerInvariant();
        var address = Context.Connection.RemoteIpAddress?.ToString();
        if (throttle.WaitFor(name, address) > TimeSpan.Zero)
        {
            return Task.FromResult(AuthenticateResult.Fail("too many failed sign-ins; wait"));
        }
        var account = accounts.Verify(name, decoded[(colon + 1)..]);
        if (account is null)
        {
            var count = throttle.Failed(name, address);
            Logger.LogWarning("Basic sign-in as '{User}' from {Remote} failed ({Count} in a row)", name, address, count);
            return Task.FromResult(AuthenticateResult.Fail("wrong user name or password"));
        }
        throttle.Succeeded(name, address);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(CocPrincipals.ForAccount(account, Scheme.Name), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"coc\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
