using Baton.Storage.Postgres.Tests;

namespace Baton.Cli.Tests.Storage;

/// <summary>
/// A temporary PostgreSQL server for the CLI's <c>--postgres</c> tests (the storage tests' initdb + pg_ctl fixture):
/// skipped with the install command where PostgreSQL is missing, except in CI (<c>CI=true</c>), where it must run.
/// </summary>
public sealed class PostgresCliFixture : IAsyncLifetime
{
    private TemporaryPostgresServer? _server;
    private string? _unavailable;
    private int _databases;

    /// <summary>Gets a connection string to a new, empty database.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        if (_server is null)
        {
            var reason = _unavailable ?? "The PostgreSQL server did not start.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + " (CI=true: PostgreSQL tests must run in CI; .ci/setup.d/postgres.sh installs it.)");
            }

            Assert.Skip(reason);
        }

        return await _server.CreateDatabaseAsync($"baton_cli_{Interlocked.Increment(ref _databases)}", TestContext.Current.CancellationToken);
    }

    public async ValueTask InitializeAsync()
    {
        var bin = TemporaryPostgresServer.FindBinaries();
        if (bin is null)
        {
            _unavailable = TemporaryPostgresServer.InstallHint;
            return;
        }

        try
        {
            _server = await TemporaryPostgresServer.StartAsync(bin);
        }
        catch (InvalidOperationException ex)
        {
            _unavailable = $"Could not start a temporary PostgreSQL server from {bin}: {ex.Message}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
