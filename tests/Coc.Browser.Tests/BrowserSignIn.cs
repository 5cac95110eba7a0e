using Coc.Web.Tests.Support;
using Microsoft.Playwright;

namespace Coc.Browser.Tests;

/// <summary>How a browser test gets in: a wall screen as a kiosk does (screen token link), a tablet page by the sign-in form.</summary>
public static class BrowserSignIn
{
    /// <summary>Opens <paramref name="path"/> as a kiosk's first visit; the server swaps the token for a cookie and redirects to the plain path.</summary>
    public static Task<IResponse?> GotoAsKioskAsync(this IPage page, string baseUrl, string path) =>
        page.GotoAsync(baseUrl + CocAppFactory.WithScreenToken(path));

    /// <summary>Signs in through the real form as <paramref name="role"/>'s test account and lands on <paramref name="path"/>.</summary>
    public static async Task GotoSignedInAsync(this IPage page, string baseUrl, string role, string path)
    {
        await page.GotoAsync(baseUrl + "/signin?returnUrl=" + Uri.EscapeDataString(path));
        await page.Locator("form[data-form='signin'] input[name='user']").FillAsync(CocAppFactory.UserFor(role));
        await page.Locator("form[data-form='signin'] input[name='password']").FillAsync(CocAppFactory.PasswordFor(role));
        await page.Locator("form[data-form='signin'] button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(baseUrl + path);
    }
}
