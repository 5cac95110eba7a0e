using Coc.Core.Alarms;
using Coc.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coc.Web.Components.Alarms;

/// <summary>
/// Every open alarm, redrawn on each transition (so a tablet shows a new alarm as soon as the wall does),
/// with an acknowledge form for duty officers. The acknowledgement names the signed-in user and the
/// occurrence shown, so a tablet that has not redrawn yet cannot acknowledge a newer alarm unseen.
/// </summary>
public partial class AlarmList : IDisposable
{
    /// <summary>Comments are a line for the log, not a report; the bound keeps the journal's rows small.</summary>
    public const int MaxCommentLength = 500;

    /// <summary>
    /// A tablet draws at most this many, worst first; in an alarm storm the rest are counted, not drawn
    /// (the CSV and the API have them all).
    /// </summary>
    public const int MaxRows = 100;

    private IReadOnlyList<Alarm> _alarms = [];
    private int _more;
    private IDisposable? _watch;
    private string? _message;
    private string? _messageKind;
    private CapturedCulture _culture = CapturedCulture.Current;

    [Inject]
    private IAlarmBoard Board { get; set; } = default!;

    [Inject]
    private WallClock Clock { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    // Per alarm id; entries go with their alarm (Read prunes them), so the map stays as small as the list.
    private Dictionary<string, string?> Comments { get; } = new(StringComparer.Ordinal);

    protected override void OnInitialized()
    {
        _culture = CapturedCulture.Current;
        _watch = Board.Watch(transition => _ = InvokeAsync(() =>
        {
            _culture.Apply();
            Read();
            StateHasChanged();
        }));
        Read();
    }

    private void Read()
    {
        var open = Board.Open;
        _more = Math.Max(0, open.Count - MaxRows);
        _alarms = open.Count > MaxRows ? [.. open.Take(MaxRows)] : open;
        var shown = _alarms.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in Comments.Keys.Where(id => !shown.Contains(id)).ToArray())
        {
            Comments.Remove(gone);
        }
        foreach (var id in shown)
        {
            Comments.TryAdd(id, null);
        }
    }

    private async Task AcknowledgeAsync(Alarm alarm)
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        // The form is only drawn for duty officers, but a circuit outlives a role change: ask again.
        if (user?.Identity?.Name is not { Length: > 0 } name || !(await Authorization.AuthorizeAsync(user, Security.CocRoles.DutyOfficer)).Succeeded)
        {
            Show("denied", UiText.T("alarms.ack-needs-role"));
            return;
        }
        var comment = Comments.GetValueOrDefault(alarm.Id)?.Trim();
        if (comment is { Length: > MaxCommentLength })
        {
            comment = comment[..MaxCommentLength];
        }
        var result = Board.Acknowledge(alarm.Id, alarm.Occurrence, name, string.IsNullOrEmpty(comment) ? null : comment);
        Show(result.ToString(), result == AcknowledgeResult.Acknowledged ? UiText.T("alarms.ack-done") : UiText.T("alarms.ack." + result));
        Read();
    }

    private void Show(string kind, string message)
    {
        _messageKind = kind;
        _message = message;
    }

    public void Dispose() => _watch?.Dispose();
}
