using System.Diagnostics;
using Coc.Tests.Shared;
using Coc.Web.Layouts;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coc.Web.Tests.Layouts;

/// <summary>A real layout folder on disk with a store watching it, and a way to wait for a save to arrive.</summary>
internal sealed class LayoutFolder : IDisposable
{
    private readonly TempFolder _folder = new();

    public LayoutFolder(params (string File, string Json)[] files)
    {
        Directory.CreateDirectory(LayoutsPath);
        foreach (var (file, json) in files)
        {
            File.WriteAllText(Path.Combine(LayoutsPath, file), json);
        }
        Store = new WallLayoutStore(Options.Create(new WallOptions { LayoutsPath = LayoutsPath }), Host, NullLogger<WallLayoutStore>.Instance);
    }

    public string Root => _folder.Path;

    public string LayoutsPath => Path.Combine(_folder.Path, "walls");

    public WallLayoutStore Store { get; }

    public IHostEnvironment Host => new TestHostEnvironment(_folder.Path);

    /// <summary>A one-screen wall with one KPI tile; the title of the tile is what tests change.</summary>
    public static string Wall(string id, string tileTitle, string extraTileProperty = "") => $$"""
        {
          "$schema": "./wall.schema.json",
          "id": "{{id}}",
          "title": "Dinding {{id}}",
          "screens": { "columns": 1, "rows": 1 },
          "grid": { "columns": 6, "rows": 4 },
          "scenes": [
            {
              "id": "normal",
              "title": "Normal",
              "tiles": [
                {
                  "id": "sungai",
                  "x": 0, "y": 0, "w": 3, "h": 2,
                  "type": "kpi",
                  "title": "{{tileTitle}}",{{extraTileProperty}}
                  "series": { "measurement": "water_level", "field": "value", "tags": { "sensor": "batanghari-1" } }
                }
              ]
            }
          ]
        }
        """;

    public string PathOf(string file) => Path.Combine(LayoutsPath, file);

    /// <summary>
    /// Runs <paramref name="change"/> and waits, on the store's change notification, until <paramref name="reached"/>
    /// holds; fails after two seconds (the promise to operators). Returns how long the save took to arrive.
    /// </summary>
    public async Task<TimeSpan> SaveAndWaitAsync(Action change, Func<WallLayoutStore, bool> reached)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Watch before changing, so the notification cannot come and go before the wait starts.
        using var watch = Store.Watch(() =>
        {
            if (reached(Store))
            {
                arrived.TrySetResult();
            }
        });
        var clock = Stopwatch.StartNew();
        change();
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(2));
        return clock.Elapsed;
    }

    public void Dispose()
    {
        Store.Dispose();
        _folder.Dispose();
    }
}
