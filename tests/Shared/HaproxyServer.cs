using System.Diagnostics;
using System.Net.Sockets;

namespace Coc.Tests.Shared;

/// <summary>
/// Debian's real <c>haproxy</c> running the repository's <c>deploy/haproxy.cfg</c> in the foreground (<c>-db</c>),
/// on a free loopback port, with the replica addresses passed in its environment exactly as docker-compose
/// passes them. Never the system service. Stopped by killing its own PID.
/// </summary>
public sealed class HaproxyServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/haproxy";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly OutputTail _output = new();

    private HaproxyServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>The environment <c>deploy/haproxy.cfg</c> reads: where to listen and the two replicas (host:port).</summary>
    public static Dictionary<string, string> ConfigEnvironment(string bind, string replica1, string replica2) => new()
    {
        ["COC_PROXY_BIND"] = bind,
        ["COC_1_ADDR"] = replica1,
        ["COC_2_ADDR"] = replica2,
    };

    /// <summary><c>haproxy -c</c>: the configuration's check, its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> CheckAsync(string configPath, IReadOnlyDictionary<string, string> environment)
    {
        using var process = Process.Start(StartInfo(["-c", "-f", configPath], environment)) ?? throw new InvalidOperationException("haproxy did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts haproxy and returns once its port accepts connections; fails with its output if it exits first.</summary>
    public static async Task<HaproxyServer> StartAsync(string configPath, string replica1, string replica2)
    {
        var port = FreePort.Next();
        var process = Process.Start(StartInfo(["-f", configPath, "-db"], ConfigEnvironment($"127.0.0.1:{port}", replica1, replica2)))
            ?? throw new InvalidOperationException("haproxy did not start");
        var server = new HaproxyServer(process, port);
        process.OutputDataReceived += (_, e) => server._output.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server._output.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow + StartTimeout;
            while (!await AcceptsAsync(port))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"haproxy did not listen on {port} (exited: {process.HasExited}); its output:{Environment.NewLine}{server.Output()}");
                }
                await Task.Delay(20); // polling the condition, not waiting in its place
            }
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last lines haproxy printed (its request log and alerts), for a failing test's message.</summary>
    public string Output() => _output.ToString();

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: false);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install Debian's haproxy package (scripts/test.sh does)");
        }
        var start = new ProcessStartInfo(Binary, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return start;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
