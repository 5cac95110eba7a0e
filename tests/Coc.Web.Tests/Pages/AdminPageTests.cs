using Bunit;
using Coc.Web.Components.Pages;
using Coc.Web.Security;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Pages;

/// <summary>/admin lists who can get in by name and role, and never a secret.</summary>
public sealed class AdminPageTests : IClassFixture<CocAppFactory>, IAsyncLifetime
{
    private readonly CocAppFactory _app;
    private readonly BunitContext _ctx = new();

    public AdminPageTests(CocAppFactory app) => _app = app;

    [Fact]
    public void Render_ConfiguredAccountsAndTokens_NamesAndRolesButNoHashes()
    {
        _ctx.Services.AddSingleton(_app.Services.GetRequiredService<AuthSettings>());
        _ctx.Services.AddSingleton(_app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Coc.Ingest.Http.IngestKeyOptions>>());
        _ctx.Services.AddSingleton(_app.Services.GetRequiredService<Coc.Web.Layouts.WallLayoutStore>());

        var page = _ctx.Render<Admin>();

        Assert.Equal(CocRoles.All.Count, page.FindAll("[data-account]").Count);
        Assert.Equal("true", page.Find("[data-screen-token='test-screen-revoked']").GetAttribute("data-revoked"));
        Assert.Equal("false", page.Find($"[data-screen-token='{CocAppFactory.ScreenTokenName}']").GetAttribute("data-revoked"));
        Assert.NotNull(page.Find($"[data-ingest-key='{CocAppFactory.IngestKeyName}']"));
        Assert.DoesNotContain("pbkdf2", page.Markup, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
