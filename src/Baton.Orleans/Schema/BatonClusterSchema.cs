using Npgsql;

namespace Baton.Orleans;

/// <summary>Sets up the PostgreSQL tables and statements Orleans' ADO.NET clustering and reminders need.</summary>
/// <remarks>
/// The Microsoft.Orleans.Clustering.AdoNet and Microsoft.Orleans.Reminders.AdoNet packages ship no SQL scripts (their
/// providers run statements they read from the <c>OrleansQuery</c> table), so Baton carries its own: idempotent, in
/// one transaction under an advisory lock, safe for several workers starting at once. Silos run it when they start;
/// the run journal's own tables are created by <see cref="Storage.Postgres.PostgresRunStore"/>.
/// </remarks>
public static class BatonClusterSchema
{
    private const long AdvisoryLockKey = 0x6261746f6e; // "baton"
    private static readonly Lazy<string> s_script = new(LoadScript);

    /// <summary>Creates the tables and statements when missing; does nothing when they exist.</summary>
    /// <param name="connectionString">The PostgreSQL connection string.</param>
    /// <param name="cancellationToken">A token to cancel the set-up.</param>
    /// <returns>A task that completes when the schema is in place.</returns>
    /// <exception cref="NpgsqlException">The database cannot be reached or refused the script.</exception>
    public static async Task EnsureAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AdvisoryLockKey});\n{s_script.Value}", connection, transaction);
                await using (command.ConfigureAwait(false))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string LoadScript()
    {
        using var stream = typeof(BatonClusterSchema).Assembly.GetManifestResourceStream("Baton.Orleans.Schema.orleans-postgres.sql")
            ?? throw new InvalidOperationException("The embedded resource Baton.Orleans.Schema.orleans-postgres.sql is missing from Baton.Orleans.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
