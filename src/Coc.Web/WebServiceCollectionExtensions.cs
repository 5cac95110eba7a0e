using System.Globalization;
using Coc.Core.Ingest;
using Coc.Web.Components;
using Coc.Web.Hub;
using Coc.Web.Layouts;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace Coc.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>The Blazor wall, the live hub and the layouts.</summary>
    public static IHostApplicationBuilder AddCocWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WallOptions>().BindConfiguration(WallOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WallOptions>, WallOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WallLayoutStore>();
        services.TryAddSingleton<WallClock>();
        services.TryAddScoped<ScreenTicker>();
        services.TryAddSingleton<HubSubscriptions>();
        services.TryAddSingleton<HubBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<HubBroadcaster>());

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddSignalR();
        services.AddMudServices();
        services.AddHealthChecks();
        return builder;
    }

    public static WebApplication MapCocWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseRequestLocalization(options =>
        {
            var cultures = new[] { new CultureInfo("id-ID"), new CultureInfo("en-US") };
            options.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture("id-ID");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
        });
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapHub<LiveHub>("/hubs/live");
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapGet("/api/feeds", (FeedStats stats) => stats.Feeds.Select(f => new
        {
            feed = f.Feed,
            accepted = f.Accepted,
            rejected = f.RejectedByReason,
            lastSampleAt = f.LastSampleAt,
        }));
        app.Lifetime.ApplicationStarted.Register(() => PrintUrls(app));
        return app;
    }

    private static void PrintUrls(WebApplication app)
    {
        var walls = app.Services.GetRequiredService<WallLayoutStore>().Walls;
        foreach (var url in app.Urls)
        {
            Console.WriteLine($"Coc is running: {url}/");
            foreach (var wall in walls)
            {
                Console.WriteLine($"  whole wall (tablet): {url}/wall/{wall.Id}");
                for (var s = 1; s <= wall.Screens; s++)
                {
                    Console.WriteLine($"  screen {s}:            {url}/wall/{wall.Id}/screen/{s}");
                }
            }
            Console.WriteLine($"  live hub (SignalR):  {url}/hubs/live    health: {url}/health");
        }
    }
}
