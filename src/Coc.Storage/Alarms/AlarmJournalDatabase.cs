using Microsoft.Data.Sqlite;

namespace Coc.Storage.Alarms;

/// <summary>
/// Opens the journal's SQLite file: creates it with the schema, or checks that an existing one is a readable
/// journal of a version this code understands. Every failure is an <see cref="AlarmJournalException"/> naming the
/// file, so a bad file stops the host at startup instead of failing writes later.
/// </summary>
internal static class AlarmJournalDatabase
{
    /// <summary>PRAGMA user_version of the schema below; a future migration goes from this number up.</summary>
    public const int SchemaVersion = 1;

    // One row per transition with the whole alarm after it: the newest row of an alarm is its last known state.
    // at_ms in UTC milliseconds keeps range queries on an integer index and readable with the sqlite3 shell.
    private const string CreateSchema = """
        CREATE TABLE IF NOT EXISTS transitions (
            seq        INTEGER PRIMARY KEY,
            at_ms      INTEGER NOT NULL,
            kind       TEXT    NOT NULL,
            alarm_id   TEXT    NOT NULL,
            occurrence INTEGER NOT NULL,
            state      TEXT    NOT NULL,
            by_user    TEXT,
            comment    TEXT,
            alarm      TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_transitions_at ON transitions (at_ms);
        CREATE INDEX IF NOT EXISTS ix_transitions_alarm ON transitions (alarm_id, seq);
        """;

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        // Also the busy timeout: the retention sweep and the writer share the file.
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Opens a connection for writing, creating or checking the schema.</summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(ConnectionString(path));
        try
        {
            connection.Open();
            // WAL: readers (the /alarms page) never wait for the writer. FULL: an acknowledgement is an audit
            // record and must survive a power cut; batching keeps the fsyncs few.
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
            EnsureSchema(connection, path);
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new AlarmJournalException(path, $"not a readable SQLite database ({ex.Message}). Move the file aside to start a new journal.", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void EnsureSchema(SqliteConnection connection, string path)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"));
        if (version > SchemaVersion)
        {
            throw new AlarmJournalException(path, $"schema version {version} is newer than this Coc understands ({SchemaVersion}).");
        }
        if (version == SchemaVersion)
        {
            // A damaged page shows here, at startup, rather than as a failing write days later.
            var check = Convert.ToString(Scalar(connection, "PRAGMA quick_check;"));
            if (!string.Equals(check, "ok", StringComparison.Ordinal))
            {
                throw new AlarmJournalException(path, $"the database is damaged (quick_check: {check}). Move the file aside to start a new journal.");
            }
            return;
        }
        using var transaction = connection.BeginTransaction();
        Execute(connection, CreateSchema, transaction);
        Execute(connection, $"PRAGMA user_version = {SchemaVersion};", transaction);
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
