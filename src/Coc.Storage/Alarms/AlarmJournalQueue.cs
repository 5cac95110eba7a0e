using System.Threading.Channels;
using Coc.Core.Alarms;

namespace Coc.Storage.Alarms;

/// <summary>
/// The bounded queue between <see cref="SqliteAlarmJournal.Append"/> and the writer, with the counts that let
/// <see cref="SqliteAlarmJournal.FlushAsync"/> wait for "everything appended so far".
/// </summary>
internal sealed class AlarmJournalQueue
{
    private readonly Channel<AlarmTransition> _channel;
    private readonly object _gate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _waiters = [];
    private long _accepted;
    private long _finished;
    private long _dropped;

    public AlarmJournalQueue(int capacity) =>
        _channel = Channel.CreateBounded<AlarmTransition>(new BoundedChannelOptions(capacity)
        {
            // Wait mode with TryWrite only: a full queue refuses the newest, so the history keeps what came first.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });

    public ChannelReader<AlarmTransition> Reader => _channel.Reader;

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Accepted but neither written nor lost yet.</summary>
    public long Pending
    {
        get
        {
            lock (_gate)
            {
                return _accepted - _finished;
            }
        }
    }

    /// <summary>False when the queue is full or closed; the refusal is counted.</summary>
    public bool TryAdd(AlarmTransition transition)
    {
        // The lock makes "accepted" match channel order, so a flush never returns while an earlier append
        // from another thread is still queued. It is held for a TryWrite only: no waiting on the writer.
        lock (_gate)
        {
            if (_channel.Writer.TryWrite(transition))
            {
                _accepted++;
                return true;
            }
        }
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Called by the writer once <paramref name="count"/> dequeued transitions are written or given up.</summary>
    public void Finished(int count)
    {
        List<TaskCompletionSource>? done = null;
        lock (_gate)
        {
            _finished += count;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Target <= _finished)
                {
                    (done ??= []).Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }
        done?.ForEach(d => d.TrySetResult());
    }

    public Task WaitForAllAcceptedAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_finished >= _accepted)
            {
                return Task.CompletedTask;
            }
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((_accepted, done));
        }
        return done.Task.WaitAsync(cancellationToken);
    }

    public void Complete() => _channel.Writer.TryComplete();
}
