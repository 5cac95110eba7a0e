using System.Globalization;
using Coc.Core.Complaints;
using Coc.Core.Ingest;
using Coc.Ingest.Http;
using Coc.Web.Alarms;
using Coc.Web.Components;
using Coc.Web.Hub;
using Coc.Web.Layouts;
using Coc.Web.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
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
        services.AddOptions<FeedsOptions>().BindConfiguration(FeedsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeedsOptions>, FeedsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WallOptions>, WallOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WallLayoutStore>();
        services.TryAddSingleton<Coc.Web.Scenes.WallSceneState>();
        services.AddCocAlarms();
        services.TryAddSingleton<WallClock>();
        services.TryAddScoped<ScreenTicker>();
        services.TryAddSingleton<HubSubscriptions>();
        services.TryAddSingleton<HubBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<HubBroadcaster>());
        services.AddHostedService<SceneHubAnnouncer>();
        services.TryAddSingleton<FeedHealthPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedHealthPublisher>());

        PointSimulatorAtIngestBroker(builder);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddSignalR();
        services.AddMudServices();
        services.AddHealthChecks().AddCheck<ProcessHealthCheck>("process");
        return builder;
    }

    /// <summary>
    /// The built-in simulator publishes to the broker Coc listens to unless told otherwise, so
    /// changing Coc:Mqtt:Port alone keeps the simulated wall alive; against the embedded broker it
    /// signs in with the broker's own per-run account, so anonymous access can stay off.
    /// </summary>
    private static void PointSimulatorAtIngestBroker(IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Services.AddOptions<Coc.Simulator.SimulatorOptions>()
            .PostConfigure<Coc.Ingest.Mqtt.EmbeddedBroker, IOptions<Coc.Ingest.Mqtt.MqttOptions>>((o, broker, mqtt) =>
            {
                if (config["Coc:Simulator:Host"] is null && config["Coc:Mqtt:Host"] is { } host)
                {
                    o.Host = host;
                }
                if (config["Coc:Simulator:Port"] is null && int.TryParse(config["Coc:Mqtt:Port"], out var port))
                {
                    o.Port = port;
                }
                var toEmbedded = mqtt.Value.EmbeddedBroker && o.Port == mqtt.Value.Port && o.Host is "127.0.0.1" or "localhost" or "::1";
                if (toEmbedded && string.IsNullOrEmpty(o.Username))
                {
                    (o.Username, o.Password) = broker.LocalAccount;
                }
            });
    }

    public static WebApplication MapCocWeb(this WebApplication app)
    {
        app.Use(StoppingGate.Middleware(app.Lifetime.ApplicationStopping));
        app.UseCocSecurity();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseRequestLocalization(options =>
        {
            var cultures = new[] { new CultureInfo("id-ID"), new CultureInfo("en-US") };
            options.DefaultRequestCulture = new RequestCulture("id-ID");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // Bahasa Indonesia unless someone chose English: a kiosk browser's own language must not flip the wall.
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        app.Use(RememberCultureChoice);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapHub<LiveHub>("/hubs/live").RequireAuthorization(CocRoles.Viewer);
        app.MapCocLineProtocol();
        app.MapCocJsonIngest();
        app.MapCocAlarms();
        // Anonymous: the overall status only (monitors, the proxy); operator and above: every check's detail.
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        // Liveness for a load balancer (deploy/haproxy.cfg): 200 while the process serves HTTP, no check run.
        // /health turns 503 on troubles every replica shares (InfluxDB down): it must not empty the rotation.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapGet("/api/feeds", (FeedStats stats, ComplaintAggregator complaints, TimeProvider time, IOptions<FeedsOptions> feeds) =>
        {
            var now = time.GetUtcNow();
            return stats.Feeds.Select(f => new
            {
                feed = f.Feed,
                state = feeds.Value.Rules.Evaluate(f, now).ToString().ToLowerInvariant(),
                acceptedPerSecond = f.AcceptedPerSecond(now),
                accepted = f.Accepted,
                rejectedLastMinute = f.RejectedLastMinute(now),
                rejected = f.RejectedByReason,
                lastSampleAt = f.LastSampleAt,
                // The complaints feed's "accepted" counts aggregate samples; what happened to the events is the aggregator's (null on other feeds).
                complaints = f.Feed == MqttTopicContract.ComplaintsFeed ? new
                {
                    eventsApplied = complaints.EventsApplied,
                    duplicates = complaints.Duplicates,
                    stale = complaints.Stale,
                    refused = complaints.Refused,
                    evictedEarly = complaints.EvictedEarly,
                    tracked = complaints.TrackedCount,
                } : null,
            });
        }).RequireAuthorization(CocRoles.Operator);
        // The history store's own figures (spool, outage, losses): apart from /api/feeds, whose shape is a list of feeds.
        app.MapGet("/api/store", (Coc.Storage.IStoreStatus status) => status.Snapshot()).RequireAuthorization(CocRoles.Operator);
        app.Lifetime.ApplicationStarted.Register(() => PrintUrls(app));
        return app;
    }

    /// <summary>A <c>?culture=</c> choice is kept in the culture cookie, so the next page stays in that language.</summary>
    private static Task RememberCultureChoice(HttpContext context, Func<Task> next)
    {
        if (context.Request.Query.ContainsKey("culture") && context.Features.Get<IRequestCultureFeature>() is { } feature)
        {
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(feature.RequestCulture),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
        }
        return next();
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
                for (var s = 1; s <= wall.ScreenCount; s++)
                {
                    Console.WriteLine($"  screen {s}:            {url}/wall/{wall.Id}/screen/{s}");
                }
            }
            Console.WriteLine($"  live hub (SignalR):  {url}/hubs/live    health: {url}/health");
        }
    }
}
