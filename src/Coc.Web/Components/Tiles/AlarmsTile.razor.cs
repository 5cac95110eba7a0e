using System.Globalization;
using Coc.Core.Alarms;
using Coc.Web.Alarms;
using Coc.Web.Localization;
using Microsoft.AspNetCore.Components;
using static Coc.Web.Localization.UiText;

namespace Coc.Web.Components.Tiles;

/// <summary>
/// The open alarms on the wall: critical first, unacknowledged first, then newest; read only (tablets and
/// /alarms acknowledge). It redraws on every alarm transition, so an alarm shows within the circuit's
/// round trip of the sample that raised it, and once a second for the times.
/// </summary>
public partial class AlarmsTile
{
    private IReadOnlyList<Alarm> _alarms = [];
    private FrameState _frame;
    private IDisposable? _watch;

    [Inject]
    private IAlarmBoard Board { get; set; } = default!;

    protected override void OnInitialized()
    {
        base.OnInitialized();
        // Watch before the first read, so no transition falls between.
        var culture = CapturedCulture.Current;
        _watch = Board.Watch(transition => _ = InvokeAsync(() =>
        {
            culture.Apply();
            Read();
            StateHasChanged();
        }));
        Read();
    }

    protected override void OnSecond()
    {
        Read();
        base.OnSecond();
    }

    private void Read()
    {
        _alarms = Board.Open;
        // The list is the board's state now, never stale; data-value carries how many are open.
        _frame = new FrameState(_alarms.Count, null, TimeSpan.Zero, false);
    }

    private string FrameLevel => _alarms.Count == 0 ? "level-ok"
        : _alarms.Any(a => a.Severity == AlarmSeverity.Critical) ? "level-critical" : "level-warning";

    private string Since(DateTimeOffset since) =>
        T("alarms.since", Clock.ToLocal(since).ToString("HH':'mm", CultureInfo.InvariantCulture));

    private string Detail(Alarm alarm) => alarm.State switch
    {
        AlarmState.ActiveAcknowledged when alarm.AcknowledgedAt is { } at =>
            T("alarms.ack-by", alarm.AcknowledgedBy ?? "", Clock.ToLocal(at).ToString("HH':'mm", CultureInfo.InvariantCulture)),
        AlarmState.ClearedUnacknowledged when alarm.ClearedAt is { } at =>
            T("alarms.cleared-at", Clock.ToLocal(at).ToString("HH':'mm", CultureInfo.InvariantCulture)),
        _ => AlarmText.State(alarm.State),
    };

    protected override void OnDisposed() => _watch?.Dispose();
}
