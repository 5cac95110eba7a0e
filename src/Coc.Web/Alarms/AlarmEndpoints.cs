using System.Globalization;
using Coc.Core.Alarms;
using Coc.Storage.Alarms;
using Coc.Web.Security;

namespace Coc.Web.Alarms;

/// <summary>
/// The alarms for scripts and other systems: the open list and the history (operators), the CSV export
/// behind /alarms, and acknowledgement (duty officers). The acknowledging user is the signed-in one, never
/// a name in the request.
/// </summary>
public static class AlarmEndpoints
{
    /// <summary>The most history rows one JSON request returns.</summary>
    public const int MaxHistoryRows = 10_000;

    /// <summary>The most rows one CSV export holds (about a year of a busy wall); a longer range is cut to the newest.</summary>
    public const int MaxExportRows = 200_000;

    public static IEndpointRouteBuilder MapCocAlarms(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/alarms", (IAlarmBoard board) => board.Open.Select(AlarmJson.From))
            .RequireAuthorization(CocRoles.Operator);
        endpoints.MapGet("/api/alarms/history", HistoryAsync).RequireAuthorization(CocRoles.Operator);
        endpoints.MapGet("/alarms/export.csv", ExportAsync).RequireAuthorization(CocRoles.Operator);
        endpoints.MapPost("/api/alarms/{id}/ack", AcknowledgeAsync).RequireAuthorization(CocRoles.DutyOfficer);
        return endpoints;
    }

    private static async Task<IResult> HistoryAsync(IAlarmJournal journal, TimeProvider time, string? from, string? to, int? limit, CancellationToken cancellationToken)
    {
        if (Range(from, to, time) is not { } range)
        {
            return RangeProblem();
        }
        await journal.FlushAsync(cancellationToken);
        var rows = await journal.QueryAsync(range.From, range.To, Math.Clamp(limit ?? 1_000, 1, MaxHistoryRows), cancellationToken);
        return Results.Ok(rows.Select(t => new
        {
            kind = t.Kind.ToString(),
            at = t.At,
            by = t.By,
            comment = t.Comment,
            alarm = AlarmJson.From(t.After),
        }));
    }

    private static async Task ExportAsync(HttpContext context, IAlarmJournal journal, TimeProvider time, string? from, string? to)
    {
        if (Range(from, to, time) is not { } range)
        {
            await RangeProblem().ExecuteAsync(context);
            return;
        }
        await journal.FlushAsync(context.RequestAborted);
        var rows = await journal.QueryAsync(range.From, range.To, MaxExportRows, context.RequestAborted);
        var name = $"alarm-{range.From.ToOffset(TimeSpan.FromHours(7)):yyyyMMdd-HHmm}-{range.To.ToOffset(TimeSpan.FromHours(7)):yyyyMMdd-HHmm}-WIB.csv";
        context.Response.ContentType = AlarmCsv.ContentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await using var writer = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        // Oldest first reads naturally in a spreadsheet; the journal returns newest first.
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? AlarmCsvLanguage.English : AlarmCsvLanguage.Indonesian;
        await AlarmCsv.WriteAsync(writer, rows.Reverse(), language, context.RequestAborted);
    }

    private static async Task<IResult> AcknowledgeAsync(string id, IAlarmBoard board, HttpContext context)
    {
        var user = context.User.Identity?.Name;
        if (string.IsNullOrEmpty(user))
        {
            return Results.Unauthorized();
        }
        // Read here rather than bound by the framework: a wrong body gets an error that says what is wrong,
        // and only after authorisation (bound bodies are refused with 415 while routing, before it).
        AcknowledgeRequest? request;
        try
        {
            request = context.Request.HasJsonContentType()
                ? await context.Request.ReadFromJsonAsync<AcknowledgeRequest>(context.RequestAborted)
                : null;
        }
        catch (System.Text.Json.JsonException ex)
        {
            return Results.Problem($"body: not valid JSON ({ex.Message})", statusCode: 400);
        }
        if (request is null)
        {
            return Results.Problem("body: a JSON object {\"occurrence\": N, \"comment\": \"...\"} with Content-Type application/json", statusCode: 400);
        }
        if (request.Comment is { Length: > Components.Alarms.AlarmList.MaxCommentLength })
        {
            return Results.Problem($"comment: at most {Components.Alarms.AlarmList.MaxCommentLength} characters", statusCode: 400);
        }
        var result = board.Acknowledge(id, request.Occurrence, user, string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim());
        return result switch
        {
            AcknowledgeResult.Acknowledged => Results.Ok(AlarmJson.From(board.Find(id)!)),
            AcknowledgeResult.NotFound => Results.Problem($"alarm '{id}' is not open", statusCode: 404),
            AcknowledgeResult.AlreadyAcknowledged => Results.Problem($"alarm '{id}' is already acknowledged", statusCode: 409),
            _ => Results.Problem($"alarm '{id}' is now occurrence {board.Find(id)?.Occurrence}, not {request.Occurrence}: look again", statusCode: 409),
        };
    }

    /// <summary>ISO 8601 times; the last 24 hours by default.</summary>
    private static (DateTimeOffset From, DateTimeOffset To)? Range(string? from, string? to, TimeProvider time)
    {
        var now = time.GetUtcNow();
        DateTimeOffset f = now.AddHours(-24), t = now.AddMinutes(1);
        if ((from is not null && !DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out f))
            || (to is not null && !DateTimeOffset.TryParse(to, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out t))
            || f >= t)
        {
            return null;
        }
        return (f, t);
    }

    private static IResult RangeProblem() =>
        Results.Problem("from/to: ISO 8601 times (e.g. 2026-11-23T00:00:00+07:00) with from before to", statusCode: 400);

    /// <param name="Occurrence">The occurrence the user saw (from /api/alarms): a newer alarm of the same condition is not acknowledged unseen.</param>
    public sealed record AcknowledgeRequest(long Occurrence, string? Comment);
}
