using Coc.Core.Alarms;
using Coc.Web.Localization;

namespace Coc.Web.Alarms;

/// <summary>How an alarm reads on screen, in the viewer's language.</summary>
public static class AlarmText
{
    /// <summary>The rule's English message when the screen is in English and the rule has one, else the Bahasa Indonesia one.</summary>
    public static string Message(Alarm alarm) => UiText.IsEnglish && !string.IsNullOrEmpty(alarm.MessageEn) ? alarm.MessageEn : alarm.Message;

    /// <summary>"critical" or "warning": CSS classes and data-* attributes use it.</summary>
    public static string SeverityName(AlarmSeverity severity) => severity == AlarmSeverity.Critical ? "critical" : "warning";

    public static string Severity(AlarmSeverity severity) => UiText.T("alarms.severity." + SeverityName(severity));

    public static string State(AlarmState state) => UiText.T("alarms.state." + state);

    /// <summary>"unack", "ack" or "cleared": the flash only runs while nobody has taken the alarm.</summary>
    public static string StateName(AlarmState state) => state switch
    {
        AlarmState.ActiveUnacknowledged => "unack",
        AlarmState.ActiveAcknowledged => "ack",
        AlarmState.ClearedUnacknowledged => "cleared",
        _ => "closed",
    };

    public static string Event(AlarmTransitionKind kind) => UiText.T("alarms.event." + kind);
}
