using Coc.Core.Alarms;

namespace Coc.Web.Tests.Support;

/// <summary>
/// Keeps transitions in a list, for component tests that are about what a screen draws. Persistence is
/// tested against the real SQLite journal (Coc.Storage.Tests, AlarmRestartTests).
/// </summary>
public sealed class MemoryAlarmJournal : IAlarmJournal
{
    private readonly Lock _lock = new();
    private readonly List<AlarmTransition> _transitions = [];

    public IReadOnlyList<AlarmTransition> Transitions
    {
        get
        {
            lock (_lock)
            {
                return [.. _transitions];
            }
        }
    }

    public void Append(AlarmTransition transition)
    {
        lock (_lock)
        {
            _transitions.Add(transition);
        }
    }

    public IReadOnlyList<Alarm> LoadOpen()
    {
        lock (_lock)
        {
            return _transitions.GroupBy(t => t.After.Id).Select(g => g.Last().After).Where(a => a.IsOpen).ToArray();
        }
    }

    public Task<IReadOnlyList<AlarmTransition>> QueryAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<AlarmTransition> rows = _transitions.Where(t => t.At >= from && t.At < to).Reverse().Take(limit).ToArray();
            return Task.FromResult(rows);
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
