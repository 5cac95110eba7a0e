using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Coc.Core.Security;

/// <summary>
/// Finds which configured secret (ingest key, screen token, account password) a presented one is, paying PBKDF2
/// once per presented secret rather than per request: a fingerprint of what was presented is remembered with the
/// hash it matched. The memory counts only while that hash is still configured, so a changed or removed secret
/// is checked afresh. Bounded: cleared when full.
/// </summary>
public sealed class VerifiedSecrets(int maxEntries = 1_000)
{
    private readonly ConcurrentDictionary<string, string> _matched = new(StringComparer.Ordinal);

    /// <summary>
    /// The candidate whose hash <paramref name="presented"/> matches, or null. <paramref name="scope"/> keeps the
    /// same text presented to different kinds of secret apart (a password that is also a token).
    /// </summary>
    public T? FindMatch<T>(string scope, string presented, IReadOnlyCollection<T> candidates, Func<T, string?> hashOf)
        where T : class
    {
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(scope + "\n" + presented)));
        if (_matched.TryGetValue(fingerprint, out var remembered)
            && candidates.FirstOrDefault(c => string.Equals(hashOf(c), remembered, StringComparison.Ordinal)) is { } known)
        {
            return known;
        }
        var match = candidates.FirstOrDefault(c => SecretHash.Verify(presented, hashOf(c)));
        if (match is not null)
        {
            if (_matched.Count >= maxEntries)
            {
                _matched.Clear();
            }
            _matched[fingerprint] = hashOf(match)!;
        }
        return match;
    }
}
