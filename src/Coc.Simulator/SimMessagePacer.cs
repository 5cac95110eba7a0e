using System.Runtime.CompilerServices;

namespace Coc.Simulator;

/// <summary>
/// When the simulator sends what, whatever the transport: one round of the model's messages every
/// <see cref="SimulatorOptions.IntervalMs"/>, or in load mode a steady stream at
/// <see cref="SimulatorOptions.MessagesPerSecond"/>. The runners only move the messages it yields.
/// </summary>
internal sealed class SimMessagePacer
{
    private static readonly TimeSpan LoadSlice = TimeSpan.FromMilliseconds(10);

    private readonly SimulatorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly JambiFeedModel _model;
    private readonly LoadBatching _batching;
    private IReadOnlyList<SimMessage> _pending = [];
    private int _pendingIndex;

    public SimMessagePacer(SimulatorOptions options, TimeProvider timeProvider, LoadBatching batching)
    {
        _options = options;
        _timeProvider = timeProvider;
        _batching = batching;
        _model = new JambiFeedModel(timeProvider, options.Seed, options.Devices);
    }

    /// <summary>
    /// The messages due now, batch after batch, until cancelled (the wait then throws) or the caller
    /// stops. Each call starts afresh, so a stream resumed after an outage does not burst to catch up.
    /// A yielded list is only good until the next one is asked for.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<SimMessage>> DueAsync(CancellationToken cancellationToken) =>
        _options.MessagesPerSecond > 0 ? AtRateAsync(cancellationToken) : RoundsAsync(cancellationToken);

    private async IAsyncEnumerable<IReadOnlyList<SimMessage>> RoundsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.IntervalMs), _timeProvider);
        do
        {
            yield return _model.Tick();
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    private async IAsyncEnumerable<IReadOnlyList<SimMessage>> AtRateAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        double rate = _options.MessagesPerSecond;
        var chunk = new List<SimMessage>();
        var started = _timeProvider.GetTimestamp();
        long sent = 0;
        while (true)
        {
            var due = (long)(_timeProvider.GetElapsedTime(started).TotalSeconds * rate) - sent;
            if (due > rate)
            {
                // More than a second behind (a slow receiver): drop the backlog instead of bursting to catch up.
                sent += due - (long)rate;
                due = (long)rate;
            }
            if (due >= _batching.Min)
            {
                chunk.Clear();
                var take = (int)Math.Min(due, _batching.Max);
                for (var i = 0; i < take; i++)
                {
                    chunk.Add(NextMessage());
                }
                sent += take;
                yield return chunk;
                if (!_batching.RestAfterBatch)
                {
                    continue;
                }
            }
            await Task.Delay(LoadSlice, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The load stream: the simulated devices' messages in turn, a fresh round when one runs out.</summary>
    private SimMessage NextMessage()
    {
        if (_pendingIndex >= _pending.Count)
        {
            _pending = _model.Tick();
            _pendingIndex = 0;
        }
        return _pending[_pendingIndex++];
    }
}

/// <summary>
/// How load mode cuts the stream: a batch waits until <paramref name="Min"/> messages are due (so
/// low rates still batch), holds at most <paramref name="Max"/>, and with
/// <paramref name="RestAfterBatch"/> a time slice passes after each batch before the next is counted.
/// </summary>
internal readonly record struct LoadBatching(long Min, int Max, bool RestAfterBatch);
