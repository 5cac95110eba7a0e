using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Coc.Web.Security;

/// <summary>
/// What a Coc session carries: who (account, screen token or identity-provider user), its role, and a
/// fingerprint of the configured hash it was issued against, so a changed or removed credential ends the
/// session on the next request without running PBKDF2 again.
/// </summary>
public static class CocPrincipals
{
    public const string KindClaim = "coc:kind";
    public const string FingerprintClaim = "coc:fp";
    public const string Account = "account";
    public const string Screen = "screen";
    public const string External = "oidc";

    public static ClaimsPrincipal ForAccount(LocalAccount account, string scheme) =>
        Build(Account, account.Name, account.DisplayName ?? account.Name, account.Role, Fingerprint(account.PasswordHash + "|" + account.Role), scheme);

    public static ClaimsPrincipal ForScreen(ScreenToken token, string scheme) =>
        Build(Screen, token.Name, token.Name, CocRoles.Viewer, Fingerprint(token.TokenHash), scheme);

    public static ClaimsPrincipal ForExternal(string name, string displayName, string role, string scheme) =>
        Build(External, name, displayName, role, "", scheme);

    public static string? Kind(ClaimsPrincipal user) => user.FindFirst(KindClaim)?.Value;

    /// <summary>A short digest of a configured hash (never the hash itself: the cookie need not carry it).</summary>
    public static string Fingerprint(string configured) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(configured)).AsSpan(0, 12));

    private static ClaimsPrincipal Build(string kind, string name, string displayName, string role, string fingerprint, string scheme)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, name),
            new Claim(ClaimTypes.Name, displayName),
            new Claim(ClaimTypes.Role, role),
            new Claim(KindClaim, kind),
            new Claim(FingerprintClaim, fingerprint),
        ], scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }
}
