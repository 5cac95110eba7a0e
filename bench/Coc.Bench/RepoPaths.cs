namespace Coc.Bench;

/// <summary>Where the repository and the Release build of Coc.Web are, whatever folder the bench is started from.</summary>
public static class RepoPaths
{
    public const string BuildHint = "dotnet build -c Release src/Coc.Web";

    private const int MaxLevels = 12;

    /// <summary>The nearest folder holding Coc.sln, looking up from the working directory and then from the bench binary.</summary>
    public static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            var dir = new DirectoryInfo(start);
            for (var level = 0; dir is not null && level < MaxLevels; level++, dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Coc.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new BenchException("Cannot find the repository root (a folder with Coc.sln) above the working directory or the bench binary.");
    }

    /// <summary>The built Coc.Web.dll; the bench never builds it, so a missing one tells how to build it.</summary>
    public static string WebDll(string root)
    {
        var dll = Path.Combine(root, "src", "Coc.Web", "bin", "Release", "net10.0", "Coc.Web.dll");
        if (!File.Exists(dll))
        {
            throw new BenchException($"{dll} is missing. Build the app first, from {root}:{Environment.NewLine}    {BuildHint}");
        }
        return dll;
    }

    public static string Docs(string root) => Path.Combine(root, "docs", "benchmarks.md");

    /// <summary>The checked-out commit, read from .git without running git; "unknown" when it cannot be read.</summary>
    public static string Commit(string root)
    {
        try
        {
            var git = Path.Combine(root, ".git");
            // In a linked worktree .git is a file, "gitdir: <path>"; its HEAD is there, shared refs in the main .git.
            var common = git;
            if (File.Exists(git))
            {
                git = Path.GetFullPath(File.ReadAllText(git).Trim()["gitdir:".Length..].Trim(), root);
                var commonDir = Path.Combine(git, "commondir");
                common = File.Exists(commonDir) ? Path.GetFullPath(File.ReadAllText(commonDir).Trim(), git) : git;
            }
            var head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
            if (!head.StartsWith("ref: ", StringComparison.Ordinal))
            {
                return head[..Math.Min(12, head.Length)];
            }
            var name = head[5..];
            var loose = Path.Combine(common, name);
            var sha = File.Exists(loose) ? File.ReadAllText(loose).Trim()
                : File.ReadLines(Path.Combine(common, "packed-refs")).FirstOrDefault(l => l.EndsWith(" " + name, StringComparison.Ordinal))?.Split(' ')[0];
            return sha is null ? "unknown" : sha[..Math.Min(12, sha.Length)];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
