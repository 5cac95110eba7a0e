namespace Coc.Storage.Alarms;

/// <summary>The journal's file cannot be used (not a database, damaged, from a newer version, unreadable); the message names the file.</summary>
public sealed class AlarmJournalException : Exception
{
    public AlarmJournalException(string path, string message, Exception? inner = null)
        : base($"Alarm journal {path}: {message}", inner) => Path = path;

    public string Path { get; }
}
