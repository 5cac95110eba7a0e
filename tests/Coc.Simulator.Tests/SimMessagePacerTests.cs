using Microsoft.Extensions.Time.Testing;

namespace Coc.Simulator.Tests;

public class SimMessagePacerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.FromHours(7)));

    private static readonly LoadBatching EachDue = new(1, int.MaxValue, RestAfterBatch: true);

    [Fact]
    public async Task DueAsync_Rounds_FirstRoundAtOnceThenOneEveryInterval()
    {
        await using var due = Start(new SimulatorOptions { IntervalMs = 1000, Devices = 2 }, EachDue, CancellationToken.None);

        Assert.True(await due.MoveNextAsync());
        Assert.NotEmpty(due.Current);
        var next = due.MoveNextAsync().AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await next.WaitAsync(Wait));
        Assert.NotEmpty(due.Current);
    }

    [Fact]
    public async Task DueAsync_Load_YieldsWhatFellDueAndDropsABacklogBeyondOneSecond()
    {
        await using var due = Start(new SimulatorOptions { MessagesPerSecond = 1000 }, EachDue, CancellationToken.None);

        Assert.Equal(10, (await NextAfterAsync(due, TimeSpan.FromMilliseconds(10))).Count);
        Assert.Equal(1000, (await NextAfterAsync(due, TimeSpan.FromSeconds(5))).Count);
    }

    [Fact]
    public async Task DueAsync_LoadBatching_WaitsForTheMinimumAndCapsAtTheMaximum()
    {
        using var stop = new CancellationTokenSource();
        await using var due = Start(new SimulatorOptions { MessagesPerSecond = 1000 }, new LoadBatching(50, 80, RestAfterBatch: false), stop.Token);

        var first = due.MoveNextAsync().AsTask();
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            Assert.False(first.IsCompleted);
        }
        _time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.True(await first.WaitAsync(Wait));
        Assert.Equal(50, due.Current.Count);
        Assert.Equal(80, (await NextAfterAsync(due, TimeSpan.FromMilliseconds(100))).Count);

        // The 20 left over are below the minimum: the next batch waits, until stopped.
        var waiting = due.MoveNextAsync().AsTask();
        Assert.False(waiting.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Wait));
    }

    private IAsyncEnumerator<IReadOnlyList<SimMessage>> Start(SimulatorOptions options, LoadBatching batching, CancellationToken cancellationToken) =>
        new SimMessagePacer(options, _time, batching).DueAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    private async Task<IReadOnlyList<SimMessage>> NextAfterAsync(IAsyncEnumerator<IReadOnlyList<SimMessage>> due, TimeSpan advance)
    {
        var next = due.MoveNextAsync().AsTask();
        _time.Advance(advance);
        Assert.True(await next.WaitAsync(Wait));
        return due.Current;
    }
}
