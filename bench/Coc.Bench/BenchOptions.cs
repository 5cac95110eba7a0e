using System.Globalization;

namespace Coc.Bench;

/// <summary>The command line: a mode and a few bounded numbers. Every number has a range so no run can go on forever.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/Coc.Bench -- [latency|ingest|lp-mqtt|write|json|all|soak|store|failover|alarm] [options]

          latency: publish → SignalR hub receive, against publish → plain MQTT subscriber (same broker)
            --rate N         messages per second (default 2000)
            --seconds N      measured seconds, after the warm-up (default 20)
            --warmup N       warm-up seconds, not measured (default 1)
            --series N       series the hub client follows (default 50)
          ingest: publish as fast as PUBACKs come, until every sample is in the store; then the same
            publishers against a bare MQTTnet broker (the peer), with Coc.Web stopped
            --messages N     messages to publish (default 200000)
            --fields N       fields per message = samples per message (default 5)
            --publishers N   MQTT publisher connections (default 4)
            --inflight N     QoS 1 publishes awaiting PUBACK, over all publishers (default 128)
            --timeout N      seconds to wait for the store after the last PUBACK (default 120)
            --ingest-rate N  pace the publishers at N messages/s in all; 0 = as fast as acknowledged (default 0)
          lp-mqtt: as ingest, but each message is one line of line protocol on coc/lp/bench (ns timestamp,
            --fields fields), as Telegraf's MQTT output sends it; the same ingest options
          write: POST /write (InfluxDB line protocol, ns timestamps, 3 fields a line) as fast
            as 204s come, until every sample is in the store; then the same senders and bodies against a
            bare ASP.NET Core endpoint that reads the body and answers 204 (the peer), with Coc.Web stopped
            --lines N        lines to send in all (default 2000000)
            --batch N        lines per POST (default 5000)
            --senders N      concurrent senders, one POST in flight each (default 2)
            --timeout N      as for ingest
          json: POST /api/ingest/atcs (JSON arrays of ATCS items, 3 fields each) as fast as 204s come,
            until every sample is in the store; then the same senders and bodies against the bare
            ASP.NET Core endpoint (the peer), with Coc.Web stopped
            --items N           items to send in all (default 300000)
            --items-per-post N  items per POST (default 500)
            --json-senders N    concurrent senders, one POST in flight each (default 4)
            --timeout N         as for ingest
          soak (not part of all: it is long): Coc.Web with its simulator in load mode and a 50 ms tile render
            interval, the 3 screens of jambi-coc in headless Chromium; samples each page's JS heap after a
            forced GC, DOM nodes and listeners, and the server's RSS; reports slopes per hour and per
            equivalent day of normal updates
            --soak-minutes N         measured minutes (default 15)
            --soak-sample-seconds N  seconds between samples (default 30)
          store (not part of all; needs /usr/bin/influxd, Debian's influxdb): the embedded store and InfluxDB
            (an influxd child process on loopback) side by side inside the bench process: WriteAsync throughput
            over 24 h of data (one point per 5 s per series, --batch samples per call) and the chart query
            (QueryBucketsAsync, one series, 24 h, 1-minute buckets); then writes with InfluxDB down (the spool)
            --store-series N   series written (default 100)
            --queries N        chart queries measured per store and run (default 20)
          failover (not part of all; needs /usr/sbin/haproxy and /usr/bin/chromium, Debian's): two Coc.Web replicas
            (simulator on) behind haproxy with deploy/haproxy.cfg, screen 1 in headless Chromium through it; each run
            reloads the screen (the peer), then SIGKILLs the replica holding it and times until the screen is live on
            the other one; the killed replica starts again before the next run. --runs defaults to 5 here
          alarm (not part of all; needs /usr/bin/chromium): a river value over Siaga 1 published over MQTT, timed
            until the wall screen's tile flashes and the tablet's alarm list shows it; peer: a plain value until the
            same tile shows it; each cycle acknowledges and clears the alarm
            --alarm-cycles N   cycles per run (default 20)
          every mode:
            --runs N         whole runs, each on a fresh app; the report shows medians (default 1)
            --write-docs     write the figures into docs/benchmarks.md
        """;

    public string Mode { get; init; } = "all";

    public int Rate { get; init; } = 2_000;

    public int Seconds { get; init; } = 20;

    public int WarmupSeconds { get; init; } = 1;

    public int Series { get; init; } = 50;

    public int Messages { get; init; } = 200_000;

    public int Fields { get; init; } = 5;

    public int Publishers { get; init; } = 4;

    public int InFlight { get; init; } = 128;

    public int StoreTimeoutSeconds { get; init; } = 120;

    public int IngestRate { get; init; }

    public int Lines { get; init; } = 2_000_000;

    public int Batch { get; init; } = 5_000;

    public int Senders { get; init; } = 2;

    public int Items { get; init; } = 300_000;

    public int ItemsPerPost { get; init; } = 500;

    public int JsonSenders { get; init; } = 4;

    public int Runs { get; init; } = 1;

    public bool WriteDocs { get; init; }

    public int SoakMinutes { get; init; } = 15;

    public int SoakSampleSeconds { get; init; } = 30;

    public int StoreSeries { get; init; } = 100;

    public int StoreQueries { get; init; } = 20;

    public bool RunStore => Mode is "store";

    public bool RunFailover => Mode is "failover";

    public bool RunSoak => Mode is "soak";

    public bool RunAlarm => Mode is "alarm";

    public int AlarmCycles { get; init; } = 20;

    public bool RunLatency => Mode is "latency" or "all";

    public bool RunIngest => Mode is "ingest" or "all";

    public bool RunLpMqtt => Mode is "lp-mqtt" or "all";

    public bool RunWrite => Mode is "write" or "all";

    public bool RunJson => Mode is "json" or "all";

    /// <summary>Null with an error message when the arguments are wrong; "help" as the error asks for usage.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var o = new BenchOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                error = "help";
                return null;
            }
            if (arg is "latency" or "ingest" or "lp-mqtt" or "write" or "json" or "all" or "soak" or "store" or "failover" or "alarm")
            {
                o = o with { Mode = arg };
                continue;
            }
            if (arg == "--write-docs")
            {
                o = o with { WriteDocs = true };
                continue;
            }
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                error = $"'{arg}' is not a mode or option, or its value is missing or not a whole number";
                return null;
            }
            i++;
            o = arg switch
            {
                "--rate" => o with { Rate = n },
                "--seconds" => o with { Seconds = n },
                "--warmup" => o with { WarmupSeconds = n },
                "--series" => o with { Series = n },
                "--messages" => o with { Messages = n },
                "--fields" => o with { Fields = n },
                "--publishers" => o with { Publishers = n },
                "--inflight" => o with { InFlight = n },
                "--timeout" => o with { StoreTimeoutSeconds = n },
                "--ingest-rate" => o with { IngestRate = n },
                "--runs" => o with { Runs = n },
                "--lines" => o with { Lines = n },
                "--batch" => o with { Batch = n },
                "--senders" => o with { Senders = n },
                "--items" => o with { Items = n },
                "--items-per-post" => o with { ItemsPerPost = n },
                "--json-senders" => o with { JsonSenders = n },
                "--soak-minutes" => o with { SoakMinutes = n },
                "--alarm-cycles" => o with { AlarmCycles = n },
                "--soak-sample-seconds" => o with { SoakSampleSeconds = n },
                "--store-series" => o with { StoreSeries = n },
                "--queries" => o with { StoreQueries = n },
                _ => o with { Mode = "?" + arg },
            };
        }
        // Five kills by default: one failover is one sample, and a median of one says little.
        if (o.RunFailover && !args.Contains("--runs"))
        {
            o = o with { Runs = 5 };
        }
        error = o.Validate();
        return error is null ? o : null;
    }

    private string? Validate()
    {
        if (Mode.StartsWith('?'))
        {
            return $"unknown option '{Mode[1..]}'";
        }
        var errors = new List<string>();
        void Range(string name, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                errors.Add($"{name} must be {min}-{max}, got {value}");
            }
        }
        Range("--rate", Rate, 1, 100_000);
        Range("--seconds", Seconds, 1, 600);
        Range("--warmup", WarmupSeconds, 0, 60);
        Range("--series", Series, 1, 1_000);
        Range("--messages", Messages, 1, 10_000_000);
        Range("--fields", Fields, 1, 100);
        Range("--publishers", Publishers, 1, 64);
        Range("--inflight", InFlight, Publishers, 65_535);
        Range("--timeout", StoreTimeoutSeconds, 1, 3_600);
        Range("--ingest-rate", IngestRate, 0, 1_000_000);
        Range("--runs", Runs, 1, 20);
        Range("--lines", Lines, 1, 50_000_000);
        Range("--batch", Batch, 1, 100_000);
        Range("--senders", Senders, 1, 64);
        Range("--items", Items, 1, 50_000_000);
        // A body must stay under Coc:LineProtocol:MaxBodyBytes (25 MiB): 100,000 items are about 10 MiB.
        Range("--items-per-post", ItemsPerPost, 1, 100_000);
        Range("--json-senders", JsonSenders, 1, 64);
        Range("--soak-minutes", SoakMinutes, 1, 24 * 60);
        Range("--alarm-cycles", AlarmCycles, 1, 1000);
        Range("--soak-sample-seconds", SoakSampleSeconds, 5, Math.Max(5, SoakMinutes * 60));
        Range("--store-series", StoreSeries, 1, 2_000);
        Range("--queries", StoreQueries, 1, 1_000);
        return errors.Count == 0 ? null : string.Join("; ", errors);
    }
}
