using Coc.Core.Alarms;

namespace Coc.Core.Tests.Alarms;

/// <summary>A journal in a list: what the engine appended, and what a restart would load back.</summary>
internal sealed class InMemoryAlarmJournal : IAlarmJournal
{
    public List<AlarmTransition> Appended { get; } = [];

    public List<Alarm> OpenAtStart { get; } = [];

    public void Append(AlarmTransition transition) => Appended.Add(transition);

    public IReadOnlyList<Alarm> LoadOpen() => OpenAtStart;

    /// <summary>The open alarms as a real journal would have them after these transitions.</summary>
    public List<Alarm> OpenFromAppended() =>
        Appended.GroupBy(t => t.After.Id).Select(g => g.Last().After).Where(a => a.State != AlarmState.Closed).ToList();

    public Task<IReadOnlyList<AlarmTransition>> QueryAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AlarmTransition>>(Appended.Where(t => t.At >= from && t.At < to).Reverse().Take(limit).ToList());

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
