using Coc.Core.Layouts;
using Coc.Web.Localization;
using Microsoft.AspNetCore.Components;

namespace Coc.Web.Components.Tiles;

/// <summary>
/// A tile with no series of its own (clock, camera) that redraws on the circuit's one-second
/// <see cref="ScreenTicker"/> instead of owning a timer, and lets go of it on dispose.
/// </summary>
public abstract class TickedTileBase : ComponentBase, IDisposable
{
    private IDisposable? _tick;
    private CapturedCulture _culture = CapturedCulture.Current;

    [Parameter, EditorRequired]
    public TileDefinition Tile { get; set; } = default!;

    [Inject]
    protected WallClock Clock { get; set; } = default!;

    [Inject]
    private ScreenTicker Ticker { get; set; } = default!;

    protected override void OnInitialized()
    {
        _culture = CapturedCulture.Current;
        _tick = Ticker.Subscribe(OnTick);
    }

    /// <summary>Runs on the renderer's dispatcher once a second; the default redraws.</summary>
    protected virtual void OnSecond() => StateHasChanged();

    private async void OnTick()
    {
        // The ticker's thread has no culture of its own: the screen's language is put back first.
        _culture.Apply();
        try
        {
            await InvokeAsync(OnSecond);
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the tick and the render.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        _tick?.Dispose();
        _tick = null;
        OnDisposed();
        GC.SuppressFinalize(this);
    }

    /// <summary>Lets a tile drop its own subscriptions with the ticker's.</summary>
    protected virtual void OnDisposed()
    {
    }
}
