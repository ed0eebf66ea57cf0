using Baton.Journal;
using Npgsql;

namespace Baton.Storage.Benchmarks.Legacy;

/// <summary>
/// The PostgreSQL store as it was before grouped appends (commit 5d048cd: one transaction and three round trips per
/// append, no summary rows), kept only so the benchmark measures the previous and the current code side by side in
/// the same run. Not used anywhere else.
/// </summary>
/// <remarks>
/// <para><b>Durability.</b> Each append is one transaction; with PostgreSQL's default <c>synchronous_commit=on</c>
/// it is on disk when <see cref="AppendAsync"/> returns.</para>
/// <para><b>Concurrency.</b> Thread-safe and safe across processes. An append locks the run's row
/// (<c>SELECT … FOR UPDATE</c>), checks <c>expectedSequence</c> against the stored count and inserts; the primary key
/// <c>(run_id, seq)</c> backs this up, and a unique violation is reported as <see cref="JournalConcurrencyException"/>.
/// Appends to different runs do not block each other.</para>
/// <para><b>Schema.</b> Tables <c>baton_runs</c> and <c>baton_events(run_id, seq, kind, schema_version, json, timestamp)</c>
/// are created on first use. The event JSON is kept as text, byte for byte as written.</para>
/// </remarks>
internal sealed class LegacyPostgresRunStore : IRunStore, IAsyncDisposable
{
    private const string UniqueViolation = "23505";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Creates a store from a connection string.</summary>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=localhost;Database=baton;Username=baton</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or malformed.</exception>
    public LegacyPostgresRunStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = new NpgsqlSlimDataSourceBuilder(connectionString).Build();
        _ownsDataSource = true;
    }

    /// <summary>Creates a store over a data source the caller owns (and disposes).</summary>
    /// <param name="dataSource">The data source.</param>
    public LegacyPostgresRunStore(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    /// <summary>Gets the connection string the store connects with (without its password).</summary>
    public string ConnectionString => _dataSource.ConnectionString;

    /// <inheritdoc />
    public async ValueTask AppendAsync(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSequence);
        var rows = JournalBatch.Serialize(runId, expectedSequence, events);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                try
                {
                    var count = await LegacyPostgresJournalRows.LockRunAsync(connection, transaction, runId, rows, cancellationToken).ConfigureAwait(false);
                    var fresh = await CheckStoredAsync(connection, transaction, runId, expectedSequence, rows, count, cancellationToken).ConfigureAwait(false);
                    if (fresh.Count > 0)
                    {
                        await LegacyPostgresJournalRows.InsertAsync(connection, transaction, runId, fresh, expectedSequence + rows.Count, cancellationToken).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
                {
                    // Only reachable if a writer bypassed the row lock; the key still refuses a second event.
                    throw new JournalConcurrencyException(
                        $"Run '{runId}' was advanced by another writer while appending at {expectedSequence}. Reload the run and continue from its journal.", ex);
                }
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await LegacyPostgresJournalRows.ReadAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<RunSummary>> ListRunsAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var runIds = new List<string>();
            var command = new NpgsqlCommand("SELECT run_id FROM baton_runs ORDER BY started_at DESC, run_id LIMIT $1;", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        runIds.Add(reader.GetString(0));
                    }
                }
            }

            // Status and counts come from folding the journal: RunState is the only derivation of run state.
            var summaries = new List<RunSummary>(runIds.Count);
            foreach (var runId in runIds)
            {
                var state = RunState.FromEvents(await LegacyPostgresJournalRows.ReadAsync(connection, runId, cancellationToken).ConfigureAwait(false));
                summaries.Add(state.ToSummary());
            }

            return summaries;
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<RunSummary>> FindRunsAsync(string idPrefix, int limit = 10, CancellationToken cancellationToken = default) =>
        [.. (await ListRunsAsync(10_000, cancellationToken).ConfigureAwait(false)).Where(r => r.RunId.StartsWith(idPrefix, StringComparison.Ordinal)).Take(limit)];

    /// <summary>Disposes the data source if the store created it.</summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async ValueTask<IReadOnlyList<SerializedJournalEvent>> CheckStoredAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string runId,
        long expectedSequence,
        IReadOnlyList<SerializedJournalEvent> rows,
        long count,
        CancellationToken cancellationToken)
    {
        if (expectedSequence > count)
        {
            throw JournalConcurrencyException.For(runId, expectedSequence, count);
        }

        var overlap = Math.Min(count, expectedSequence + rows.Count);
        if (overlap > expectedSequence)
        {
            // The same events appended twice are a no-op (a retried append); different ones are a lost race.
            var stored = await LegacyPostgresJournalRows.StoredJsonAsync(connection, transaction, runId, expectedSequence, overlap, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows.Where(r => r.Event.Sequence < overlap))
            {
                if (!stored.TryGetValue(row.Event.Sequence, out var json) || !string.Equals(json, row.Json, StringComparison.Ordinal))
                {
                    throw JournalConcurrencyException.For(runId, expectedSequence, count);
                }
            }
        }

        return [.. rows.Where(r => r.Event.Sequence >= overlap)];
    }

    private async ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await LegacyPostgresSchema.EnsureAsync(_dataSource, cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initGate.Release();
        }
    }
}
