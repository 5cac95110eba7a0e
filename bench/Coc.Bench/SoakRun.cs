using System.Globalization;

namespace Coc.Bench;

/// <summary>The <c>soak</c> mode end to end: one long run, its report on the console and, with --write-docs, in docs/benchmarks.md.</summary>
public static class SoakRun
{
    public const string Section = "soak";
    public const string Title = "Soak: a wall screen's memory over compressed hours of updates, server and browser";

    public static async Task RunAsync(BenchOptions options, string root, string dll, string logPath, DateTimeOffset started, string[] args, CancellationToken cancellationToken)
    {
        var result = await new SoakBench(options, dll, logPath, Console.Out).RunAsync(cancellationToken);
        var header = $"""
            - Date: {started.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC
            - Machine: {MachineInfo.Current()}; load average (1 min) {result.LoadBefore} before, {result.LoadAfter} after
            - App: `src/Coc.Web/bin/Release/net10.0/Coc.Web.dll` (commit {RepoPaths.Commit(root)}), a child process on loopback, **simulator on** (load mode), fresh temp store
            - Command: `dotnet build -c Release src/Coc.Web && dotnet run -c Release --project bench/Coc.Bench -- {string.Join(' ', args)}`

            """;
        var body = SoakReport.Body(result);
        Console.WriteLine();
        Console.WriteLine(header);
        Console.WriteLine($"### {Title}{Environment.NewLine}{Environment.NewLine}{body}");
        Console.WriteLine("App log (first warnings/errors):");
        Console.WriteLine(Report.LogNotes([("soak", result.Log)]));
        if (options.WriteDocs)
        {
            var docs = RepoPaths.Docs(root);
            DocsWriter.WriteSection(docs, Section, Title, header, body);
            Console.WriteLine($"Wrote {docs}");
        }
    }
}
