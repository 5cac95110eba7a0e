namespace Coc.Web.Tests.Support;

/// <summary>Files of the repository itself (shipped settings), found above the test binaries.</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding <c>Coc.sln</c>.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coc.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Coc.sln not found above the test binaries");
    }
}
