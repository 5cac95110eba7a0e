using System.Globalization;
using System.Text;

namespace Coc.Bench;

/// <summary>The <c>alarm</c> mode end to end: the runs, their report on the console and, with --write-docs, in docs/benchmarks.md.</summary>
public static class AlarmRun
{
    public const string Section = "alarm";
    public const string Title = "Alarm: a Siaga 1 sample over MQTT until the wall tile flashes and the tablet lists it";

    public static async Task RunAsync(BenchOptions options, string root, string dll, string logFolder, DateTimeOffset started, string[] args, CancellationToken cancellationToken)
    {
        var loadBefore = MachineInfo.LoadAverage();
        var results = new List<AlarmResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            results.Add(await new AlarmBench(options, dll, Path.Combine(logFolder, $"alarm-{run}.log"), Console.Out).RunAsync(cancellationToken));
        }
        var header = $"""
            - Date: {started.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC
            - Machine: {MachineInfo.Current()}; load average (1 min) {loadBefore} before, {MachineInfo.LoadAverage()} after
            - App: `src/Coc.Web/bin/Release/net10.0/Coc.Web.dll` (commit {RepoPaths.Commit(root)}), a child process on loopback, simulator off, embedded broker and store; Debian Chromium headless, one wall screen (1920×1080) and one tablet overview (1280×800) with its alarm list open
            - Command: `dotnet build -c Release src/Coc.Web && dotnet run -c Release --project bench/Coc.Bench -- {string.Join(' ', args)}`

            """;
        var body = Body(results, options.AlarmCycles);
        Console.WriteLine();
        Console.WriteLine(header);
        Console.WriteLine($"### {Title}{Environment.NewLine}{Environment.NewLine}{body}");
        Console.WriteLine("App logs (first warnings/errors):");
        Console.WriteLine(Report.LogNotes(results.Where(r => r.Log is not null).Select((r, i) => ($"alarm-{i + 1}", r.Log!))));
        if (options.WriteDocs)
        {
            var docs = RepoPaths.Docs(root);
            DocsWriter.WriteSection(docs, Section, Title, header, body);
            Console.WriteLine($"Wrote {docs}");
        }
    }

    private static string Body(IReadOnlyList<AlarmResult> results, int cycles)
    {
        static string Row(string what, IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"| {what} | {Percentiles.Median(sorted):F0} | {Percentiles.At(sorted, 95):F0} | {sorted[^1]:F0} |");
        }
        var plain = results.SelectMany(r => r.PlainUpdateMs).ToList();
        var flash = results.SelectMany(r => r.WallFlashMs).ToList();
        var row = results.SelectMany(r => r.TabletRowMs).ToList();
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{results.Count} run(s) × {cycles} cycles; each cycle publishes a plain value (the peer), then a value over Siaga 1 (raises the shipped `sungai-siaga` alarm), then acknowledges it through the API and publishes a normal value (the alarm closes). Times from the MQTT publish to the DOM change, stamped in the page. Every timed publish follows 400 ms without one, so the tile's render throttle (250 ms by default: a lone update draws at once, bursts coalesce) never holds the peer back.");
        sb.AppendLine();
        sb.AppendLine("| publish → | median ms | p95 ms | max ms |");
        sb.AppendLine("|---|--:|--:|--:|");
        sb.AppendLine(Row("**peer**: the wall tile shows a plain value", plain));
        sb.AppendLine(Row("the wall tile flashes (alarm raised)", flash));
        sb.AppendLine(Row("the tablet lists the alarm", row));
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Ratio of medians, alarm flash / plain update: {Percentiles.Median(flash) / Math.Max(1, Percentiles.Median(plain)):F2}×; tablet row / plain update: {Percentiles.Median(row) / Math.Max(1, Percentiles.Median(plain)):F2}×. The issue's bar is one second."));
        return sb.ToString();
    }
}
