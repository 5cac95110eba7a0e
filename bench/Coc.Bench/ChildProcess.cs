using System.Diagnostics;

namespace Coc.Bench;

/// <summary>Stopping the bench's child processes (Coc.Web, the bare peers).</summary>
internal static class ChildProcess
{
    /// <summary>Kills the process and its descendants; quiet when it is already gone.</summary>
    public static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>Kills the process and waits up to 10 s for it to exit, warning on stderr if it does not.</summary>
    public static async Task KillAndWaitAsync(Process process, string what)
    {
        KillQuietly(process);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"warning: {what} (pid {process.Id}) did not exit within 10 s of being killed");
        }
    }
}
