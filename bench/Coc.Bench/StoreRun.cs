using System.Globalization;

namespace Coc.Bench;

/// <summary>The <c>store</c> mode end to end: the run, its report on the console and, with --write-docs, in docs/benchmarks.md.</summary>
public static class StoreRun
{
    public const string Section = "store";
    public const string Title = "Store: embedded files against InfluxDB, `WriteAsync` throughput and the 24-hour chart query";

    public static async Task RunAsync(BenchOptions options, string root, DateTimeOffset started, string[] args, CancellationToken cancellationToken)
    {
        var loadBefore = MachineInfo.LoadAverage();
        var result = await new StoreBench(options, Console.Out).RunAsync(cancellationToken);
        var header = $"""
            - Date: {started.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC
            - Machine: {MachineInfo.Current()}; load average (1 min) {loadBefore} before, {MachineInfo.LoadAverage()} after
            - Code: `src/Coc.Storage` (commit {RepoPaths.Commit(root)}) inside the bench process; no Coc.Web
            - Command: `dotnet run -c Release --project bench/Coc.Bench -- {string.Join(' ', args)}`

            """;
        var body = StoreReport.Body(result);
        Console.WriteLine();
        Console.WriteLine(header);
        Console.WriteLine($"### {Title}{Environment.NewLine}{Environment.NewLine}{body}");
        if (options.WriteDocs)
        {
            var docs = RepoPaths.Docs(root);
            DocsWriter.WriteSection(docs, Section, Title, header, body);
            Console.WriteLine($"Wrote {docs}");
        }
    }
}
