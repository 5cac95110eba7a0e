using Coc.Core.Layouts;
using Microsoft.Extensions.Options;

namespace Coc.Web.Layouts;

/// <summary>The walls loaded from the layouts folder, and the errors of the files that did not load.</summary>
public sealed class WallLayoutStore
{
    private readonly ILogger<WallLayoutStore> _logger;
    private LayoutLoadResult _current = new();

    public WallLayoutStore(IOptions<WallOptions> options, IHostEnvironment environment, ILogger<WallLayoutStore> logger)
    {
        _logger = logger;
        Directory = ResolveDirectory(options.Value.LayoutsPath, environment.ContentRootPath);
        Reload();
    }

    public string Directory { get; }

    public IReadOnlyList<WallLayout> Walls => _current.Walls;

    public IReadOnlyList<LayoutError> Errors => _current.Errors;

    public WallLayout? Find(string id) => _current.Walls.FirstOrDefault(w => w.Id == id);

    public void Reload()
    {
        var result = LayoutLoader.LoadDirectory(Directory);
        foreach (var error in result.Errors)
        {
            _logger.LogError("Wall layout not loaded: {Error}", error.ToString());
        }
        _logger.LogInformation("Loaded {Count} wall(s) from {Directory}: {Ids}", result.Walls.Count, Directory, string.Join(", ", result.Walls.Select(w => w.Id)));
        _current = result;
    }

    /// <summary>An explicit path wins; otherwise look for <c>wall-layouts</c> from the content root upwards (repo checkouts and tests).</summary>
    public static string ResolveDirectory(string configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "wall-layouts");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return Path.Combine(contentRoot, "wall-layouts");
    }
}
