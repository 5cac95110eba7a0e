using Coc.Core.Security;

namespace Coc.Web.Security;

/// <summary>The kiosk screen tokens of <c>Coc:Auth:ScreenTokens</c> (or the first-run one); a revoked token matches nothing.</summary>
public sealed class ScreenTokenStore(AuthSettings settings, VerifiedSecrets verified)
{
    public ScreenToken? Find(string? name) =>
        string.IsNullOrEmpty(name) ? null : settings.Current.ScreenTokens.FirstOrDefault(t => !t.Revoked && string.Equals(t.Name, name, StringComparison.Ordinal));

    public ScreenToken? Verify(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 512)
        {
            return null;
        }
        // One lookup over all tokens: a kiosk with the third token must not pay PBKDF2 for the first two on every request.
        return verified.FindMatch("screen", secret, [.. settings.Current.ScreenTokens.Where(t => !t.Revoked)], t => t.TokenHash);
    }
}
