using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using static Coc.Web.Localization.UiText;

namespace Coc.Web.Components.Pages;

public sealed partial class NamedScreen : IDisposable
{
    [Inject]
    private IConfiguration Configuration { get; set; } = default!;

    /// <summary>The bindings as validated at start: what a page opened while an edit does not validate shows.</summary>
    [Inject]
    private IOptions<WallOptions> StartOptions { get; set; } = default!;

    [Inject]
    private ILogger<NamedScreen> Logger { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Name { get; set; } = "";

    private ScreenBinding? _binding;
    private string _configuredNames = "";
    private IDisposable? _onReload;

    // The kiosk never reloads to pick up a new binding: an edited configuration switches the open screen.
    // Read here rather than through IOptionsMonitor, whose value throws once a reload fails validation:
    // one typo must not blank every named screen. An edit that does not validate changes nothing.
    protected override void OnInitialized() =>
        _onReload = ChangeToken.OnChange(Configuration.GetReloadToken, () => _ = InvokeAsync(() =>
        {
            if (ValidatedConfiguration() is { } options)
            {
                Bind(options);
                StateHasChanged();
            }
        }));

    protected override void OnParametersSet() => Bind(ValidatedConfiguration() ?? StartOptions.Value);

    private WallOptions? ValidatedConfiguration()
    {
        var options = new WallOptions();
        string? errors;
        try
        {
            var section = Configuration.GetSection(WallOptions.Section);
            section.Bind(options);
            var result = new WallOptionsValidator().Validate(null, options);
            errors = result.Succeeded ? null : result.FailureMessage;
            // The binder silently drops a binding whose value does not convert (e.g. "Screen": "two").
            var dropped = section.GetSection(nameof(WallOptions.Screens)).GetChildren().Select(c => c.Key).Where(k => !options.Screens.ContainsKey(k)).ToList();
            if (errors is null && dropped.Count > 0)
            {
                errors = $"not readable: {string.Join(", ", dropped)}";
            }
        }
        catch (InvalidOperationException e) // a value of the wrong type, e.g. "Screen": "two"
        {
            errors = e.Message;
        }
        if (errors is null)
        {
            return options;
        }
        Logger.LogWarning("Screen {Name}: {Section} as edited is not valid, keeping the current binding: {Errors}", Name, WallOptions.Section, errors);
        return null;
    }

    private void Bind(WallOptions options)
    {
        var found = options.Screens.FirstOrDefault(s => string.Equals(s.Key, Name, StringComparison.OrdinalIgnoreCase)).Value;
        // A new instance only when the target changed, so the keyed screen is not rebuilt for nothing.
        if (found is null || _binding is null || found.Wall != _binding.Wall || found.Screen != _binding.Screen)
        {
            _binding = found;
        }
        _configuredNames = options.Screens.Count == 0
            ? T("screen.names-none")
            : string.Join(", ", options.Screens.Keys.Order(StringComparer.Ordinal));
    }

    public void Dispose() => _onReload?.Dispose();
}
