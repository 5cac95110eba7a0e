using Microsoft.Extensions.Options;

namespace Coc.Web.Security;

/// <summary>The kiosk screen tokens of <c>Coc:Auth:ScreenTokens</c> (or the first-run one); a revoked token matches nothing.</summary>
public sealed class ScreenTokenStore(IOptionsMonitor<AuthOptions> options, CredentialCache cache)
{
    public ScreenToken? Find(string? name) =>
        string.IsNullOrEmpty(name) ? null : options.CurrentValue.ScreenTokens.FirstOrDefault(t => !t.Revoked && string.Equals(t.Name, name, StringComparison.Ordinal));

    public ScreenToken? Verify(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 512)
        {
            return null;
        }
        return options.CurrentValue.ScreenTokens.FirstOrDefault(t => !t.Revoked && cache.Verify("screen:" + t.Name, secret, t.TokenHash));
    }
}
