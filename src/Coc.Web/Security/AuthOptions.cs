namespace Coc.Web.Security;

/// <summary>
/// Section <c>Coc:Auth</c>: who may sign in and how. Secrets are kept only as <c>pbkdf2-sha256$...</c>
/// hashes (<c>dotnet run --project src/Coc.Web -- hash-password</c>). Reloaded while running: removing an
/// account or a screen token ends its sessions within <see cref="RevalidateSeconds"/>.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Coc:Auth";

    /// <summary>Local accounts (operators, duty officers, admins).</summary>
    public List<LocalAccount> Users { get; set; } = [];

    /// <summary>Kiosk screens: a secret in the screen's first URL, then a long-lived cookie. Always the viewer role.</summary>
    public List<ScreenToken> ScreenTokens { get; set; } = [];

    /// <summary>Optional sign-in with the city's identity provider.</summary>
    public OidcOptions Oidc { get; set; } = new();

    /// <summary>Where Data Protection keys and first-run secrets live, relative to the content root.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>With no account and no screen token configured, generate an admin password and one screen token (single-machine trial).</summary>
    public bool FirstRunSecrets { get; set; } = true;

    /// <summary>How often an open Blazor circuit (a wall screen) checks that its account or token is still valid.</summary>
    public int RevalidateSeconds { get; set; } = 30;

    /// <summary>A person's sign-in lasts this long without activity (sliding): one shift.</summary>
    public int SessionHours { get; set; } = 12;

    /// <summary>A kiosk's cookie lasts this long without activity (sliding); browsers cap cookies at 400 days.</summary>
    public int ScreenSessionDays { get; set; } = 400;

    /// <summary>Failed sign-ins for one account from one address before each further attempt must wait.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>The wait after <see cref="MaxFailedSignIns"/> failures; doubles with each further failure, at most 15 min.</summary>
    public int FailedSignInDelaySeconds { get; set; } = 30;

    /// <summary>
    /// Addresses of reverse proxies (TLS terminators) whose X-Forwarded-For/-Proto are believed. Empty: none,
    /// the request's own scheme and address count (cookies are Secure only on HTTPS requests).
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];
}

public sealed class LocalAccount
{
    public string Name { get; set; } = "";

    public string? DisplayName { get; set; }

    public string PasswordHash { get; set; } = "";

    public string Role { get; set; } = CocRoles.Viewer;
}

public sealed class ScreenToken
{
    public string Name { get; set; } = "";

    public string TokenHash { get; set; } = "";

    /// <summary>True ends every session of this token at once, as removing it does, but keeps the entry as a record.</summary>
    public bool Revoked { get; set; }
}

public sealed class OidcOptions
{
    /// <summary>Issuer URL (its /.well-known/openid-configuration is read). Empty: no identity provider.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim carrying the user's groups or roles at the identity provider.</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary>Identity-provider group/role value → Coc role; a user gets the highest mapped role, none: no access.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    /// <summary>Text of the button on the sign-in page.</summary>
    public string DisplayName { get; set; } = "SSO";

    /// <summary>Refuse an http:// authority. Off only for a test identity provider on loopback.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
