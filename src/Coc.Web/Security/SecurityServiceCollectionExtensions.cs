using System.Net;
using Coc.Web.Cluster;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Coc.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Fixed, so every replica and every version reads the others' cookies (Data Protection isolates by it).</summary>
    public const string ApplicationName = "coc";

    /// <summary>Sign-in (accounts, screen tokens, Basic for scripts, optional OIDC), role policies, Data Protection keys.</summary>
    public static IHostApplicationBuilder AddCocSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Bound without a change-token source: reloads go through AuthSettings, which keeps the last valid
        // accounts, instead of an options monitor that would throw on the reloading thread at the first typo.
        services.AddOptions<AuthOptions>().Configure<IConfiguration>((o, c) => c.GetSection(AuthOptions.Section).Bind(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddSingleton<FirstRunSecrets>();
        services.AddSingleton<IPostConfigureOptions<AuthOptions>>(sp => sp.GetRequiredService<FirstRunSecrets>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuthSettings>();
        services.TryAddSingleton(new Coc.Core.Security.VerifiedSecrets());
        services.TryAddSingleton<AccountStore>();
        services.TryAddSingleton<ScreenTokenStore>();
        services.TryAddSingleton<SessionValidator>();
        services.TryAddSingleton<SignInThrottle>();

        var authentication = services.AddAuthentication(CocAuthSchemes.Selector)
            .AddPolicyScheme(CocAuthSchemes.Selector, null, o => o.ForwardDefaultSelector = CocAuthSchemes.Select)
            .AddCookie(CocAuthSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, ScreenTokenHandler>(CocAuthSchemes.ScreenBearer, null)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthHandler>(CocAuthSchemes.Basic, null);
        services.AddOptions<CookieAuthenticationOptions>(CocAuthSchemes.Cookie).Configure<IOptions<AuthOptions>>(ConfigureCookie);
        // Whether there is an identity provider is decided at start: its handler is registered or not.
        var oidc = builder.Configuration.GetSection(AuthOptions.Section + ":Oidc").Get<OidcOptions>() ?? new OidcOptions();
        if (oidc.Enabled)
        {
            OidcSetup.Add(authentication, oidc);
        }

        services.AddAuthorization(o =>
        {
            for (var i = 0; i < CocRoles.All.Count; i++)
            {
                // A role's policy is met by that role and every higher one.
                var allowed = CocRoles.All.Skip(i).ToArray();
                o.AddPolicy(CocRoles.All[i], p => p.RequireAuthenticatedUser().RequireRole(allowed));
            }
        });
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, CocAuthenticationStateProvider>();

        AddDataProtection(services);
        return builder;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o, IOptions<AuthOptions> auth)
    {
        o.Cookie.Name = "coc.auth";
        o.Cookie.HttpOnly = true;
        // Lax, not Strict: a wall URL opened from a link or bookmark, and the return from the identity
        // provider, are cross-site navigations that must carry the session; Lax still keeps it off
        // cross-site POSTs and subresource requests.
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.LoginPath = "/signin";
        o.AccessDeniedPath = "/access-denied";
        o.ReturnUrlParameter = "returnUrl";
        o.ExpireTimeSpan = TimeSpan.FromHours(auth.Value.SessionHours);
        o.SlidingExpiration = true;
        o.Events.OnRedirectToLogin = context => MachineOr(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => MachineOr(context, StatusCodes.Status403Forbidden);
        o.Events.OnValidatePrincipal = async context =>
        {
            var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
            if (context.Principal is { } user && !validator.IsStillValid(user))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CocAuthSchemes.Cookie);
            }
        };
    }

    /// <summary>Programs (API, hub, health) get a status code; browsers get the sign-in or access-denied page.</summary>
    private static Task MachineOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (CocAuthSchemes.IsMachinePath(context.Request.Path))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Keys under the data folder, so cookies survive a restart; in Redis with <c>Coc:Cluster:Redis</c>, through the
    /// cluster's one connection, so replicas behind the proxy accept each other's cookies.
    /// </summary>
    private static void AddDataProtection(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            var cluster = sp.GetRequiredService<IOptions<ClusterOptions>>().Value;
            if (cluster.Enabled)
            {
                var redis = sp.GetRequiredService<RedisConnection>();
                o.XmlRepository = new RedisXmlRepository(() => redis.GetAsync().GetAwaiter().GetResult().GetDatabase(), $"{cluster.ChannelPrefix}:data-protection-keys");
            }
            else
            {
                var auth = sp.GetRequiredService<IOptions<AuthOptions>>().Value;
                var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
                var folder = new DirectoryInfo(Path.Combine(Path.GetFullPath(auth.DataPath, root), "keys"));
                o.XmlRepository = new FileSystemXmlRepository(folder, sp.GetRequiredService<ILoggerFactory>());
            }
        });
    }

    /// <summary>Forwarded headers (known proxies only), security headers, authentication, the kiosk link, authorisation, sign-in endpoints.</summary>
    public static WebApplication UseCocSecurity(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.KnownProxies.Count > 0)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in auth.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            app.UseForwardedHeaders(forwarded);
        }
        app.Use(SecurityHeaders.Middleware);
        app.UseAuthentication();
        app.Use(ScreenTokenLink.Middleware);
        app.UseAuthorization();
        app.MapCocSignIn();
        app.Lifetime.ApplicationStarted.Register(() => PrintFirstRun(app));
        return app;
    }

    private static void PrintFirstRun(WebApplication app)
    {
        // Reading the options runs the first-run step, which fills FirstRunSecrets.Current.
        _ = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var firstRun = app.Services.GetRequiredService<FirstRunSecrets>();
        if (firstRun.Current is not { } secrets)
        {
            return;
        }
        app.Logger.LogWarning("No Coc:Auth accounts or screen tokens configured: using the generated first-run secrets in {Path}. For a single-machine trial only; configure Coc:Auth:Users and Coc:Auth:ScreenTokens for production.", firstRun.FilePath);
        var walls = app.Services.GetRequiredService<Layouts.WallLayoutStore>().Walls;
        foreach (var url in app.Urls)
        {
            Console.WriteLine($"Sign in: {url}/signin  user '{secrets.User}', password in {firstRun.FilePath}");
            foreach (var wall in walls)
            {
                for (var s = 1; s <= wall.ScreenCount; s++)
                {
                    Console.WriteLine($"  kiosk screen {s}: {url}/wall/{wall.Id}/screen/{s}?{ScreenTokenLink.QueryKey}={secrets.ScreenToken}");
                }
            }
        }
    }
}
