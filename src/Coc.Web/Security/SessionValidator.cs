using System.Security.Claims;

namespace Coc.Web.Security;

/// <summary>
/// Whether a session issued earlier still stands: its account or screen token is still configured, not
/// revoked, with the same hash (and for an account the same role). Cheap: a lookup and a SHA-256, no PBKDF2,
/// so it runs on every request (cookie) and every few seconds on a live circuit.
/// </summary>
public sealed class SessionValidator(AccountStore accounts, ScreenTokenStore screens)
{
    public bool IsStillValid(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }
        var name = user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var fingerprint = user.FindFirst(CocPrincipals.FingerprintClaim)?.Value;
        return CocPrincipals.Kind(user) switch
        {
            CocPrincipals.Account => accounts.Find(name) is { } a && CocPrincipals.Fingerprint(a.PasswordHash + "|" + a.Role) == fingerprint,
            CocPrincipals.Screen => screens.Find(name) is { } t && CocPrincipals.Fingerprint(t.TokenHash) == fingerprint,
            // The identity provider decides who its users are; their role was mapped at sign-in and lasts the session.
            CocPrincipals.External => true,
            _ => false,
        };
    }
}
