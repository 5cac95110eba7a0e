using System.Collections.Concurrent;
namespace Coc.Web.Security;

/// <summary>
/// Slows password guessing: after <see cref="AuthOptions.MaxFailedSignIns"/> failures for one account from one
/// address, further attempts are refused unchecked until a wait has passed (doubling, at most 15 min).
/// Per account and address, so a guesser elsewhere cannot lock an officer out of their own tablet.
/// </summary>
public sealed class SignInThrottle(AuthSettings settings, TimeProvider time)
{
    private const int MaxTracked = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _failures = new(StringComparer.Ordinal);
    private long _failed;

    /// <summary>Failed sign-ins since start (all accounts), for logs and tests.</summary>
    public long FailedTotal => Interlocked.Read(ref _failed);

    /// <summary>How long this account/address must still wait; zero when it may try.</summary>
    public TimeSpan WaitFor(string name, string? address)
    {
        if (!_failures.TryGetValue(Key(name, address), out var entry))
        {
            return TimeSpan.Zero;
        }
        var left = entry.BlockedUntil - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    public int Failed(string name, string? address)
    {
        Interlocked.Increment(ref _failed);
        if (_failures.Count >= MaxTracked)
        {
            _failures.Clear(); // bounded: a flood of made-up names must not grow memory
        }
        var o = settings.Current;
        var now = time.GetUtcNow();
        var entry = _failures.AddOrUpdate(Key(name, address), _ => new Entry(1, DateTimeOffset.MinValue), (_, e) => e with { Count = e.Count + 1 });
        if (entry.Count >= o.MaxFailedSignIns)
        {
            var doublings = Math.Min(entry.Count - o.MaxFailedSignIns, 10);
            var wait = TimeSpan.FromSeconds(Math.Min(o.FailedSignInDelaySeconds * Math.Pow(2, doublings), 900));
            entry = entry with { BlockedUntil = now + wait };
            _failures[Key(name, address)] = entry;
        }
        return entry.Count;
    }

    public void Succeeded(string name, string? address) => _failures.TryRemove(Key(name, address), out _);

    private static string Key(string name, string? address) => name + "|" + address;

    private sealed record Entry(int Count, DateTimeOffset BlockedUntil);
}
