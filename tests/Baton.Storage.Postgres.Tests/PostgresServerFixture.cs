using System.Globalization;

[assembly: AssemblyFixture(typeof(Baton.Storage.Postgres.Tests.PostgresServerFixture))]

namespace Baton.Storage.Postgres.Tests;

/// <summary>One temporary PostgreSQL server for every test in the assembly.</summary>
/// <remarks>
/// When PostgreSQL is not installed the tests skip with the install command, unless <c>CI=true</c>: then they fail,
/// so a CI image without the server cannot pass silently.
/// </remarks>
public sealed class PostgresServerFixture : IAsyncLifetime
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

        var name = string.Create(CultureInfo.InvariantCulture, $"baton_test_{Interlocked.Increment(ref _databases)}");
        return await _server.CreateDatabaseAsync(name, TestContext.Current.CancellationToken);
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
