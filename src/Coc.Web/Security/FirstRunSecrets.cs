using System.Security.Cryptography;
using System.Text.Json;
using Coc.Core.Security;
using Microsoft.Extensions.Options;

namespace Coc.Web.Security;

/// <summary>
/// Keeps `dotnet run` one command: with no account and no screen token configured, an <c>admin</c> password and
/// one kiosk screen token are generated once into <c>{DataPath}/first-run-secrets.json</c> (mode 0600) and their
/// hashes are used as if configured. For a single-machine trial only; production configures Coc:Auth.
/// </summary>
public sealed class FirstRunSecrets(IHostEnvironment environment, ILogger<FirstRunSecrets> logger) : IPostConfigureOptions<AuthOptions>
{
    public const string FileName = "first-run-secrets.json";
    public const string AdminName = "admin";
    public const string ScreenName = "first-run-kiosk";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly Lock _gate = new();

    /// <summary>The secrets in use, or null when configuration has its own accounts or tokens.</summary>
    public Secrets? Current { get; private set; }

    public string? FilePath { get; private set; }

    public void PostConfigure(string? name, AuthOptions options)
    {
        if (!options.FirstRunSecrets || options.Users.Count > 0 || options.ScreenTokens.Count > 0)
        {
            Current = null;
            return;
        }
        var secrets = LoadOrCreate(Path.Combine(Path.GetFullPath(options.DataPath, environment.ContentRootPath), FileName));
        options.Users.Add(new LocalAccount { Name = AdminName, DisplayName = "Admin (first run)", PasswordHash = secrets.PasswordHash, Role = CocRoles.Admin });
        options.ScreenTokens.Add(new ScreenToken { Name = ScreenName, TokenHash = secrets.ScreenTokenHash });
    }

    private Secrets LoadOrCreate(string path)
    {
        lock (_gate)
        {
            if (Current is not null && FilePath == path)
            {
                return Current;
            }
            Secrets? secrets = null;
            if (File.Exists(path))
            {
                secrets = JsonSerializer.Deserialize<Secrets>(File.ReadAllText(path));
            }
            if (secrets is null || !SecretHash.IsWellFormed(secrets.PasswordHash) || !SecretHash.IsWellFormed(secrets.ScreenTokenHash))
            {
                var password = NewSecret(15);
                var token = NewSecret(24);
                secrets = new Secrets(AdminName, password, SecretHash.Hash(password), token, SecretHash.Hash(token));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }
                using (var stream = new FileStream(path, file))
                {
                    JsonSerializer.Serialize(stream, secrets, Json);
                }
                logger.LogWarning("First run: generated an admin password and a kiosk screen token into {Path} (mode 0600)", path);
            }
            Current = secrets;
            FilePath = path;
            return secrets;
        }
    }

    private static string NewSecret(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public sealed record Secrets(string User, string Password, string PasswordHash, string ScreenToken, string ScreenTokenHash);
}
