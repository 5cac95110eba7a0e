using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Coc.Tests.Shared;

/// <summary>
/// A real <c>influxd</c> (Debian's influxdb 1.x) on a free loopback port with its own temp folder and
/// config file, never the system service. Stopped by killing its own PID; started again on the same
/// port and data folder, as a server restart or crash would be.
/// </summary>
public sealed class InfluxServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/influxd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coc-influxd-" + Guid.NewGuid().ToString("N"));
    private readonly string _config;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly StringBuilder _output = new();
    private Process? _process;

    private InfluxServer()
    {
        Port = FreePort.Next();
        Directory.CreateDirectory(_folder);
        _config = Path.Combine(_folder, "influxdb.conf");
        // Both listeners on loopback: influxd's defaults bind every interface. reporting-enabled is Debian's key.
        File.WriteAllText(_config, $"""
            reporting-enabled = false
            bind-address = "127.0.0.1:{FreePort.Next()}"
            [meta]
              dir = "{_folder}/meta"
            [data]
              dir = "{_folder}/data"
              wal-dir = "{_folder}/wal"
              query-log-enabled = false
            [http]
              bind-address = "127.0.0.1:{Port}"
              log-enabled = false
            [monitor]
              store-enabled = false
            """);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<InfluxServer> StartAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install Debian's influxdb package (scripts/test.sh does)");
        }
        var server = new InfluxServer();
        try
        {
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts influxd (again) on the same port and data, and returns when <c>/ping</c> answers 204.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("influxd is already running");
        }
        var start = new ProcessStartInfo(Binary, ["-config", _config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("influxd did not start");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await PingsAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"influxd on port {Port} did not answer /ping (exited: {_process.HasExited}); its output:{Environment.NewLine}{Output()}");
            }
            await Task.Delay(20); // polling the condition, not waiting in its place
        }
    }

    /// <summary>Kills this influxd (SIGKILL, by its PID: a crash, not a shutdown) and waits for it to be gone.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Runs one statement with POST (as catalogue changes must be) and fails on any error in the answer.</summary>
    public async Task ExecuteAsync(string statement)
    {
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("q", statement)]);
        using var response = await _http.PostAsync($"{Url}/query", form);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || text.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{statement}' answered {(int)response.StatusCode}: {text}");
        }
    }

    /// <summary>The single number a query like <c>SELECT count(*) ...</c> answers per column, summed; 0 when it has no rows.</summary>
    public async Task<long> SumAsync(string database, string query)
    {
        var text = await _http.GetStringAsync($"{Url}/query?db={Uri.EscapeDataString(database)}&q={Uri.EscapeDataString(query)}");
        using var json = JsonDocument.Parse(text);
        long sum = 0;
        foreach (var result in json.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"'{query}': {error}");
            }
            if (!result.TryGetProperty("series", out var series))
            {
                continue;
            }
            foreach (var s in series.EnumerateArray())
            {
                foreach (var row in s.GetProperty("values").EnumerateArray())
                {
                    foreach (var cell in row.EnumerateArray().Skip(1))
                    {
                        sum += cell.ValueKind == JsonValueKind.Number ? cell.GetInt64() : 0;
                    }
                }
            }
        }
        return sum;
    }

    /// <summary>Writes line protocol as any client would (to set up what the store must cope with).</summary>
    public async Task<HttpStatusCode> WriteAsync(string database, string lines)
    {
        using var body = new StringContent(lines);
        using var response = await _http.PostAsync($"{Url}/write?db={Uri.EscapeDataString(database)}&precision=ms", body);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held: the temp cleaner takes it later
        }
    }

    private async Task<bool> PingsAsync()
    {
        try
        {
            using var response = await _http.GetAsync($"{Url}/ping");
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            // Only start-up errors are ever read: keep the first 16 KiB.
            if (_output.Length < 16 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
