namespace Coc.Storage.Embedded;

/// <summary>
/// Holds an exclusive lock file in the data folder. Two stores appending to one catalog would hand
/// out the same ids to different series, so a second opener fails loudly instead.
/// </summary>
internal sealed class FolderLock : IDisposable
{
    private readonly FileStream _lock;

    public FolderLock(string folder)
    {
        var path = Path.Combine(folder, "store.lock");
        try
        {
            // FileShare.None is an advisory flock on Unix: it binds other Coc processes, not other tools.
            _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"The data folder {folder} is already in use by another store (lock file {path}).", ex);
        }
    }

    public void Dispose() => _lock.Dispose();
}
