using System.Globalization;
using Bunit;
using Bunit.TestDoubles;
using Coc.Web.Components.Pages;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coc.Web.Tests.Pages;

/// <summary>
/// <c>/screen/{name}</c>: a kiosk PC keeps one URL, configuration (Coc:Wall:Screens) binds it to a wall
/// and screen. The wall screen itself is stubbed: these tests are about which one is shown.
/// </summary>
public sealed class NamedScreenTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly IConfigurationRoot _config = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Coc:Wall:Screens:ruang-coc-kiri:Wall"] = "jambi-coc",
            ["Coc:Wall:Screens:ruang-coc-kiri:Screen"] = "1",
            ["Coc:Wall:Screens:coc-3:Wall"] = "jambi-coc",
            ["Coc:Wall:Screens:coc-3:Screen"] = "3",
        })
        .Build();

    public NamedScreenTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
        _context.Services.AddSingleton<IConfiguration>(_config);
        _context.Services.AddOptions<WallOptions>().Bind(_config.GetSection(WallOptions.Section));
        _context.Services.AddLogging();
        _context.ComponentFactories.AddStub<WallScreen>();
    }

    private IRenderedComponent<NamedScreen> Open(string name) => _context.Render<NamedScreen>(p => p.Add(x => x.Name, name));

    private static (string Wall, int Screen) Shown(IRenderedComponent<NamedScreen> page)
    {
        var screen = page.FindComponent<Stub<WallScreen>>().Instance.Parameters;
        return (screen.Get(x => x.WallId), screen.Get(x => x.Screen));
    }

    [Theory]
    [InlineData("coc-3", "jambi-coc", 3)]
    [InlineData("ruang-coc-kiri", "jambi-coc", 1)]
    [InlineData("COC-3", "jambi-coc", 3)]
    public void Render_BoundName_ShowsItsWallAndScreen(string name, string wall, int screen)
    {
        var page = Open(name);

        Assert.Equal((wall, screen), Shown(page));
    }

    [Fact]
    public void Render_UnknownName_SaysSoAndListsConfiguredNames()
    {
        var page = Open("lobi");

        Assert.Empty(page.FindComponents<Stub<WallScreen>>());
        var message = page.Find(".wall-message");
        Assert.Equal("lobi", message.GetAttribute("data-screen-name"));
        Assert.Equal("Tidak ada layar bernama 'lobi'. Layar yang terdaftar: coc-3, ruang-coc-kiri.", message.TextContent);
    }

    [Fact]
    public void Render_UnknownNameInEnglish_SaysSoInEnglish()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");

        var page = Open("lobby");

        Assert.Equal("No screen is named 'lobby'. Configured screens: coc-3, ruang-coc-kiri.", page.Find(".wall-message").TextContent);
    }

    [Fact]
    public void Render_NoScreensConfigured_SaysWhereToConfigureThem()
    {
        using var empty = new BunitContext();
        empty.Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        empty.Services.AddOptions<WallOptions>();
        empty.Services.AddLogging();

        var page = empty.Render<NamedScreen>(p => p.Add(x => x.Name, "coc-1"));

        Assert.Contains("Coc:Wall:Screens", page.Find(".wall-message").TextContent);
    }

    [Fact]
    public void Render_BindingChangedInConfiguration_SwitchesTheOpenScreen()
    {
        var page = Open("coc-3");
        var before = page.FindComponent<Stub<WallScreen>>().Instance;

        _config["Coc:Wall:Screens:coc-3:Screen"] = "2";
        _config.Reload();

        page.WaitForAssertion(() => Assert.Equal(("jambi-coc", 2), Shown(page)));
        // A new screen instance, not the old one patched: its tiles subscribe afresh.
        Assert.NotSame(before, page.FindComponent<Stub<WallScreen>>().Instance);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("tiga")]
    public void Render_BindingEditedToInvalid_KeepsShowingTheCurrentScreen(string screen)
    {
        var page = Open("coc-3");

        _config["Coc:Wall:Screens:coc-3:Screen"] = screen;
        _config.Reload();

        Assert.Equal(("jambi-coc", 3), Shown(page));
    }

    [Theory]
    [InlineData("Coc-1", "jambi-coc", 1, "lowercase")]
    [InlineData("coc_1", "jambi-coc", 1, "lowercase")]
    [InlineData("ruang coc", "jambi-coc", 1, "lowercase")]
    [InlineData("coc-1", "", 1, "Coc:Wall:Screens:coc-1:Wall is required")]
    [InlineData("coc-1", "jambi-coc", 0, "Coc:Wall:Screens:coc-1:Screen must be 1 or more, got 0")]
    public void Validate_BadBinding_FailsNamingIt(string name, string wall, int screen, string expected)
    {
        var options = new WallOptions { Screens = { [name] = new ScreenBinding { Wall = wall, Screen = screen } } };

        var result = new WallOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GoodBindings_Pass()
    {
        var options = new WallOptions
        {
            Screens =
            {
                ["coc-1"] = new ScreenBinding { Wall = "jambi-coc", Screen = 1 },
                ["ruang-rapat-2"] = new ScreenBinding { Wall = "briefing", Screen = 12 },
            },
        };

        Assert.True(new WallOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void ShippedSettings_BindCoc1To3ToTheJambiWall()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoPaths.Root(), "src", "Coc.Web", "appsettings.json")).Build();
        var options = new WallOptions();
        shipped.GetSection(WallOptions.Section).Bind(options);

        Assert.True(new WallOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(
            ["coc-1 → jambi-coc/1", "coc-2 → jambi-coc/2", "coc-3 → jambi-coc/3"],
            options.Screens.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} → {s.Value.Wall}/{s.Value.Screen}"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
