using Baton.Conformance;
using Baton.Journal;

namespace Baton.Storage.Postgres.Tests;

public sealed class PostgresPendingInputConformanceTests(PostgresServerFixture server) : PendingInputConformanceTests
{
    protected override async ValueTask<IRunStore> CreateStoreAsync() => new PostgresRunStore(await server.NewDatabaseAsync());

    protected override ValueTask<IRunStore> OpenSameStoreAsync(IRunStore store) =>
        ValueTask.FromResult<IRunStore>(new PostgresRunStore(((PostgresRunStore)store).ConnectionString));
}
