using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Coc.Web.Security;

/// <summary>
/// The sign-in page's form posts here (and sign-out). Both check the antiforgery token themselves, so a
/// page on another site cannot sign someone in or out. Results go back as redirects (post/redirect/get).
/// </summary>
public static class SignInEndpoints
{
    public const string SignInPath = "/auth/signin";
    public const string SignOutPath = "/auth/signout";
    public const string OidcPath = "/auth/oidc";

    public static void MapCocSignIn(this WebApplication app)
    {
        app.MapPost(SignInPath, SignInAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost(SignOutPath, SignOutAsync).AllowAnonymous().DisableAntiforgery();
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Oidc.Enabled)
        {
            app.MapGet(OidcPath, (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl(returnUrl) }, [CocAuthSchemes.Oidc])).AllowAnonymous();
        }
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, AccountStore accounts, SignInThrottle throttle,
        AuthSettings settings, TimeProvider time, ILoggerFactory loggers)
    {
        if (!await antiforgery.IsRequestValidAsync(context) || !context.Request.HasFormContentType)
        {
            return Results.BadRequest("antiforgery token missing or invalid: sign in from the sign-in page");
        }
        var form = await context.Request.ReadFormAsync();
        var name = form["user"].ToString().Trim().ToLowerInvariant();
        var returnUrl = LocalUrl(form["returnUrl"]);
        var address = context.Connection.RemoteIpAddress?.ToString();
        var logger = loggers.CreateLogger(typeof(SignInEndpoints));
        if (throttle.WaitFor(name, address) is { } wait && wait > TimeSpan.Zero)
        {
            logger.LogWarning("Sign-in as '{User}' from {Remote} refused unchecked: too many failures, {Seconds:F0} s to wait", name, address, wait.TotalSeconds);
            return Results.Redirect(SignInPage("wait", returnUrl));
        }
        var account = accounts.Verify(name, form["password"]);
        if (account is null)
        {
            var count = throttle.Failed(name, address);
            logger.LogWarning("Sign-in as '{User}' from {Remote} failed ({Count} in a row)", name, address, count);
            return Results.Redirect(SignInPage("bad", returnUrl));
        }
        throttle.Succeeded(name, address);
        var now = time.GetUtcNow();
        await context.SignInAsync(CocAuthSchemes.Cookie, CocPrincipals.ForAccount(account, CocAuthSchemes.Cookie), new AuthenticationProperties
        {
            // Kept across a tablet's browser restart within the shift; sliding.
            IsPersistent = true,
            IssuedUtc = now,
            ExpiresUtc = now.AddHours(settings.Current.SessionHours),
        });
        logger.LogInformation("'{User}' ({Role}) signed in from {Remote}", account.Name, account.Role, address);
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest("antiforgery token missing or invalid");
        }
        await context.SignOutAsync(CocAuthSchemes.Cookie);
        return Results.Redirect("/signin");
    }

    private static string SignInPage(string error, string returnUrl) => $"/signin?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>
    /// Only a path on this site: "/x" but not "//host" or "/\host" (browsers read both as another host), nor
    /// an absolute URL. Anything else becomes "/": no open redirect through the sign-in page.
    /// </summary>
    public static string LocalUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || url.Length > 2048)
        {
            return "/";
        }
        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return "/";
        }
        return url.Any(char.IsControl) ? "/" : url;
    }
}
