namespace Coc.Simulator;

/// <summary>
/// Jittered, doubling waits between attempts at a receiver that does not answer (an MQTT broker not
/// up yet, a Coc restarting); <see cref="Reset"/> once it answers again.
/// </summary>
internal sealed class SimBackoff(TimeProvider timeProvider)
{
    /// <summary>The first wait, and the shortest any retry should wait.</summary>
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    private TimeSpan _next = First;

    public void Reset() => _next = First;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        // Jitter keeps many simulators from hammering a restarting receiver in step.
        await Task.Delay(_next * (0.8 + 0.4 * Random.Shared.NextDouble()), timeProvider, cancellationToken).ConfigureAwait(false);
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, Max.Ticks));
    }
}
