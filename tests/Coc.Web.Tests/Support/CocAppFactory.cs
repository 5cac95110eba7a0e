using System.Net;
using System.Text.RegularExpressions;
using Coc.Tests.Shared;
using Coc.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Support;

/// <summary>
/// The real app with its embedded broker on a free loopback port, its store in a temp folder,
/// and the simulator off, so every sample in a test is one the test sent.
/// </summary>
public partial class CocAppFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _data = new();

    /// <summary>The device account the tests publish with: anonymous access stays off, as in production.</summary>
    public const string DeviceUser = "test-device";

    public const string DevicePassword = "kata-sandi-uji";

    /// <summary>The HTTP ingest key the tests write with (every feed); the default client sends it.</summary>
    public const string IngestKeyName = "test-writer";

    public const string IngestKey = "kunci-uji-ingest-5b21";

    /// <summary>The kiosk screen token of the tests (viewer); <see cref="RevokedScreenToken"/> is configured with Revoked: true.</summary>
    public const string ScreenTokenName = "test-screen";

    public const string ScreenToken = "layar-uji-token-7c1e";

    public const string RevokedScreenToken = "layar-dicabut-token-0a9f";

    /// <summary>One local account per role: user <c>test-{role}</c>, password <see cref="PasswordFor"/>.</summary>
    public static string UserFor(string role) => "test-" + role;

    public static string PasswordFor(string role) => "sandi-uji-" + role;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Hashes = new(StringComparer.Ordinal);

    /// <summary>
    /// One hash per secret for the whole test run: servers of one cluster must share their configuration, as
    /// real replicas do, since a session is bound to the configured hash (a fresh salt per server would end it).
    /// Few iterations: the format is the real one, the tests need no 50 ms per check.
    /// </summary>
    public static string HashOf(string secret) => Hashes.GetOrAdd(secret, s => Coc.Core.Security.SecretHash.Hash(s, iterations: 1_000));

    public int MqttPort { get; } = FreePort.Next();

    public Task<TestPublisher> ConnectDeviceAsync() => TestPublisher.ConnectAsync(MqttPort, DeviceUser, DevicePassword);

    public string DataPath => _data.Path;

    /// <summary>Extra settings a test class wants (key → value, ':'-separated keys).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Coc:Mqtt:Port", MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Coc:Mqtt:ClientId", "coc-ingest-test");
        builder.UseSetting("Coc:Mqtt:Users:0:Username", DeviceUser);
        // Few iterations: the hash format is the real one, the test just needs no 50 ms per connect.
        builder.UseSetting("Coc:Mqtt:Users:0:PasswordHash", Coc.Core.Security.SecretHash.Hash(DevicePassword, iterations: 1_000));
        builder.UseSetting("Coc:IngestKeys:Keys:0:Name", IngestKeyName);
        builder.UseSetting("Coc:IngestKeys:Keys:0:KeyHash", Coc.Core.Security.SecretHash.Hash(IngestKey, iterations: 1_000));
        builder.UseSetting("Coc:IngestKeys:Keys:0:Feeds:0", "*");
        builder.UseSetting("Coc:Simulator:Enabled", "false");
        builder.UseSetting("Coc:Storage:DataPath", Path.Combine(_data.Path, "store"));
        builder.UseSetting("Coc:Alarms:DatabasePath", Path.Combine(_data.Path, "alarms.db"));
        builder.UseSetting("Coc:Auth:DataPath", Path.Combine(_data.Path, "auth"));
        ConfigureAccounts(builder);
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>The test accounts and screen tokens; a first-run test configures none.</summary>
    protected virtual void ConfigureAccounts(IWebHostBuilder builder)
    {
        for (var i = 0; i < CocRoles.All.Count; i++)
        {
            var role = CocRoles.All[i];
            builder.UseSetting($"Coc:Auth:Users:{i}:Name", UserFor(role));
            builder.UseSetting($"Coc:Auth:Users:{i}:PasswordHash", HashOf(PasswordFor(role)));
            builder.UseSetting($"Coc:Auth:Users:{i}:Role", role);
        }
        builder.UseSetting("Coc:Auth:ScreenTokens:0:Name", ScreenTokenName);
        builder.UseSetting("Coc:Auth:ScreenTokens:0:TokenHash", HashOf(ScreenToken));
        builder.UseSetting("Coc:Auth:ScreenTokens:1:Name", "test-screen-revoked");
        builder.UseSetting("Coc:Auth:ScreenTokens:1:TokenHash", HashOf(RevokedScreenToken));
        builder.UseSetting("Coc:Auth:ScreenTokens:1:Revoked", "true");
    }

    /// <summary>Changes a setting while the app runs, as an edited appsettings.json would (options monitors see a reload).</summary>
    public void ChangeSetting(string key, string? value)
    {
        var configuration = (Microsoft.Extensions.Configuration.IConfigurationRoot)Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        configuration[key] = value;
        configuration.Reload();
    }

    /// <summary>Clients from <c>CreateClient()</c> carry the ingest key, as Telegraf would (<c>Authorization: Token</c>).</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Token " + IngestKey);
    }

    /// <summary>
    /// A client signed in as <paramref name="role"/> through the real sign-in form (its cookie kept by the
    /// client); null: anonymous. Without the ingest key, and not following redirects, so tests see them.
    /// </summary>
    public async Task<HttpClient> CreateClientAsAsync(string? role)
    {
        var client = CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());
        client.DefaultRequestHeaders.Remove("Authorization"); // not the ingest key: this client is a person
        if (role is not null)
        {
            await SignInAsync(client, UserFor(role), PasswordFor(role));
        }
        return client;
    }

    /// <summary>Posts the sign-in form with its antiforgery token, as a browser would; returns the response (a redirect on success).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync("/signin");
        var token = AntiforgeryField().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("the sign-in page has no antiforgery token");
        }
        var response = await client.PostAsync("/auth/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["user"] = user,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
        return response;
    }

    /// <summary>A client sending HTTP Basic with <paramref name="role"/>'s account, as a script would (no cookies kept).</summary>
    public HttpClient CreateBasicClient(string role, string? password = null)
    {
        var client = CreateDefaultClient();
        client.DefaultRequestHeaders.Remove("Authorization");
        client.DefaultRequestHeaders.Authorization = BasicFor(role, password);
        return client;
    }

    /// <summary>The Basic header for <paramref name="role"/>'s test account, for clients the factory does not make.</summary>
    public static System.Net.Http.Headers.AuthenticationHeaderValue BasicFor(string role, string? password = null) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(UserFor(role) + ":" + (password ?? PasswordFor(role)))));

    /// <summary>A /hubs/live connection on the test server (long polling) presenting <paramref name="token"/> as its bearer token.</summary>
    public HubConnection CreateHubConnection(string? token = ScreenToken) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "hubs/live"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                if (token is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();

    /// <summary>A path with the test screen token, as a kiosk's first URL: the server swaps it for a cookie.</summary>
    public static string WithScreenToken(string path, string token = ScreenToken) =>
        path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "screen-token=" + Uri.EscapeDataString(token);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }
}
