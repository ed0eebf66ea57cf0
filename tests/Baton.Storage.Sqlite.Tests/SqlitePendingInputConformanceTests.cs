using Baton.Conformance;
using Baton.Journal;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqlitePendingInputConformanceTests : PendingInputConformanceTests
{
    private readonly TempDirectory _directory = new();
    private int _files;

    protected override ValueTask<IRunStore> CreateStoreAsync() =>
        ValueTask.FromResult<IRunStore>(new SqliteRunStore(_directory.File($"runs-{Interlocked.Increment(ref _files)}.db")));

    protected override ValueTask<IRunStore> OpenSameStoreAsync(IRunStore store) =>
        ValueTask.FromResult<IRunStore>(new SqliteRunStore(((SqliteRunStore)store).Path));

    protected override ValueTask ReleaseResourcesAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
