using System.Collections.Concurrent;
using Coc.Core.Live;

namespace Coc.Core.Tests.Live;

public class SingleFlightTests
{
    private readonly ConcurrentQueue<TaskCompletionSource> _held = new();
    private readonly SemaphoreSlim _started = new(0);
    private int _runs;

    /// <summary>
    /// Each run waits until the test releases it, so "a run is under way" is under the test's control.
    /// </summary>
    private SingleFlight CreateHeld() => new(() =>
    {
        _runs++;
        var tcs = new TaskCompletionSource();
        _held.Enqueue(tcs);
        _started.Release();
        return tcs.Task;
    });

    [Fact]
    public async Task Request_Idle_RunsAtOnceAndCompletesWithTheRun()
    {
        var flight = CreateHeld();

        var task = flight.RequestAsync();

        Assert.Equal(1, _runs);
        Assert.False(task.IsCompleted);
        Release();
        await task;
    }

    [Fact]
    public async Task Request_ManyWhileRunning_CollapseIntoOneMoreRun()
    {
        var flight = CreateHeld();
        var first = flight.RequestAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.True(flight.RequestAsync().IsCompleted, "a request during a run must not start or queue its own run");
        }
        Assert.Equal(1, _runs);

        Release();
        Assert.True(await _started.WaitAsync(TimeSpan.FromSeconds(10)) && await _started.WaitAsync(TimeSpan.FromSeconds(10)), "the follow-up run never started");
        Assert.Equal(2, _runs);
        Release();
        await first;
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task Request_AfterRunEnded_RunsAgain()
    {
        var flight = CreateHeld();
        var first = flight.RequestAsync();
        Release();
        await first;

        var second = flight.RequestAsync();

        Assert.Equal(2, _runs);
        Release();
        await second;
    }

    [Fact]
    public async Task Request_RunThrows_FaultsThatRequestAndTheNextStillRuns()
    {
        var calls = 0;
        var flight = new SingleFlight(() => ++calls == 1 ? Task.FromException(new InvalidOperationException("boom")) : Task.CompletedTask);

        await Assert.ThrowsAsync<InvalidOperationException>(flight.RequestAsync);
        await flight.RequestAsync();

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Request_FromManyThreads_NeverOverlapsAndNeverLosesTheLastRequest()
    {
        var asked = 0;
        var running = 0;
        var maxRunning = 0;
        var lastSeen = 0;
        var flight = new SingleFlight(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            // A run covers every request made before it started.
            Volatile.Write(ref lastSeen, Volatile.Read(ref asked));
            await Task.Yield();
            Interlocked.Decrement(ref running);
        });

        var runners = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var started = new List<Task>();
            for (var i = 0; i < 20_000; i++)
            {
                Interlocked.Increment(ref asked);
                started.Add(flight.RequestAsync());
            }
            return started;
        })));
        await Task.WhenAll(runners.SelectMany(t => t));

        Assert.Equal(1, maxRunning);
        Assert.Equal(80_000, lastSeen);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private void Release()
    {
        Assert.True(_held.TryDequeue(out var run), "no run is under way");
        run.SetResult();
    }
}
