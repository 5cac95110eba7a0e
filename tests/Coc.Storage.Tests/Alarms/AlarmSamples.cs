using Coc.Core.Alarms;
using Coc.Core.Series;

namespace Coc.Storage.Tests.Alarms;

/// <summary>Alarms and transitions for the journal and CSV tests; times are whole milliseconds, as the journal stores them.</summary>
internal static class AlarmSamples
{
    public static readonly DateTimeOffset T0 = new(2025, 6, 1, 3, 4, 5, 678, TimeSpan.Zero);

    public static readonly SeriesKey River = SeriesKey.Create("iot_water", "level_cm", ("river", "batanghari"), ("station", "pasar-jambi"));

    public static AlarmTransition Transition(
        AlarmTransitionKind kind,
        DateTimeOffset at,
        string id = "banjir|batanghari",
        AlarmState state = AlarmState.ActiveUnacknowledged,
        string? by = null,
        string? comment = null,
        double? value = 312.5,
        string message = "Tinggi muka air Batanghari 312,5 cm",
        string? feed = null,
        long? occurrence = null)
    {
        var alarm = new Alarm(
            id,
            occurrence ?? T0.ToUnixTimeMilliseconds(),
            id.Split('|')[0],
            feed is null ? River : null,
            feed,
            AlarmSeverity.Critical,
            state,
            message,
            "Batanghari water level 312.5 cm",
            "Siaga 1",
            value,
            RaisedAt: T0,
            ChangedAt: at,
            AcknowledgedAt: kind == AlarmTransitionKind.Acknowledged ? at : null,
            AcknowledgedBy: kind == AlarmTransitionKind.Acknowledged ? by : null,
            AcknowledgeComment: kind == AlarmTransitionKind.Acknowledged ? comment : null,
            ClearedAt: state is AlarmState.ClearedUnacknowledged or AlarmState.Closed ? at : null);
        return new AlarmTransition(kind, at, by, comment, alarm);
    }
}
