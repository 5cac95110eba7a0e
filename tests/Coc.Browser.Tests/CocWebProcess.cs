using System.Diagnostics;
using System.Globalization;
using System.Net;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;

namespace Coc.Browser.Tests;

/// <summary>
/// Coc.Web as a child process (<c>dotnet Coc.Web.dll</c>, the build next to this test's), on free loopback
/// ports with its own data folder and the simulator on, so its tiles move by themselves.
/// A child process rather than the in-process WebApplicationFactory host: disposing that host is a graceful
/// shutdown (Kestrel closes each connection, hosted services stop), and nothing in-process can die like a
/// crashed server. <see cref="KillAsync"/> sends SIGKILL: the kernel resets the sockets, nothing says goodbye.
/// </summary>
public sealed class CocWebProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly TempFolder _data;
    private readonly OutputTail _output = new();

    private CocWebProcess(Process process, TempFolder data, int httpPort)
    {
        _process = process;
        _data = data;
        HttpPort = httpPort;
    }

    public int HttpPort { get; }

    /// <summary>host:port, as the proxy's configuration takes a replica.</summary>
    public string Address => $"127.0.0.1:{HttpPort}";

    public string BaseUrl => $"http://{Address}";

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the app and returns once <c>/health/live</c> answers 200; fails with its output if it exits first.</summary>
    /// <param name="authDataPath">Data Protection keys folder; replicas behind one proxy share one. Null: the app's own data folder.</param>
    public static async Task<CocWebProcess> StartAsync(string? authDataPath = null)
    {
        var dll = WebDll();
        var data = new TempFolder();
        var httpPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            // The project folder is the content root, as with `dotnet run`: wall-layouts is found above it.
            WorkingDirectory = Path.Combine(RepoPaths.Root(), "src", "Coc.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Urls"] = $"http://127.0.0.1:{httpPort}",
                ["Coc__Mqtt__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Coc__Mqtt__BindAddress"] = "127.0.0.1",
                ["Coc__Mqtt__Host"] = "127.0.0.1",
                ["Coc__Simulator__Enabled"] = "true",
                ["Coc__Storage__DataPath"] = Path.Combine(data.Path, "store"),
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        start.Environment["Coc__Auth__DataPath"] = authDataPath ?? Path.Combine(data.Path, "auth");
        start.Environment["Coc__Auth__ScreenTokens__0__Name"] = CocAppFactory.ScreenTokenName;
        start.Environment["Coc__Auth__ScreenTokens__0__TokenHash"] = CocAppFactory.HashOf(CocAppFactory.ScreenToken);
        for (var i = 0; i < Coc.Web.Security.CocRoles.All.Count; i++)
        {
            var role = Coc.Web.Security.CocRoles.All[i];
            start.Environment[$"Coc__Auth__Users__{i}__Name"] = CocAppFactory.UserFor(role);
            start.Environment[$"Coc__Auth__Users__{i}__PasswordHash"] = CocAppFactory.HashOf(CocAppFactory.PasswordFor(role));
            start.Environment[$"Coc__Auth__Users__{i}__Role"] = role;
        }
        var process = new Process { StartInfo = start };
        process.Start();
        var app = new CocWebProcess(process, data, httpPort);
        process.OutputDataReceived += (_, e) => app._output.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app._output.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilLiveAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL to this PID alone, as a crash: no shutdown, no close frames.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as <c>docker stop</c> sends: the app shuts down gracefully. Returns once the signal is sent.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} exited with {kill.ExitCode}");
        }
    }

    /// <summary>Whether the app exits within <paramref name="timeout"/>.</summary>
    public async Task<bool> ExitsWithinAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The last lines the app printed (warnings and errors), for a failing test's message.</summary>
    public string Output() => _output.ToString();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
        _data.Dispose();
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Coc.Web on {BaseUrl} did not answer /health/live (exited: {_process.HasExited}); its output:{Environment.NewLine}{Output()}");
            }
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/health/live");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(50); // polling the condition, not waiting in its place
        }
    }

    /// <summary>
    /// src/Coc.Web/bin/{Configuration}/{tfm}/Coc.Web.dll: the project reference builds it in this test's
    /// configuration, with its runtimeconfig and static web assets manifest beside it.
    /// </summary>
    private static string WebDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(RepoPaths.Root(), "src", "Coc.Web", "bin", output.Parent!.Name, output.Name, "Coc.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution first");
    }
}
