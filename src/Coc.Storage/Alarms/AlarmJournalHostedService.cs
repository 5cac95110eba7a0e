using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coc.Storage.Alarms;

/// <summary>
/// Ties the journal to the host: resolving it at start opens the file (a bad file stops startup, naming it),
/// and stopping waits for the queue to reach the disk within the host's shutdown timeout.
/// The container disposes the journal afterwards, which closes the file.
/// </summary>
internal sealed class AlarmJournalHostedService(SqliteAlarmJournal journal, ILogger<AlarmJournalHostedService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Alarm journal at {Path}", journal.DatabasePath);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await journal.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Dispose still gets a last attempt; what it cannot write is counted and logged there.
            logger.LogWarning("Alarm journal {Path}: shutdown timeout with {Queued} transitions queued", journal.DatabasePath, journal.GetStatus().Queued);
        }
    }
}
