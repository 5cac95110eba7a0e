using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Coc.Tests.Shared;

namespace Coc.Ingest.Tests.Support;

/// <summary>
/// A real Debian <c>mosquitto</c> on free loopback ports with its own temp config: a plain listener (devices publish
/// there) and, when asked, a TLS listener. Two accounts in a <c>mosquitto_passwd</c> file: <see cref="IngestUser"/>
/// for Coc and <see cref="DeviceUser"/> for publishers. Stopping kills only this process, by its PID; the same
/// broker can be started again on the same ports. Never relies on a system mosquitto service.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    public const string IngestUser = "coc-ingest";
    public const string DeviceUser = "device";
    private const int KeptLogLines = 200;

    // Killed if the test run ends without disposing (a crashed or aborted run must not leave brokers behind).
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    private readonly TempFolder _folder;
    private readonly string _configPath;
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    static MosquittoBroker() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Running.Values)
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    };

    private MosquittoBroker(TempFolder folder, string configPath, int port, int? tlsPort, string ingestPassword, string devicePassword)
    {
        _folder = folder;
        _configPath = configPath;
        Port = port;
        TlsPort = tlsPort;
        IngestPassword = ingestPassword;
        DevicePassword = devicePassword;
    }

    /// <summary>The plain listener.</summary>
    public int Port { get; }

    /// <summary>The TLS listener, when <see cref="MosquittoSetup.Tls"/> was given.</summary>
    public int? TlsPort { get; }

    public string IngestPassword { get; }

    public string DevicePassword { get; }

    public int? Pid => _process?.Id;

    /// <summary>The broker's newest log lines (its stderr), for failure messages.</summary>
    public string Log => string.Join('\n', _log);

    public static async Task<MosquittoBroker> StartAsync(MosquittoSetup? setup = null)
    {
        setup ??= new MosquittoSetup();
        var folder = new TempFolder();
        try
        {
            var ingestPassword = RandomPassword();
            var devicePassword = RandomPassword();
            var passwordFile = Path.Combine(folder.Path, "passwords");
            await RunAsync(Tool("mosquitto_passwd", "/usr/bin"), "-c", "-b", passwordFile, IngestUser, ingestPassword);
            await RunAsync(Tool("mosquitto_passwd", "/usr/bin"), "-b", passwordFile, DeviceUser, devicePassword);
            var port = FreePort.Next();
            int? tlsPort = setup.Tls is null ? null : FreePort.Next();

            var config = new StringBuilder();
            config.AppendLine("per_listener_settings false");
            config.AppendLine(CultureInfo.InvariantCulture, $"allow_anonymous {(setup.AllowAnonymous ? "true" : "false")}");
            config.AppendLine(CultureInfo.InvariantCulture, $"password_file {passwordFile}");
            // Without it QoS 1 stalls: small PUBACKs wait on Nagle's algorithm.
            config.AppendLine("set_tcp_nodelay true");
            config.AppendLine("persistence false");
            config.AppendLine("log_dest stderr");
            foreach (var type in new[] { "error", "warning", "notice", "information", "subscribe" })
            {
                config.AppendLine(CultureInfo.InvariantCulture, $"log_type {type}");
            }
            config.AppendLine("connection_messages true");
            if (Environment.UserName == "root")
            {
                // As root mosquitto switches to the user 'mosquitto', who cannot read this folder's key files.
                config.AppendLine("user root");
            }
            config.AppendLine(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1");
            if (setup.Tls is { } tls)
            {
                config.AppendLine(CultureInfo.InvariantCulture, $"listener {tlsPort} 127.0.0.1");
                config.AppendLine(CultureInfo.InvariantCulture, $"cafile {tls.CaPath}");
                config.AppendLine(CultureInfo.InvariantCulture, $"certfile {tls.CertificatePath}");
                config.AppendLine(CultureInfo.InvariantCulture, $"keyfile {tls.KeyPath}");
                config.AppendLine(CultureInfo.InvariantCulture, $"require_certificate {(tls.RequireClientCertificate ? "true" : "false")}");
            }
            var configPath = folder.Write("mosquitto.conf", config.ToString());
            var broker = new MosquittoBroker(folder, configPath, port, tlsPort, ingestPassword, devicePassword);
            try
            {
                await broker.StartAgainAsync();
            }
            catch
            {
                await broker.DisposeAsync();
                throw;
            }
            return broker;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Starts the broker (again) with the same config and ports; returns once every listener takes connections.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("mosquitto is running already");
        }
        var start = new ProcessStartInfo(Tool("mosquitto", "/usr/sbin"))
        {
            ArgumentList = { "-c", _configPath },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        _process = process;
        Running[process.Id] = process;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        foreach (var port in new[] { Port, TlsPort }.OfType<int>())
        {
            await Eventually.TrueAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"mosquitto exited with code {process.ExitCode} while starting:\n{Log}");
                }
                return await AcceptsAsync(port);
            }, $"mosquitto (PID {process.Id}) to listen on 127.0.0.1:{port}; its log:\n{Log}");
        }
    }

    /// <summary>Kills this broker by its PID, as a crash or a power cut would, and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }
        _process = null;
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
        await process.WaitForExitAsync();
        Running.TryRemove(process.Id, out _);
        process.Dispose();
    }

    /// <summary>Until mosquitto has logged <paramref name="text"/>: its stderr is read asynchronously, so a line can trail what the client saw.</summary>
    public Task UntilLogContainsAsync(string text) =>
        Eventually.TrueAsync(() => _log.Any(line => line.Contains(text, StringComparison.Ordinal)), $"mosquitto to log \"{text}\"");

    /// <summary>A device on the plain listener, signed in as <see cref="DeviceUser"/>.</summary>
    public Task<TestPublisher> ConnectDeviceAsync() => TestPublisher.ConnectAsync(Port, DeviceUser, DevicePassword);

    /// <summary>Coc's settings for this broker's plain listener, signed in as <see cref="IngestUser"/>.</summary>
    public Dictionary<string, string?> IngestSettings(string clientId = "coc-ingest-test") => new()
    {
        ["Coc:Mqtt:EmbeddedBroker"] = "false",
        ["Coc:Mqtt:Host"] = "127.0.0.1",
        ["Coc:Mqtt:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Coc:Mqtt:Username"] = IngestUser,
        ["Coc:Mqtt:Password"] = IngestPassword,
        ["Coc:Mqtt:ClientId"] = clientId,
    };

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _folder.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _log.Enqueue(line);
        while (_log.Count > KeptLogLines && _log.TryDequeue(out _))
        {
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Tool(string name, string debianFolder)
    {
        var debian = Path.Combine(debianFolder, name);
        if (File.Exists(debian))
        {
            return debian;
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException($"{name} is not installed: install the Debian package mosquitto (scripts/test.sh does)");
    }

    private static async Task RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} exited with code {process.ExitCode}: {await errors}{await output}");
        }
    }

    private static string RandomPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
}

/// <summary>How a <see cref="MosquittoBroker"/> is set up.</summary>
internal sealed record MosquittoSetup
{
    public bool AllowAnonymous { get; init; }

    /// <summary>A TLS listener besides the plain one.</summary>
    public MosquittoTls? Tls { get; init; }
}

/// <param name="CaPath">The CA that checks client certificates (mosquitto's <c>cafile</c>).</param>
internal sealed record MosquittoTls(string CaPath, string CertificatePath, string KeyPath, bool RequireClientCertificate = false);
