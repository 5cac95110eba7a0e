using System.Net;
using System.Text.RegularExpressions;
using Coc.Core.Security;
using Microsoft.Extensions.Options;

namespace Coc.Web.Security;

public sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex Name();

    public ValidateOptionsResult Validate(string? name, AuthOptions o)
    {
        var errors = new List<string>();
        for (var i = 0; i < o.Users.Count; i++)
        {
            var u = o.Users[i];
            if (!Name().IsMatch(u.Name ?? ""))
            {
                errors.Add($"Coc:Auth:Users:{i}:Name must be 1-64 lowercase letters, digits, '.', '_' or '-', got '{u.Name}'");
            }
            if (!SecretHash.IsWellFormed(u.PasswordHash))
            {
                errors.Add($"Coc:Auth:Users:{i}:PasswordHash must be a pbkdf2-sha256$... hash (hash-password), never the password itself");
            }
            if (!CocRoles.All.Contains(u.Role))
            {
                errors.Add($"Coc:Auth:Users:{i}:Role must be one of {string.Join(", ", CocRoles.All)}, got '{u.Role}'");
            }
        }
        Duplicates(o.Users.Select(u => u.Name), "Users", errors);
        for (var i = 0; i < o.ScreenTokens.Count; i++)
        {
            var t = o.ScreenTokens[i];
            if (!Name().IsMatch(t.Name ?? ""))
            {
                errors.Add($"Coc:Auth:ScreenTokens:{i}:Name must be 1-64 lowercase letters, digits, '.', '_' or '-', got '{t.Name}'");
            }
            if (!SecretHash.IsWellFormed(t.TokenHash))
            {
                errors.Add($"Coc:Auth:ScreenTokens:{i}:TokenHash must be a pbkdf2-sha256$... hash (hash-password), never the token itself");
            }
        }
        Duplicates(o.ScreenTokens.Select(t => t.Name), "ScreenTokens", errors);
        if (o.Oidc.Enabled)
        {
            if (!Uri.TryCreate(o.Oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                errors.Add($"Coc:Auth:Oidc:Authority must be an http(s) URL, got '{o.Oidc.Authority}'");
            }
            if (string.IsNullOrWhiteSpace(o.Oidc.ClientId))
            {
                errors.Add("Coc:Auth:Oidc:ClientId is required with an Authority");
            }
            if (string.IsNullOrWhiteSpace(o.Oidc.RoleClaim))
            {
                errors.Add("Coc:Auth:Oidc:RoleClaim is required with an Authority");
            }
            foreach (var (group, role) in o.Oidc.RoleMap)
            {
                if (!CocRoles.All.Contains(role))
                {
                    errors.Add($"Coc:Auth:Oidc:RoleMap:{group} must be one of {string.Join(", ", CocRoles.All)}, got '{role}'");
                }
            }
        }
        if (o.RevalidateSeconds is < 1 or > 3600)
        {
            errors.Add($"Coc:Auth:RevalidateSeconds must be 1-3600, got {o.RevalidateSeconds}");
        }
        if (o.SessionHours is < 1 or > 24 * 31)
        {
            errors.Add($"Coc:Auth:SessionHours must be 1-744, got {o.SessionHours}");
        }
        if (o.ScreenSessionDays is < 1 or > 400)
        {
            errors.Add($"Coc:Auth:ScreenSessionDays must be 1-400 (browsers keep no cookie longer), got {o.ScreenSessionDays}");
        }
        if (o.MaxFailedSignIns is < 1 or > 100)
        {
            errors.Add($"Coc:Auth:MaxFailedSignIns must be 1-100, got {o.MaxFailedSignIns}");
        }
        if (o.FailedSignInDelaySeconds is < 1 or > 900)
        {
            errors.Add($"Coc:Auth:FailedSignInDelaySeconds must be 1-900, got {o.FailedSignInDelaySeconds}");
        }
        if (string.IsNullOrWhiteSpace(o.DataPath))
        {
            errors.Add("Coc:Auth:DataPath is required (Data Protection keys live there)");
        }
        foreach (var proxy in o.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out _))
            {
                errors.Add($"Coc:Auth:KnownProxies: '{proxy}' is not an IP address");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Duplicates(IEnumerable<string> names, string list, List<string> errors)
    {
        foreach (var dup in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"Coc:Auth:{list}: '{dup.Key}' appears more than once");
        }
    }
}
