using Microsoft.AspNetCore.Authentication.Cookies;

namespace Coc.Web.Security;

/// <summary>The authentication schemes and which one a request is read with.</summary>
public static class CocAuthSchemes
{
    /// <summary>The default: forwards to one of the others by what the request carries.</summary>
    public const string Selector = "coc";
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string ScreenBearer = "screen-token";
    public const string Basic = "basic";
    public const string Oidc = "oidc";

    /// <summary>The hub path where a websocket may carry the screen token as <c>?access_token=</c> (browsers cannot set headers on websockets).</summary>
    public const string HubPath = "/hubs/live";

    /// <summary>
    /// Bearer → screen token; Basic on /api or /health → local account; otherwise the cookie. Ingest endpoints
    /// (/write, /ping, /api/ingest) always get the cookie scheme, which finds nothing there: their
    /// Authorization header is an ingest key that their own check reads, and must never cost a PBKDF2 here.
    /// </summary>
    public static string Select(HttpContext context)
    {
        var request = context.Request;
        if (IsIngest(request.Path))
        {
            return Cookie;
        }
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || (request.Path.StartsWithSegments(HubPath) && request.Query.ContainsKey("access_token")))
        {
            return ScreenBearer;
        }
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && IsMachinePath(request.Path))
        {
            return Basic;
        }
        return Cookie;
    }

    public static bool IsIngest(PathString path) =>
        path.StartsWithSegments("/write") || path.StartsWithSegments("/ping") || path.StartsWithSegments("/api/ingest");

    /// <summary>Paths read by programs, not people: they get 401/403, never a redirect to the sign-in page.</summary>
    public static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor")
        || path.StartsWithSegments("/alarms/export.csv");
}
