using Baton.Journal;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Baton.Conformance.JournalSamples;

namespace Baton.Storage.Postgres.Tests;

public sealed class PostgresServiceCollectionTests(PostgresServerFixture server)
{
    [Fact]
    public async Task AddPostgresRunStore_ConnectionString_ResolvesOneStoreAsIRunStore()
    {
        var provider = new ServiceCollection().AddPostgresRunStore(await server.NewDatabaseAsync()).BuildServiceProvider();
        await using (provider)
        {
            var store = provider.GetRequiredService<IRunStore>();
            Assert.Same(provider.GetRequiredService<PostgresRunStore>(), store);
            await store.AppendAsync("r", 0, [Started("r")], TestContext.Current.CancellationToken);
            Assert.Single(await store.ListRunsAsync(5, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task AddPostgresRunStore_DataSourceFromTheContainer_UsesIt()
    {
        var connectionString = await server.NewDatabaseAsync();
        var services = new ServiceCollection();
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        var provider = services.AddPostgresRunStore().BuildServiceProvider();
        await using (provider)
        {
            var store = provider.GetRequiredService<IRunStore>();
            await store.AppendAsync("r", 0, [Started("r")], TestContext.Current.CancellationToken);
            Assert.Equal("r", Assert.Single(await store.FindRunsAsync("r", 5, TestContext.Current.CancellationToken)).RunId);
        }
    }

    [Fact]
    public void AddPostgresRunStore_MalformedConnectionString_ThrowsAtRegistration()
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddPostgresRunStore("Host=x;No Such Key=1"));
    }
}
