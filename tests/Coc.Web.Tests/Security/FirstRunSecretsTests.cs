using System.Net;
using System.Text.Json;
using Coc.Tests.Shared;
using Coc.Web.Security;
using Coc.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coc.Web.Tests.Security;

/// <summary>`dotnet run` with no Coc:Auth: an admin password and a kiosk token, generated once, kept private, reused.</summary>
public sealed class FirstRunSecretsTests
{
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void PostConfigure_NothingConfigured_GeneratesOnceInA0600FileAndReusesIt()
    {
        using var folder = new TempFolder();
        var first = new AuthOptions { DataPath = folder.Path };
        var second = new AuthOptions { DataPath = folder.Path };

        new FirstRunSecrets(new TestHostEnvironment(folder.Path), NullLogger<FirstRunSecrets>.Instance).PostConfigure(null, first);
        new FirstRunSecrets(new TestHostEnvironment(folder.Path), NullLogger<FirstRunSecrets>.Instance).PostConfigure(null, second);

        var file = Path.Combine(folder.Path, FirstRunSecrets.FileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var admin = Assert.Single(first.Users);
        Assert.Equal((FirstRunSecrets.AdminName, CocRoles.Admin), (admin.Name, admin.Role));
        Assert.Equal(admin.PasswordHash, Assert.Single(second.Users).PasswordHash);
        Assert.Equal(Assert.Single(first.ScreenTokens).TokenHash, Assert.Single(second.ScreenTokens).TokenHash);
        var stored = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
        Assert.True(Coc.Core.Security.SecretHash.Verify(stored.GetProperty("Password").GetString(), admin.PasswordHash));
    }

    [Fact]
    public void PostConfigure_AnAccountConfigured_GeneratesNothing()
    {
        using var folder = new TempFolder();
        var options = new AuthOptions { DataPath = folder.Path, Users = { new LocalAccount { Name = "ops", PasswordHash = "x", Role = CocRoles.Admin } } };

        new FirstRunSecrets(new TestHostEnvironment(folder.Path), NullLogger<FirstRunSecrets>.Instance).PostConfigure(null, options);

        Assert.Single(options.Users);
        Assert.Empty(options.ScreenTokens);
        Assert.False(File.Exists(Path.Combine(folder.Path, FirstRunSecrets.FileName)));
    }

    [Fact]
    public async Task App_WithNoAccounts_AdminAndKioskSignInWithTheGeneratedSecrets()
    {
        using var app = new FirstRunApp();
        using var client = await app.CreateClientAsAsync(null);
        using (await client.GetAsync("/signin"))
        {
        }
        var stored = JsonDocument.Parse(File.ReadAllText(Path.Combine(app.DataPath, "auth", FirstRunSecrets.FileName))).RootElement;

        using var signIn = await CocAppFactory.SignInAsync(client, "admin", stored.GetProperty("Password").GetString()!, "/control");
        using var kiosk = await app.CreateClientAsAsync(null);
        using var link = await kiosk.GetAsync(CocAppFactory.WithScreenToken("/wall/jambi-coc/screen/1", stored.GetProperty("ScreenToken").GetString()!));
        using var screen = await kiosk.GetAsync("/wall/jambi-coc/screen/1");

        Assert.Equal("/control", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, screen.StatusCode);
    }

    private sealed class FirstRunApp : CocAppFactory
    {
        protected override void ConfigureAccounts(IWebHostBuilder builder)
        {
        }
    }
}
