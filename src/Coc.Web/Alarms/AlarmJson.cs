using Coc.Core.Alarms;

namespace Coc.Web.Alarms;

/// <summary>An alarm as the API shows it: names, not enum numbers.</summary>
public static class AlarmJson
{
    public static object From(Alarm a) => new
    {
        id = a.Id,
        occurrence = a.Occurrence,
        rule = a.RuleId,
        series = a.Series?.Id,
        feed = a.Feed,
        severity = AlarmText.SeverityName(a.Severity),
        state = a.State.ToString(),
        message = a.Message,
        messageEn = a.MessageEn,
        level = a.Level,
        value = a.Value,
        raisedAt = a.RaisedAt,
        changedAt = a.ChangedAt,
        acknowledgedAt = a.AcknowledgedAt,
        acknowledgedBy = a.AcknowledgedBy,
        acknowledgeComment = a.AcknowledgeComment,
        clearedAt = a.ClearedAt,
    };
}
