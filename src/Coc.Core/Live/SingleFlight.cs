namespace Coc.Core.Live;

/// <summary>
/// Runs an async update at most once at a time. A request that arrives while one runs is not
/// queued behind it: all such requests collapse into one more run after the current one ends.
/// Why: a chart update awaits the browser; when the browser is slower than the throttle, queued
/// updates would pile up in server memory without bound (seen as +330 MB/h in the soak bench).
/// </summary>
public sealed class SingleFlight
{
    private readonly Func<Task> _run;

    // 0: idle. 1: running, nothing new asked. > 1: running, and asked again since it started.
    private int _requests;

    public SingleFlight(Func<Task> run) => _run = run;

    /// <summary>Starts a run, or marks one more as wanted if a run is under way.</summary>
    /// <returns>The run started by this call, or a completed task when an earlier caller runs it.</returns>
    public Task RequestAsync() => Interlocked.Increment(ref _requests) == 1 ? RunLoopAsync() : Task.CompletedTask;

    private async Task RunLoopAsync()
    {
        while (true)
        {
            try
            {
                await _run().ConfigureAwait(false);
            }
            catch
            {
                // Let the next request start afresh, then report this failure to the caller.
                Volatile.Write(ref _requests, 0);
                throw;
            }
            // Nothing asked during the run (still 1) → go idle, unless a request slips in right now.
            if (Interlocked.Exchange(ref _requests, 1) == 1 && Interlocked.CompareExchange(ref _requests, 0, 1) == 1)
            {
                return;
            }
        }
    }
}
