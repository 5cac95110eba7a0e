using System.Globalization;
using System.Text;
using Coc.Core.Alarms;

namespace Coc.Storage.Alarms;

public enum AlarmCsvLanguage
{
    Indonesian,
    English,
}

/// <summary>
/// Writes alarm transitions as RFC 4180 CSV (comma, CRLF, quotes doubled) for the /alarms export.
/// Times appear twice: WIB (UTC+07:00, what the COC reads) and UTC (what other systems join on).
/// Kind, severity and state are the stable English enum names in both languages, so filters keep working.
/// </summary>
public static class AlarmCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private const int ValueColumn = 13;

    // Indonesia has no daylight saving: a fixed offset needs no time-zone database on the server.
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    private static readonly string[] IndonesianHeader =
    [
        "waktu_wib", "waktu_utc", "peristiwa", "id_alarm", "kejadian", "aturan", "seri", "feed", "tingkat_keparahan",
        "status_sesudah", "pesan", "pesan_en", "level", "nilai", "oleh", "komentar",
    ];

    private static readonly string[] EnglishHeader =
    [
        "time_wib", "time_utc", "event", "alarm_id", "occurrence", "rule", "series", "feed", "severity",
        "state_after", "message", "message_en", "level", "value", "by", "comment",
    ];

    public static async Task WriteAsync(TextWriter writer, IEnumerable<AlarmTransition> transitions, AlarmCsvLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(transitions);
        await writer.WriteAsync(string.Join(',', language == AlarmCsvLanguage.English ? EnglishHeader : IndonesianHeader)).ConfigureAwait(false);
        await writer.WriteAsync("\r\n").ConfigureAwait(false);
        foreach (var transition in transitions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(FormatRow(transition)).ConfigureAwait(false);
        }
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One data line, CRLF included.</summary>
    internal static string FormatRow(AlarmTransition t)
    {
        var a = t.After;
        string?[] cells =
        [
            t.At.ToOffset(Wib).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            t.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            t.Kind.ToString(),
            a.Id,
            a.Occurrence.ToString(CultureInfo.InvariantCulture),
            a.RuleId,
            a.Series?.Id,
            a.Feed,
            a.Severity.ToString(),
            a.State.ToString(),
            a.Message,
            a.MessageEn,
            a.Level,
            null, // value: written below, unguarded
            t.By,
            t.Comment,
        ];
        var line = new StringBuilder(256);
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            // A number we formatted ourselves is not a formula, and "-3.5" must stay a number in a spreadsheet.
            line.Append(i == ValueColumn ? FormatValue(a.Value) : Escape(Guard(cells[i])));
        }
        return line.Append("\r\n").ToString();
    }

    private static string FormatValue(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// Text that a spreadsheet would run as a formula (OWASP "CSV injection": =, +, -, @, and tab or CR that
    /// some programs strip first) gets a leading apostrophe, so an alarm message or a comment typed on a tablet
    /// cannot execute on the officer's PC.
    /// </summary>
    internal static string Guard(string? cell) =>
        string.IsNullOrEmpty(cell) ? "" : cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    internal static string Escape(string cell) =>
        cell.AsSpan().IndexOfAny("\",\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
