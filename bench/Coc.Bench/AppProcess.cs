using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Coc.Bench;

/// <summary>
/// Coc.Web as a child process from its Release build: loopback ports, simulator off, a throw-away
/// store folder. Disposing kills it by PID and deletes the folder; so does the bench exiting any other way.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<int, AppProcess> Running = new();

    private readonly Process _process;
    private readonly string _tempFolder;
    private readonly AppLog _log;

    // A second Ctrl+C, or an exit that skips DisposeAsync, still must not leave the app or its folder behind.
    static AppProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var app in Running.Values)
        {
            ChildProcess.KillQuietly(app._process);
            app._process.WaitForExit(5_000);
            DeleteFolder(app._tempFolder);
        }
    };

    private AppProcess(Process process, string tempFolder, AppLog log, Uri httpBase, int mqttPort)
    {
        _process = process;
        _tempFolder = tempFolder;
        _log = log;
        HttpBase = httpBase;
        MqttPort = mqttPort;
    }

    public Uri HttpBase { get; }

    public int MqttPort { get; }

    public int Pid => _process.Id;

    public AppLog Log => _log;

    /// <summary>
    /// SIGKILL to this PID alone, at once: a crash. Coc.Web starts no children, and walking the process tree
    /// first (as disposing does) would put /proc reads between the caller's clock and the signal.
    /// </summary>
    public void KillNow() => _process.Kill(entireProcessTree: false);

    /// <summary>User plus system CPU time the app has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <param name="environment">Extra environment variables for the app (e.g. an ingest key), on top of the bench's own.</param>
    /// <param name="httpPort">A fixed HTTP port (a replica restarted where its proxy expects it); a free one when null.</param>
    public static async Task<AppProcess> StartAsync(string dll, string logPath, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null, int? httpPort = null)
    {
        var (freeHttpPort, mqttPort) = FreeLoopbackPorts();
        if (httpPort == mqttPort)
        {
            (_, mqttPort) = FreeLoopbackPorts();
        }
        var httpPortUsed = httpPort ?? freeHttpPort;
        var tempFolder = Directory.CreateTempSubdirectory("coc-bench-").FullName;
        var httpBase = new Uri($"http://127.0.0.1:{httpPortUsed}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            // The project folder is the content root, as with `dotnet run`: wwwroot is there, and
            // wall-layouts is found by walking up from it to the repository.
            WorkingDirectory = ProjectFolder(dll),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Urls"] = httpBase.ToString().TrimEnd('/'),
                ["Coc__Mqtt__Port"] = mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Coc__Mqtt__BindAddress"] = "127.0.0.1",
                ["Coc__Mqtt__Host"] = "127.0.0.1",
                // The bench's publishers are anonymous: a loopback-only broker for one run.
                ["Coc__Mqtt__AllowAnonymous"] = "true",
                // Coc's own coc_feed health samples would add to the store count the bench checks against what it sent.
                ["Coc__Feeds__PublishHealthSeconds"] = "0",
                // The bench measures how fast Coc takes writes, not the per-key rate limit.
                ["Coc__IngestKeys__RequestsPerSecond"] = "0",
                ["Coc__Simulator__Enabled"] = "false",
                ["Coc__Storage__DataPath"] = Path.Combine(tempFolder, "store"),
                ["Coc__Alarms__DatabasePath"] = Path.Combine(tempFolder, "alarms.db"),
            },
        };
        foreach (var (name, value) in BenchAuth.Environment().Concat(environment ?? new Dictionary<string, string>()))
        {
            start.Environment[name] = value;
        }
        var log = new AppLog(logPath);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => log.Add(e.Data);
        process.ErrorDataReceived += (_, e) => log.Add(e.Data);
        process.Start();
        var app = new AppProcess(process, tempFolder, log, httpBase, mqttPort);
        Running[process.Id] = app;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await app.WaitUntilReadyAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Until /health answers with the MQTT ingest client subscribed; fails fast if the app exits.</summary>
    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var probe = new HealthProbe(HttpBase);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new BenchException($"Coc.Web exited with code {_process.ExitCode} while starting. Last lines of its log ({_log.Path}):{Environment.NewLine}{_log.Tail(20)}");
            }
            if (await probe.TryReadAsync(cancellationToken) is { MqttIngestHealthy: true })
            {
                return;
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new BenchException($"Coc.Web did not report mqtt-ingest Healthy on {HttpBase}health within {StartTimeout.TotalSeconds:0} s. Log: {_log.Path}");
    }

    /// <summary>src/Coc.Web for src/Coc.Web/bin/Release/net10.0/Coc.Web.dll.</summary>
    private static string ProjectFolder(string dll) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", ".."));

    private static (int Http, int Mqtt) FreeLoopbackPorts()
    {
        // Both listeners are open at once, so the two ports differ.
        using var a = new TcpListener(IPAddress.Loopback, 0);
        using var b = new TcpListener(IPAddress.Loopback, 0);
        a.Start();
        b.Start();
        return (((IPEndPoint)a.LocalEndpoint).Port, ((IPEndPoint)b.LocalEndpoint).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.KillAndWaitAsync(_process, "Coc.Web");
        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
        _log.Dispose();
        DeleteFolder(_tempFolder);
    }

    private static void DeleteFolder(string folder)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(200);
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"warning: could not delete {folder}: {ex.Message}");
            }
        }
    }
}
