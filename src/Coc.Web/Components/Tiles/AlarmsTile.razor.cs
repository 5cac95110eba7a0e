using System.Globalization;
using Coc.Web.Alarms;
using Microsoft.AspNetCore.Components;
using static Coc.Web.Localization.UiText;

namespace Coc.Web.Components.Tiles;

/// <summary>
/// The active alarm list: up to <c>count</c> alarms, critical first, then newest. It has no series of
/// its own, so it redraws on the screen's 1 s ticker (through the base throttle) and asks
/// <see cref="IActiveAlarms"/> afresh each time: an alarm appears or clears within a second.
/// </summary>
public partial class AlarmsTile
{
    private ActiveAlarmSnapshot _snapshot = ActiveAlarmSnapshot.Empty;
    private FrameState _frame;

    [Inject]
    private IActiveAlarms Alarms { get; set; } = default!;

    protected override void Refresh()
    {
        _snapshot = Alarms.Current(Tile.Count);
        // The list is computed now, so it is never stale; data-value carries how many are active.
        _frame = new FrameState(_snapshot.Total, null, TimeSpan.Zero, false);
    }

    private string FrameLevel => _snapshot.Alarms.Count == 0 ? "level-ok"
        : _snapshot.Alarms[0].Severity == AlarmSeverity.Critical ? "level-critical" : "level-warning";

    private string Since(DateTimeOffset since) =>
        T("alarms.since", Clock.ToLocal(since).ToString("HH':'mm", CultureInfo.InvariantCulture));

    private static string SeverityName(AlarmSeverity severity) => severity == AlarmSeverity.Critical ? "critical" : "warning";
}
