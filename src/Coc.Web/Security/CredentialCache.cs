using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Coc.Core.Security;

namespace Coc.Web.Security;

/// <summary>
/// Remembers which presented secret matched which configured hash, so a hub client or script sending the
/// same bearer token or Basic password on every request pays PBKDF2 once, not per request. An entry counts
/// only while the configured hash is unchanged, so a changed secret is checked afresh.
/// </summary>
public sealed class CredentialCache
{
    private const int MaxEntries = 1_000;
    private readonly ConcurrentDictionary<string, string> _verified = new(StringComparer.Ordinal);

    public bool Verify(string scope, string presented, string configuredHash)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(scope + "\n" + presented)));
        if (_verified.TryGetValue(key, out var hash) && string.Equals(hash, configuredHash, StringComparison.Ordinal))
        {
            return true;
        }
        if (!SecretHash.Verify(presented, configuredHash))
        {
            return false;
        }
        if (_verified.Count >= MaxEntries)
        {
            _verified.Clear();
        }
        _verified[key] = configuredHash;
        return true;
    }
}
