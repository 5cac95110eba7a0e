using Coc.Core.Alarms;
using Microsoft.Data.Sqlite;

namespace Coc.Storage.Alarms;

/// <summary>The SQL of the transitions table: insert a batch, read a time range, read the open alarms, delete old rows.</summary>
internal static class AlarmTransitionRows
{
    private const string SelectColumns = "SELECT kind, at_ms, by_user, comment, alarm FROM transitions";

    // The newest row of each alarm id is its last known state; the (alarm_id, seq) index answers MAX(seq) per id.
    private const string NewestOpenRows = """
        SELECT t.seq FROM transitions t
        JOIN (SELECT alarm_id, MAX(seq) AS seq FROM transitions GROUP BY alarm_id) n ON t.seq = n.seq
        WHERE t.state <> 'Closed'
        """;

    /// <summary>A transition ready for insert: serialized off the SQLite transaction so a bad one cannot fail the batch.</summary>
    public sealed record Row(AlarmTransition Transition, string AlarmJson);

    public static void Insert(SqliteConnection connection, IReadOnlyList<Row> rows)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO transitions (at_ms, kind, alarm_id, occurrence, state, by_user, comment, alarm)
            VALUES ($at, $kind, $id, $occurrence, $state, $by, $comment, $alarm)
            """;
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        var kind = command.Parameters.Add("$kind", SqliteType.Text);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var occurrence = command.Parameters.Add("$occurrence", SqliteType.Integer);
        var state = command.Parameters.Add("$state", SqliteType.Text);
        var by = command.Parameters.Add("$by", SqliteType.Text);
        var comment = command.Parameters.Add("$comment", SqliteType.Text);
        var alarm = command.Parameters.Add("$alarm", SqliteType.Text);
        command.Prepare();
        foreach (var row in rows)
        {
            var t = row.Transition;
            at.Value = t.At.ToUnixTimeMilliseconds();
            kind.Value = t.Kind.ToString();
            id.Value = t.After.Id;
            occurrence.Value = t.After.Occurrence;
            state.Value = t.After.State.ToString();
            by.Value = (object?)t.By ?? DBNull.Value;
            comment.Value = (object?)t.Comment ?? DBNull.Value;
            alarm.Value = row.AlarmJson;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public static List<AlarmTransition> Query(SqliteConnection connection, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"{SelectColumns} WHERE at_ms >= $from AND at_ms < $to ORDER BY at_ms DESC, seq DESC LIMIT $limit";
        command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", limit);
        return Read(command, cancellationToken);
    }

    public static List<Alarm> LoadOpen(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"{SelectColumns} WHERE seq IN ({NewestOpenRows}) ORDER BY seq";
        return [.. Read(command, CancellationToken.None).Select(t => t.After)];
    }

    /// <summary>Deletes rows older than the cutoff, except an open alarm's newest row: that is what <c>LoadOpen</c> restores.</summary>
    public static int DeleteOlderThan(SqliteConnection connection, DateTimeOffset cutoff)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM transitions WHERE at_ms < $cutoff AND seq NOT IN ({NewestOpenRows})";
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    }

    private static List<AlarmTransition> Read(SqliteCommand command, CancellationToken cancellationToken)
    {
        var result = new List<AlarmTransition>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new AlarmTransition(
                Enum.Parse<AlarmTransitionKind>(reader.GetString(0)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                AlarmSnapshotJson.Deserialize(reader.GetString(4))));
        }
        return result;
    }
}
