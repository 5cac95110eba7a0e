using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Coc.Tests.Shared;

/// <summary>
/// A real Debian <c>redis-server</c> on a free loopback port, with no persistence (a restart is an
/// empty Redis, as after a crash without AOF). Only the process it started is ever stopped.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private Process? _process;
    private readonly StringBuilder _output = new();

    public int Port { get; } = FreePort.Next();

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>A new server, started.</summary>
    public static async Task<RedisServer> StartNewAsync()
    {
        var server = new RedisServer();
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts it, or starts it again on the same port; returns once it answers PING.</summary>
    public async Task StartAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: run ./scripts/test.sh, which installs Debian's redis-server package.");
        }
        if (IsRunning)
        {
            throw new InvalidOperationException("redis-server is already running");
        }
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await Eventually.TrueAsync(async () => process.HasExited ? throw new InvalidOperationException("redis-server exited: " + Output) : await PingAsync(),
            $"redis-server on port {Port} to answer PING");
    }

    /// <summary>Stops it as a crash would (SIGKILL): clients see their connections drop.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }
        if (!process.HasExited)
        {
            process.Kill();
        }
        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>What redis-server printed, for failure messages; only the first 16 KiB.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            if (line is not null && _output.Length < 16 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
