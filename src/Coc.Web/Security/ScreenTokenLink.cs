using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Extensions;

namespace Coc.Web.Security;

/// <summary>
/// A kiosk's first visit: <c>/wall/jambi-coc/screen/1?screen-token=SECRET</c>. A valid token becomes a long,
/// sliding cookie and the browser is sent to the same URL without the secret, so it stays out of the address
/// bar, the history and proxy logs. The same bookmarked URL works again after a kiosk is wiped.
/// </summary>
public static class ScreenTokenLink
{
    public const string QueryKey = "screen-token";

    public static async Task Middleware(HttpContext context, Func<Task> next)
    {
        if (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            || !context.Request.Query.TryGetValue(QueryKey, out var presented))
        {
            await next();
            return;
        }
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ScreenTokenLink));
        var token = services.GetRequiredService<ScreenTokenStore>().Verify(presented.ToString());
        if (token is null)
        {
            // Still redirected without the secret: a wrong or revoked token then meets the sign-in page.
            var failures = services.GetRequiredService<SignInThrottle>().Failed("screen-token", context.Connection.RemoteIpAddress?.ToString());
            logger.LogWarning("Screen token refused from {Remote} on {Path} ({Count} in a row): unknown or revoked", context.Connection.RemoteIpAddress, context.Request.Path, failures);
        }
        else
        {
            var days = services.GetRequiredService<AuthSettings>().Current.ScreenSessionDays;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            await context.SignInAsync(CocAuthSchemes.Cookie, CocPrincipals.ForScreen(token, CocAuthSchemes.Cookie),
                new AuthenticationProperties { IsPersistent = true, IssuedUtc = now, ExpiresUtc = now.AddDays(days), AllowRefresh = true });
            logger.LogInformation("Screen '{Screen}' signed in from {Remote} on {Path}", token.Name, context.Connection.RemoteIpAddress, context.Request.Path);
        }
        context.Response.Redirect(WithoutToken(context.Request));
    }

    private static string WithoutToken(HttpRequest request)
    {
        var query = new QueryBuilder(request.Query.Where(q => q.Key != QueryKey));
        return request.PathBase + request.Path + query.ToQueryString();
    }
}
