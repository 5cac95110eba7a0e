using System.Text.Json;
using System.Text.Json.Serialization;
using Coc.Core.Alarms;
using Coc.Core.Series;

namespace Coc.Storage.Alarms;

/// <summary>
/// The <see cref="Alarm"/> snapshot kept in each row, as JSON. A storage-only shape, so renaming a property of
/// the contract does not make old rows unreadable; enums are stored by name so reordering them is harmless too.
/// </summary>
internal static class AlarmSnapshotJson
{
    public static string Serialize(Alarm alarm) => JsonSerializer.Serialize(ToRow(alarm), AlarmSnapshotJsonContext.Default.AlarmSnapshotRow);

    public static Alarm Deserialize(string json) =>
        FromRow(JsonSerializer.Deserialize(json, AlarmSnapshotJsonContext.Default.AlarmSnapshotRow)
            ?? throw new JsonException("alarm snapshot is null"));

    private static AlarmSnapshotRow ToRow(Alarm a) => new(
        a.Id, a.Occurrence, a.RuleId,
        a.Series is null ? null : new SeriesRow(a.Series.Measurement, a.Series.Field, a.Series.Tags.Count == 0 ? null : new Dictionary<string, string>(a.Series.Tags)),
        a.Feed, a.Severity, a.State, a.Message, a.MessageEn, a.Level, a.Value,
        a.RaisedAt, a.ChangedAt, a.AcknowledgedAt, a.AcknowledgedBy, a.AcknowledgeComment, a.ClearedAt);

    private static Alarm FromRow(AlarmSnapshotRow r) => new(
        r.Id, r.Occurrence, r.RuleId,
        r.Series is null ? null : new SeriesKey(r.Series.Measurement, r.Series.Field, r.Series.Tags),
        r.Feed, r.Severity, r.State, r.Message, r.MessageEn, r.Level, r.Value,
        r.RaisedAt, r.ChangedAt, r.AcknowledgedAt, r.AcknowledgedBy, r.AcknowledgeComment, r.ClearedAt);
}

internal sealed record SeriesRow(string Measurement, string Field, Dictionary<string, string>? Tags);

internal sealed record AlarmSnapshotRow(
    string Id,
    long Occurrence,
    string RuleId,
    SeriesRow? Series,
    string? Feed,
    AlarmSeverity Severity,
    AlarmState State,
    string Message,
    string? MessageEn,
    string? Level,
    double? Value,
    DateTimeOffset RaisedAt,
    DateTimeOffset ChangedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string? AcknowledgeComment,
    DateTimeOffset? ClearedAt);

// NaN and ±Infinity are legal sensor values; without the named literals JSON refuses them and the row would be lost.
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AlarmSnapshotRow))]
internal sealed partial class AlarmSnapshotJsonContext : JsonSerializerContext;
