using System.Text.Json;
using Coc.Core.Alarms;
using Coc.Storage.Influx;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coc.Storage.Alarms;

/// <summary>
/// The alarm history in one SQLite file. <see cref="Append"/> only queues; a background writer commits many
/// transitions per SQLite transaction, retries with backoff while the disk refuses, and keeps old rows for
/// <see cref="AlarmJournalOptions.RetentionDays"/>. The constructor opens (or creates) the file, so a bad file
/// fails at startup with an <see cref="AlarmJournalException"/> naming it.
/// </summary>
public sealed class SqliteAlarmJournal : IAlarmJournal, IAsyncDisposable
{
    // Wall-clock bound on draining at shutdown, independent of the injected clock: a stopping host must exit.
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LogDropsEvery = TimeSpan.FromMinutes(1);

    private readonly AlarmJournalOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AlarmJournalQueue _queue;
    private readonly AlarmJournalRetention _retention;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _statusGate = new();
    private readonly Task _writer;
    private readonly Task _retentionLoop;
    private SqliteConnection? _connection; // the writer task's only
    private long _written;
    private long _lost;
    private int _failuresInARow;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private DateTimeOffset? _lastWriteAt;
    private DateTimeOffset _lastDropLog = DateTimeOffset.MinValue;
    private int _disposed;

    public SqliteAlarmJournal(string databasePath, AlarmJournalOptions? options = null, TimeProvider? time = null, ILogger<SqliteAlarmJournal>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _options = options ?? new AlarmJournalOptions();
        _options.Validate();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SqliteAlarmJournal>.Instance;
        DatabasePath = Path.GetFullPath(databasePath);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AlarmJournalException(DatabasePath, $"cannot create its folder ({ex.Message}).", ex);
        }
        _connection = AlarmJournalDatabase.Open(DatabasePath);
        _queue = new AlarmJournalQueue(_options.QueueCapacity);
        _retention = new AlarmJournalRetention(DatabasePath, TimeSpan.FromDays(_options.RetentionDays), _time, _logger);
        _writer = Task.Run(WriteLoopAsync);
        _retentionLoop = Task.Run(() => _retention.RunAsync(_stopping.Token));
    }

    public string DatabasePath { get; }

    /// <summary>Test hook: awaited before each batch is written, so a test can pause the writer or make it fail.</summary>
    internal Func<CancellationToken, Task>? BeforeWriteBatch { get; set; }

    public void Append(AlarmTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        ArgumentNullException.ThrowIfNull(transition.After);
        if (!_queue.TryAdd(transition))
        {
            LogDrop();
        }
    }

    /// <summary>Reads the file, so it shows what is on disk: call <see cref="FlushAsync"/> first after appending.</summary>
    public IReadOnlyList<Alarm> LoadOpen()
    {
        try
        {
            using var connection = OpenReader();
            return AlarmTransitionRows.LoadOpen(connection);
        }
        catch (Exception ex) when (ex is SqliteException or JsonException)
        {
            throw new AlarmJournalException(DatabasePath, $"cannot read the open alarms ({ex.Message}).", ex);
        }
    }

    /// <summary>Reads the file, so transitions still queued are not included yet.</summary>
    public Task<IReadOnlyList<AlarmTransition>> QueryAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // Microsoft.Data.Sqlite's async methods run synchronously; keep the disk read off the caller's (circuit's) thread.
        return Task.Run<IReadOnlyList<AlarmTransition>>(() =>
        {
            using var connection = OpenReader();
            return AlarmTransitionRows.Query(connection, from, to, limit, cancellationToken);
        }, cancellationToken);
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _queue.WaitForAllAcceptedAsync(cancellationToken);

    public AlarmJournalStatus GetStatus()
    {
        lock (_statusGate)
        {
            return new AlarmJournalStatus(DatabasePath, _queue.Pending, Interlocked.Read(ref _written), _queue.Dropped, Interlocked.Read(ref _lost),
                _failuresInARow, _lastError, _lastErrorAt, _lastWriteAt, _retention.LastSweepAt, _retention.Deleted);
        }
    }

    /// <summary>Writes what is queued (for at most a few seconds if the disk is failing), then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _queue.Complete();
        try
        {
            await _writer.WaitAsync(ShutdownGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Alarm journal {Path}: {Queued} transitions still queued at shutdown; one last attempt, then they are lost", DatabasePath, _queue.Pending);
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(false);
        await _retentionLoop.ConfigureAwait(false);
        _connection?.Dispose();
        _connection = null;
        // Pooled read connections would keep the file open after the journal is gone.
        using (var any = new SqliteConnection(AlarmJournalDatabase.ConnectionString(DatabasePath)))
        {
            SqliteConnection.ClearPool(any);
        }
        _stopping.Dispose();
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(AlarmJournalDatabase.ConnectionString(DatabasePath));
        connection.Open();
        return connection;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<AlarmTransition>(_options.MaxBatch);
        var reader = _queue.Reader;
        // Ends when the queue is completed (dispose) and drained.
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var transition))
            {
                batch.Add(transition);
            }
            await WriteBatchAsync(batch).ConfigureAwait(false);
            _queue.Finished(batch.Count);
            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<AlarmTransition> batch)
    {
        var rows = Serialize(batch);
        while (true)
        {
            try
            {
                if (BeforeWriteBatch is { } hook)
                {
                    await hook(_stopping.Token).ConfigureAwait(false);
                }
                // Reopened after a failure: a deleted or replaced file is recreated with the schema.
                _connection ??= AlarmJournalDatabase.Open(DatabasePath);
                AlarmTransitionRows.Insert(_connection, rows);
                Succeeded(rows.Count);
                return;
            }
            catch (Exception ex)
            {
                // Any failure is retried, not only I/O ones: losing the audit trail to an unforeseen exception
                // type is worse than retrying it; the status and the log show it meanwhile.
                _connection?.Dispose();
                _connection = null;
                var failures = Failed(ex);
                if (_stopping.IsCancellationRequested)
                {
                    Interlocked.Add(ref _lost, rows.Count);
                    _logger.LogError(ex, "Alarm journal {Path}: closing while writes fail; {Count} transitions lost", DatabasePath, rows.Count);
                    return;
                }
                try
                {
                    await Task.Delay(Backoff.Delay(failures, _options.MaxRetryDelay), _time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Closing: one last attempt.
                }
            }
        }
    }

    private List<AlarmTransitionRows.Row> Serialize(List<AlarmTransition> batch)
    {
        var rows = new List<AlarmTransitionRows.Row>(batch.Count);
        foreach (var transition in batch)
        {
            try
            {
                rows.Add(new AlarmTransitionRows.Row(transition, AlarmSnapshotJson.Serialize(transition.After)));
            }
            catch (Exception ex)
            {
                // Retrying cannot help a transition that has no stored form; the rest of the batch still goes,
                // and the writer task must not die with it (every later flush would wait forever).
                Interlocked.Increment(ref _lost);
                _logger.LogError(ex, "Alarm journal {Path}: transition {Kind} of {AlarmId} cannot be stored; skipped", DatabasePath, transition.Kind, transition.After.Id);
            }
        }
        return rows;
    }

    private void Succeeded(int count)
    {
        Interlocked.Add(ref _written, count);
        int failedBefore;
        lock (_statusGate)
        {
            failedBefore = _failuresInARow;
            _failuresInARow = 0;
            _lastWriteAt = _time.GetUtcNow();
        }
        if (failedBefore > 0)
        {
            _logger.LogInformation("Alarm journal {Path}: writing again after {Failures} failed attempts", DatabasePath, failedBefore);
        }
    }

    private int Failed(Exception ex)
    {
        int failures;
        lock (_statusGate)
        {
            failures = ++_failuresInARow;
            _lastError = ex.Message;
            _lastErrorAt = _time.GetUtcNow();
        }
        // Backoff caps at MaxRetryDelay, so this logs at most a few times a minute during an outage.
        _logger.LogWarning(ex, "Alarm journal {Path}: write failed ({Failures} in a row, {Queued} queued); retrying", DatabasePath, failures, _queue.Pending);
        return failures;
    }

    private void LogDrop()
    {
        var now = _time.GetUtcNow();
        lock (_statusGate)
        {
            if (now - _lastDropLog < LogDropsEvery)
            {
                return;
            }
            _lastDropLog = now;
        }
        _logger.LogError("Alarm journal {Path}: queue full ({Capacity}); transitions are dropped from history, {Dropped} so far (last error: {Error})",
            DatabasePath, _options.QueueCapacity, _queue.Dropped, _lastError);
    }
}
