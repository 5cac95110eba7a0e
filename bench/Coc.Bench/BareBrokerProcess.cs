using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Coc.Bench;

/// <summary>
/// The bare broker (<see cref="BareBroker"/>) as a child process of the bench, like Coc.Web: the
/// publishers stay in the bench process and the broker gets its own process, runtime and GC, so the
/// two ingest measurements differ only in what the server does with a message. Disposing closes its
/// input and kills it by PID if it has not ended; so does the bench exiting any other way.
/// </summary>
public sealed class BareBrokerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private const int MaxStderrChars = 16 * 1024;
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    private readonly Process _process;
    private readonly StringBuilder _stderr;

    static BareBrokerProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Running.Values)
        {
            ChildProcess.KillQuietly(process);
        }
    };

    private BareBrokerProcess(Process process, StringBuilder stderr, int mqttPort)
    {
        _process = process;
        _stderr = stderr;
        MqttPort = mqttPort;
    }

    public int MqttPort { get; }

    /// <summary>The port the peer listens on (MQTT for the bare broker, HTTP for the bare HTTP endpoint).</summary>
    public int Port => MqttPort;

    public int Pid => _process.Id;

    /// <summary>User plus system CPU time the broker has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <param name="webDll">Coc.Web.dll: the broker runs with the same garbage collector mode as Coc.Web.</param>
    public static Task<BareBrokerProcess> StartAsync(string webDll, CancellationToken cancellationToken) =>
        StartAsync(webDll, BareBroker.Mode, BareBroker.ReadyLine, "the bare broker", cancellationToken);

    /// <summary>Any of the bench's peer servers: <c>Coc.Bench MODE PORT</c>, ready once it writes <paramref name="readyLine"/>.</summary>
    public static async Task<BareBrokerProcess> StartAsync(string webDll, string mode, string readyLine, string what, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(BareBroker).Assembly.Location, mode, port.ToString(CultureInfo.InvariantCulture) },
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A Web SDK app runs with server GC; the bench, a console app, does not. The broker follows Coc.Web.
        start.Environment["DOTNET_gcServer"] = UsesServerGc(webDll) ? "1" : "0";
        var stderr = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == readyLine)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                // Only read while starting; a peer that keeps writing for a whole run must not grow it without bound.
                if (stderr.Length < MaxStderrChars)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var broker = new BareBrokerProcess(process, stderr, port);
        try
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout, cancellationToken));
            if (first != ready.Task)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new BenchException(process.HasExited
                    ? $"{what} exited with code {process.ExitCode} while starting: {broker.Errors()}"
                    : $"{what} did not start within {StartTimeout.TotalSeconds:0} s: {broker.Errors()}");
            }
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    private string Errors()
    {
        lock (_stderr)
        {
            return _stderr.Length == 0 ? "(nothing on stderr)" : _stderr.ToString().Trim();
        }
    }

    private static bool UsesServerGc(string webDll)
    {
        var config = Path.ChangeExtension(webDll, ".runtimeconfig.json");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(config));
            return doc.RootElement.TryGetProperty("runtimeOptions", out var runtime)
                && runtime.TryGetProperty("configProperties", out var properties)
                && properties.TryGetProperty("System.GC.Server", out var server)
                && server.ValueKind == JsonValueKind.True;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            throw new BenchException($"cannot read {config}: {ex.Message}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The broker ends when its input closes; a kill is the fallback.
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            await ChildProcess.KillAndWaitAsync(_process, "the bare broker");
        }
        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
    }
}
