using System.Globalization;

namespace Coc.Bench;

/// <summary>The <c>failover</c> mode end to end: the runs, their report on the console and, with --write-docs, in docs/benchmarks.md.</summary>
public static class FailoverRun
{
    public const string Section = "failover";
    public const string Title = "Failover: a wall screen whose replica is killed, back live on the other (two replicas behind haproxy)";

    public static async Task RunAsync(BenchOptions options, string root, string dll, string logFolder, DateTimeOffset started, string[] args, CancellationToken cancellationToken)
    {
        var result = await new FailoverBench(options, root, dll, logFolder, Console.Out).RunAsync(cancellationToken);
        var header = $"""
            - Date: {started.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC
            - Machine: {MachineInfo.Current()}; load average (1 min) {result.LoadBefore} before, {result.LoadAfter} after
            - App: `src/Coc.Web/bin/Release/net10.0/Coc.Web.dll` (commit {RepoPaths.Commit(root)}), two child processes on loopback, **simulator on**, fresh temp stores; {result.HaproxyVersion} (Debian) with `deploy/haproxy.cfg`
            - Command: `dotnet build -c Release src/Coc.Web && dotnet run -c Release --project bench/Coc.Bench -- {string.Join(' ', args)}`

            """;
        var body = FailoverReport.Body(result);
        Console.WriteLine();
        Console.WriteLine(header);
        Console.WriteLine($"### {Title}{Environment.NewLine}{Environment.NewLine}{body}");
        Console.WriteLine("App logs (first warnings/errors):");
        Console.WriteLine(Report.LogNotes(result.Logs.Select(l => ("failover", l))));
        if (options.WriteDocs)
        {
            var docs = RepoPaths.Docs(root);
            DocsWriter.WriteSection(docs, Section, Title, header, body);
            Console.WriteLine($"Wrote {docs}");
        }
    }
}
