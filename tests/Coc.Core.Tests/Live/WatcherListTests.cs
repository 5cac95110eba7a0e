using Coc.Core.Live;

namespace Coc.Core.Tests.Live;

public sealed class WatcherListTests
{
    [Fact]
    public void Dispose_SameCallbackAddedTwice_RemovesOnlyThatSubscription()
    {
        var list = new WatcherList<Action>();
        Action callback = () => { };
        var first = list.Add(callback);
        using var second = list.Add(callback);

        first.Dispose();
        first.Dispose();

        Assert.Equal([callback], list.Snapshot);
    }

    [Fact]
    public void Snapshot_TakenBeforeAdd_IsNotChangedByIt()
    {
        var list = new WatcherList<Action>();
        using var a = list.Add(() => { });
        var before = list.Snapshot;

        using var b = list.Add(() => { });

        Assert.Single(before);
        Assert.Equal(2, list.Count);
    }
}
