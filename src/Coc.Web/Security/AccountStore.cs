using Coc.Core.Security;

namespace Coc.Web.Security;

/// <summary>The local accounts of <c>Coc:Auth:Users</c> (or the first-run admin), read at each use so a config reload counts at once.</summary>
public sealed class AccountStore(AuthSettings settings, VerifiedSecrets verified)
{
    public LocalAccount? Find(string? name) =>
        string.IsNullOrEmpty(name) ? null : settings.Current.Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));

    /// <summary>The account when the password matches; null otherwise (unknown name or wrong password look the same).</summary>
    public LocalAccount? Verify(string? name, string? password)
    {
        var account = Find(name?.Trim().ToLowerInvariant());
        if (account is null || string.IsNullOrEmpty(password))
        {
            return null;
        }
        return verified.FindMatch("account:" + account.Name, password, [account], a => a.PasswordHash);
    }
}
