using Coc.Web.Tests.Support;
using Microsoft.Playwright;

namespace Coc.Browser.Tests;

/// <summary>In real Chromium: a revoked kiosk leaves the wall by itself, and the pages run under the Content-Security-Policy.</summary>
public sealed class ScreenAccessTests : IClassFixture<ScreenAccessTests.App>, IClassFixture<ChromiumFixture>
{
    private static readonly float Timeout = 30_000;
    private readonly App _app;
    private readonly ChromiumFixture _chromium;

    public ScreenAccessTests(App app, ChromiumFixture chromium)
    {
        _app = app;
        _chromium = chromium;
    }

    /// <summary>Circuits re-check their session every second here (30 s by default), the simulator moves the charts.</summary>
    public sealed class App : KestrelAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
            [new("Coc:Auth:RevalidateSeconds", "1"), new("Coc:Simulator:Enabled", "true")];
    }

    /// <summary>Records every CSP violation the page reports, from its first script on.</summary>
    private const string RecordViolations = """
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    [Fact]
    public async Task OpenScreen_ItsTokenRevokedInConfiguration_GoesToTheSignInPageWithinTheInterval()
    {
        // A token of its own, so revoking it leaves the other tests' token alone.
        const string secret = "token-layar-dicabut-nanti";
        _app.ChangeSetting("Coc:Auth:ScreenTokens:2:Name", "to-revoke");
        _app.ChangeSetting("Coc:Auth:ScreenTokens:2:TokenHash", Coc.Core.Security.SecretHash.Hash(secret, iterations: 1_000));
        var page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await page.GotoAsync(_app.BaseUrl + CocAppFactory.WithScreenToken("/wall/jambi-coc/screen/1", secret));
        await Assertions.Expect(page.Locator("[data-tile-id]").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.Equal(_app.BaseUrl + "/wall/jambi-coc/screen/1", page.Url);

        _app.ChangeSetting("Coc:Auth:ScreenTokens:2:Revoked", "true");

        await page.WaitForURLAsync(_app.BaseUrl + "/signin?returnUrl=%2Fwall%2Fjambi-coc%2Fscreen%2F1", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("form[data-form='signin']")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.CloseAsync();
    }

    [Fact]
    public async Task ChartScreenAndSignIn_UnderTheCsp_ReportNoViolation()
    {
        var context = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await context.AddInitScriptAsync(RecordViolations);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                console.Add(m.Text);
            }
        };

        await page.GotoAsync(_app.BaseUrl + "/signin");
        await Assertions.Expect(page.Locator("form[data-form='signin']")).ToBeVisibleAsync(new() { Timeout = Timeout });
        var onSignIn = await page.EvaluateAsync<string[]>("() => window.__csp");
        await page.GotoAsKioskAsync(_app.BaseUrl, "/wall/jambi-coc/screen/2");
        // A Plotly chart drawn with data, and the Blazor circuit live (tiles update): the scripts all ran.
        await page.WaitForFunctionAsync("() => document.querySelector('.js-plotly-plot')?.data?.[0]?.x?.length > 0", null, new() { Timeout = Timeout });
        var onWall = await page.EvaluateAsync<string[]>("() => window.__csp");

        Assert.Empty(onSignIn);
        Assert.Empty(onWall);
        Assert.Empty(console);
        await context.CloseAsync();
    }
}
