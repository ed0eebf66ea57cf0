using Baton.Journal;
using Microsoft.Extensions.DependencyInjection;
using static Baton.Conformance.JournalSamples;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteServiceCollectionTests
{
    [Fact]
    public async Task AddSqliteRunStore_Path_ResolvesOneStoreAsIRunStoreAndDisposesIt()
    {
        using var directory = new TempDirectory();
        var services = new ServiceCollection().AddSqliteRunStore(directory.File("runs.db"));
        var provider = services.BuildServiceProvider();
        SqliteRunStore concrete;
        await using (provider)
        {
            var store = provider.GetRequiredService<IRunStore>();
            concrete = provider.GetRequiredService<SqliteRunStore>();
            Assert.Same(concrete, store);
            await store.AppendAsync("r", 0, [Started("r")], TestContext.Current.CancellationToken);
            Assert.Single(await store.ReadAsync("r", TestContext.Current.CancellationToken));
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await concrete.ReadAsync("r", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void AddSqliteRunStore_InvalidOptions_ThrowsAtRegistrationNamingEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSqliteRunStore(o => o.BusyTimeout = TimeSpan.Zero));

        Assert.Contains("Path is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("BusyTimeout", error.Message, StringComparison.Ordinal);
    }
}
