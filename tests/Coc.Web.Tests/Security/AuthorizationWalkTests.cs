using System.Net;
using System.Text.RegularExpressions;
using Coc.Web.Security;
using Coc.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Coc.Web.Tests.Security;

/// <summary>
/// Every endpoint the app maps, asked for by every kind of caller. Driven by the app's own endpoint list, so a
/// new endpoint missing from <see cref="Table"/> fails here instead of slipping through open. Entries for
/// endpoints that do not exist are simply not used.
/// </summary>
public sealed partial class AuthorizationWalkTests : IClassFixture<CocAppFactory>
{
    private readonly CocAppFactory _app;
    private readonly ITestOutputHelper _output;

    public AuthorizationWalkTests(CocAppFactory app, ITestOutputHelper output)
    {
        _app = app;
        _output = output;
    }

    /// <summary>Who may use an endpoint.</summary>
    public enum Access
    {
        /// <summary>Anyone, no session needed (sign-in, errors, liveness, Blazor's own plumbing).</summary>
        Anyone,
        /// <summary>The ingest key scheme (IngestKeyAuthorizer), never a cookie.</summary>
        IngestKey,
        Viewer,
        Operator,
        DutyOfficer,
        Admin,
    }

    private sealed record Entry(Access Access, string Method, string SamplePath);

    /// <summary>Route pattern (constraints dropped) → who may use it, and a request that reaches it.</summary>
    private static readonly Dictionary<string, Entry> Table = new(StringComparer.Ordinal)
    {
        // Pages.
        ["/"] = new(Access.Viewer, "GET", "/"),
        ["/wall/{WallId}"] = new(Access.Viewer, "GET", "/wall/jambi-coc"),
        ["/wall/{WallId}/screen/{Screen}"] = new(Access.Viewer, "GET", "/wall/jambi-coc/screen/1"),
        ["/screen/{Name}"] = new(Access.Viewer, "GET", "/screen/coc-1"),
        ["/briefing"] = new(Access.Viewer, "GET", "/briefing"),
        ["/feeds"] = new(Access.Operator, "GET", "/feeds"),
        ["/control"] = new(Access.DutyOfficer, "GET", "/control"),
        ["/error"] = new(Access.Anyone, "GET", "/error"),
        ["/signin"] = new(Access.Anyone, "GET", "/signin"),
        ["/access-denied"] = new(Access.Anyone, "GET", "/access-denied"),
        ["/admin"] = new(Access.Admin, "GET", "/admin"),
        // Sign-in form targets: anyone may post, the antiforgery token decides (SignInTests).
        ["/auth/signin"] = new(Access.Anyone, "POST", "/auth/signin"),
        ["/auth/signout"] = new(Access.Anyone, "POST", "/auth/signout"),
        // Hub and APIs.
        ["/hubs/live"] = new(Access.Viewer, "GET", "/hubs/live"),
        ["/hubs/live/negotiate"] = new(Access.Viewer, "POST", "/hubs/live/negotiate?negotiateVersion=1"),
        ["/api/feeds"] = new(Access.Operator, "GET", "/api/feeds"),
        ["/api/store"] = new(Access.Operator, "GET", "/api/store"),
        // Health: anyone gets the status; the detail is for operators (HealthDetail test below).
        ["/health"] = new(Access.Anyone, "GET", "/health"),
        ["/health/live"] = new(Access.Anyone, "GET", "/health/live"),
        // Ingest: their own key, exactly as before.
        ["/write"] = new(Access.IngestKey, "POST", "/write?db=walk"),
        ["/ping"] = new(Access.Anyone, "GET", "/ping"),
        ["/api/ingest/{feed}"] = new(Access.IngestKey, "POST", "/api/ingest/atcs"),
        // The alarms.
        ["/alarms"] = new(Access.Operator, "GET", "/alarms"),
        ["/alarms/export.csv"] = new(Access.Operator, "GET", "/alarms/export.csv"),
        ["/api/alarms"] = new(Access.Operator, "GET", "/api/alarms"),
        ["/api/alarms/history"] = new(Access.Operator, "GET", "/api/alarms/history"),
        ["/api/alarms/{id}/ack"] = new(Access.DutyOfficer, "POST", "/api/alarms/walk-test/ack"),
        // Blazor's circuit plumbing: anonymous at HTTP level; each page checks its policy inside the circuit.
        ["/_blazor"] = new(Access.Anyone, "GET", "/_blazor"),
        ["/_blazor/negotiate"] = new(Access.Anyone, "POST", "/_blazor/negotiate?negotiateVersion=1"),
        ["/_blazor/initializers"] = new(Access.Anyone, "GET", "/_blazor/initializers"),
        ["/_blazor/disconnect"] = new(Access.Anyone, "POST", "/_blazor/disconnect"),
        // The development-time static web assets fallback (files of referenced packages under `dotnet run`).
        ["/{path}"] = new(Access.Anyone, "GET", "/css/wall.css"),
        ["/_framework/opaque-redirect"] = new(Access.Anyone, "GET", "/_framework/opaque-redirect"),
    };

    [Fact]
    public void Endpoints_EveryMappedOne_IsInTheTable()
    {
        var missing = MappedPatterns().Where(p => !Table.ContainsKey(p)).ToList();

        Assert.True(missing.Count == 0, "endpoints with no authorisation expectation (add them to AuthorizationWalkTests.Table): " + string.Join(", ", missing));
    }

    public static TheoryData<string> Callers => new() { "anonymous", "revoked-token", CocRoles.Viewer, "screen", CocRoles.Operator, CocRoles.DutyOfficer, CocRoles.Admin };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Walk_EveryEndpointAsCaller_AnswersByItsRole(string caller)
    {
        using var client = await ClientForAsync(caller);
        var failures = new List<string>();
        foreach (var pattern in MappedPatterns().Where(Table.ContainsKey))
        {
            var entry = Table[pattern];
            using var request = new HttpRequestMessage(new HttpMethod(entry.Method), entry.SamplePath);
            if (entry.Method == "POST")
            {
                request.Content = new StringContent("", System.Text.Encoding.UTF8, "text/plain");
            }
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";
            var why = Check(entry, caller, status, location);
            _output.WriteLine($"{caller,-14} {entry.Method,-4} {entry.SamplePath,-40} {status} {location} {(why is null ? "ok" : "FAIL " + why)}");
            if (why is not null)
            {
                failures.Add($"{entry.Method} {entry.SamplePath}: {status} {location} ({why})");
            }
        }
        Assert.True(failures.Count == 0, $"as {caller}:\n" + string.Join("\n", failures));
    }

    /// <summary>Null when the answer is what <paramref name="caller"/> should get; else why not.</summary>
    private static string? Check(Entry entry, string caller, int status, string location)
    {
        var machine = CocAuthSchemes.IsMachinePath(new PathString(entry.SamplePath.Split('?')[0]));
        switch (entry.Access)
        {
            case Access.Anyone:
                return status is 401 or 403 || location.Contains("/signin", StringComparison.Ordinal) ? "must be open to anyone" : null;
            case Access.IngestKey:
                // The walk's clients never carry an ingest key: the ingest check refuses them whoever they are.
                return status == 401 ? null : "ingest without a key must be 401";
        }
        var rank = CocRoles.All.ToList().IndexOf(entry.Access switch
        {
            Access.Viewer => CocRoles.Viewer,
            Access.Operator => CocRoles.Operator,
            Access.DutyOfficer => CocRoles.DutyOfficer,
            _ => CocRoles.Admin,
        });
        var callerRank = caller switch
        {
            "anonymous" or "revoked-token" => -1,
            "screen" => 0,
            _ => CocRoles.All.ToList().IndexOf(caller),
        };
        if (callerRank < 0)
        {
            // The revoked token is sent as a bearer token: a refused credential gets 401 everywhere, never a page.
            if (caller == "revoked-token" || machine)
            {
                return status == 401 ? null : "unauthenticated must get 401";
            }
            return status == 302 && location.StartsWith("/signin?returnUrl=", StringComparison.Ordinal) ? null : "unauthenticated page must redirect to /signin";
        }
        if (callerRank < rank)
        {
            return machine
                ? status == 403 ? null : "too low a role must get 403"
                : status == 302 && location.StartsWith("/access-denied", StringComparison.Ordinal) ? null : "too low a role must be sent to /access-denied";
        }
        return status is 401 or 403 or 302 or >= 500 ? "allowed caller refused" : null;
    }

    private async Task<HttpClient> ClientForAsync(string caller)
    {
        switch (caller)
        {
            case "anonymous":
                return await _app.CreateClientAsAsync(null);
            case "revoked-token":
                var revoked = await _app.CreateClientAsAsync(null);
                revoked.DefaultRequestHeaders.Authorization = new("Bearer", CocAppFactory.RevokedScreenToken);
                return revoked;
            case "screen":
                var screen = await _app.CreateClientAsAsync(null);
                using (var link = await screen.GetAsync(CocAppFactory.WithScreenToken("/briefing")))
                {
                    Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
                }
                return screen;
            default:
                return await _app.CreateClientAsAsync(caller);
        }
    }

    private IEnumerable<string> MappedPatterns() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !IsStaticAsset(e))
            .Select(e => Normalize(e.RoutePattern.RawText ?? ""))
            .Distinct()
            .Order(StringComparer.Ordinal);

    /// <summary>Files served by MapStaticAssets (scripts, styles): public by nature, never a page or an API.</summary>
    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor");

    private static string Normalize(string pattern) => "/" + Constraint().Replace(pattern.Trim('/'), "{$1}");

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex Constraint();
}
