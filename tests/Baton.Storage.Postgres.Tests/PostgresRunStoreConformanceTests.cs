using Baton.Conformance;
using Baton.Journal;

namespace Baton.Storage.Postgres.Tests;

public sealed class PostgresRunStoreConformanceTests(PostgresServerFixture server) : RunStoreConformanceTests
{
    protected override async ValueTask<IRunStore> CreateStoreAsync() => new PostgresRunStore(await server.NewDatabaseAsync());

    protected override ValueTask<IRunStore> OpenSameStoreAsync(IRunStore store) =>
        ValueTask.FromResult<IRunStore>(new PostgresRunStore(((PostgresRunStore)store).ConnectionString));
}
