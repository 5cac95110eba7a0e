namespace Coc.Web.Security;

/// <summary>The kiosk screen tokens of <c>Coc:Auth:ScreenTokens</c> (or the first-run one); a revoked token matches nothing.</summary>
public sealed class ScreenTokenStore(AuthSettings settings, CredentialCache cache)
{
    public ScreenToken? Find(string? name) =>
        string.IsNullOrEmpty(name) ? null : settings.Current.ScreenTokens.FirstOrDefault(t => !t.Revoked && string.Equals(t.Name, name, StringComparison.Ordinal));

    public ScreenToken? Verify(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 512)
        {
            return null;
        }
        return settings.Current.ScreenTokens.FirstOrDefault(t => !t.Revoked && cache.Verify("screen:" + t.Name, secret, t.TokenHash));
    }
}
