using System.Net.Http.Headers;
using System.Text;
using Coc.Core.Security;

namespace Coc.Bench;

/// <summary>
/// The bench's sign-in: a kiosk screen token for the screens and the hub client, an operator account for the
/// /health detail. One auth folder per bench run, shared by every app process, so replicas behind the proxy
/// share Data Protection keys and accept each other's cookies, as with Redis in production.
/// </summary>
internal static class BenchAuth
{
    public const string ScreenToken = "bench-layar-token-4f1d";
    private const string OperatorUser = "bench-operator";
    private const string OperatorPassword = "bench-operator-sandi";
    private static readonly Lazy<string> Folder = new(() => Directory.CreateTempSubdirectory("coc-bench-auth-").FullName);
    // Hashed once: replicas must share their configuration, since a session is bound to the configured hash.
    private static readonly Lazy<string> ScreenTokenHash = new(() => SecretHash.Hash(ScreenToken, iterations: 1_000));
    private static readonly Lazy<string> OperatorHash = new(() => SecretHash.Hash(OperatorPassword, iterations: 1_000));

    public static IEnumerable<KeyValuePair<string, string>> Environment() =>
    [
        new("Coc__Auth__DataPath", Folder.Value),
        new("Coc__Auth__ScreenTokens__0__Name", "bench-screen"),
        new("Coc__Auth__ScreenTokens__0__TokenHash", ScreenTokenHash.Value),
        new("Coc__Auth__Users__0__Name", OperatorUser),
        new("Coc__Auth__Users__0__PasswordHash", OperatorHash.Value),
        new("Coc__Auth__Users__0__Role", "operator"),
    ];

    /// <summary>A screen URL as a kiosk's first visit: the server swaps the token for a cookie and redirects to the plain URL.</summary>
    public static string WithScreenToken(string url) => url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "screen-token=" + ScreenToken;

    public static AuthenticationHeaderValue OperatorBasic { get; } =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(OperatorUser + ":" + OperatorPassword)));
}
