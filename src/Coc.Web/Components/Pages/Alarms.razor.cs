using System.Globalization;
using Coc.Core.Alarms;
using Coc.Core.Live;

namespace Coc.Web.Components.Pages;

/// <summary>
/// /alarms: the open alarms (acknowledge as duty officer) and the persisted history of every transition,
/// by a WIB time range (default: the last 24 hours), with the same range as CSV.
/// </summary>
public partial class Alarms
{
    /// <summary>A page a tablet can draw; the CSV has everything.</summary>
    public const int HistoryLimit = 500;

    private IReadOnlyList<AlarmTransition> _history = [];
    private DateTime _fromLocal;
    private DateTime _toLocal;
    private IDisposable? _watch;
    private SingleFlight? _reload;

    [Microsoft.AspNetCore.Components.Inject]
    private IAlarmBoard Board { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var now = Clock.ToLocal(Clock.UtcNow);
        _fromLocal = Minutes(now.AddHours(-24).DateTime);
        _toLocal = Minutes(now.AddMinutes(1).DateTime);
        // New transitions show in the history at once while the range reaches the present. A burst of
        // transitions (a storm over many intersections) reads the journal once more, not once per transition.
        _reload = new SingleFlight(() => InvokeAsync(FollowPresentAsync));
        _watch = Board.Watch(transition => RequestReload());
        await LoadAsync();
    }

    private async Task FollowPresentAsync()
    {
        if (ToUtc(_toLocal) >= Clock.UtcNow.AddMinutes(-1))
        {
            _toLocal = Minutes(Clock.ToLocal(Clock.UtcNow).AddMinutes(1).DateTime);
            await LoadAsync();
            StateHasChanged();
        }
    }

    private async void RequestReload()
    {
        try
        {
            await _reload!.RequestAsync();
        }
        catch (ObjectDisposedException)
        {
            // The page went away between the transition and the reload.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task LoadAsync()
    {
        // The journal writes in the background: what was appended just now is on disk after this.
        await Journal.FlushAsync(CancellationToken.None);
        _history = await Journal.QueryAsync(ToUtc(_fromLocal), ToUtc(_toLocal), HistoryLimit, CancellationToken.None);
    }

    private string ExportUrl => $"alarms/export.csv?from={Uri.EscapeDataString(ToUtc(_fromLocal).ToString("O", CultureInfo.InvariantCulture))}"
        + $"&to={Uri.EscapeDataString(ToUtc(_toLocal).ToString("O", CultureInfo.InvariantCulture))}";

    /// <summary>The inputs are wall-clock times in the wall's zone (WIB).</summary>
    private DateTimeOffset ToUtc(DateTime local)
    {
        var offset = Clock.ToLocal(Clock.UtcNow).Offset;
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }

    private static DateTime Minutes(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0);

    public void Dispose() => _watch?.Dispose();
}
