using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Coc.Web.Security;

/// <summary>
/// A wall circuit lives for weeks, long after its cookie was checked: every <see cref="AuthOptions.RevalidateSeconds"/>
/// it asks whether its screen token or account still stands. When not, the page shows the not-authorised
/// view, which sends the browser to the sign-in page.
/// </summary>
public sealed class CocAuthenticationStateProvider(ILoggerFactory loggerFactory, SessionValidator validator, IOptions<AuthOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(options.Value.RevalidateSeconds);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        Task.FromResult(validator.IsStillValid(authenticationState.User));
}
