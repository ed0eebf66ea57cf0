using Baton.Journal;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// A run store on PostgreSQL, for several processes that share runs (workers picking up each other's runs).
/// </summary>
/// <remarks>
/// <para><b>Durability.</b> With PostgreSQL's default <c>synchronous_commit=on</c> an append is on disk when
/// <see cref="AppendAsync"/> returns: it returns only after the commit that holds it.</para>
/// <para><b>Batching.</b> Appends that arrive together — from many runs — are written in one round trip and one commit
/// (a group), so throughput grows with the number of concurrent runs while each append still waits for its own
/// commit. A refused append in a group (a lost race, a stale lease) fails alone; the others commit.</para>
/// <para><b>Concurrency.</b> Thread-safe and safe across processes. Each append is checked against its run's summary
/// row under a row lock, or by a statement guarded by the row's stored event count, with
/// <see cref="JournalBatch"/>'s rules: the expected sequence, lease fencing (<see cref="LeaseLostException"/> for a
/// stale execution, in any process) and idempotent re-append. The primary key <c>(run_id, seq)</c> backs this up.
/// Appends to different runs do not block each other.</para>
/// <para><b>Schema.</b> Tables <c>baton_events(run_id, seq, kind, schema_version, json, timestamp)</c> and
/// <c>baton_runs</c> (one summary row per run, updated in the same transaction as each append, so listing runs and
/// id-prefix lookups read no journal) are created on first use, and tables written by an older Baton are migrated
/// once; both automatic and idempotent, safe when several processes start together. The event JSON is kept as text,
/// byte for byte as written.</para>
/// <para><b>Errors.</b> A server that cannot be reached or refuses raises <see cref="RunStoreUnavailableException"/>
/// naming the server (never the password); a stored row that cannot be read raises
/// <see cref="UnreadableJournalException"/> for that run only.</para>
/// </remarks>
public sealed class PostgresRunStore : IRunStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly string _location;
    private readonly PostgresGroupCommitter _committer;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Creates a store from a connection string. Nothing is opened until the first operation.</summary>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=localhost;Database=baton;Username=baton</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or malformed.</exception>
    public PostgresRunStore(string connectionString)
        : this(new NpgsqlSlimDataSourceBuilder(ValidConnectionString(connectionString)).EnableArrays().Build(), ownsDataSource: true)
    {
    }

    /// <summary>Creates a store over a data source the caller owns (and disposes).</summary>
    /// <param name="dataSource">
    /// The data source. It must map arrays (a full <see cref="NpgsqlDataSource"/> does; a slim one needs
    /// <c>EnableArrays()</c>): grouped appends send each group's rows as arrays.
    /// </param>
    public PostgresRunStore(NpgsqlDataSource dataSource)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false)
    {
    }

    private PostgresRunStore(NpgsqlDataSource dataSource, bool ownsDataSource)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _location = PostgresErrors.Describe(dataSource);
        _committer = new PostgresGroupCommitter(dataSource, _location);
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
        if (rows.Count == 0)
        {
            return;
        }

        // Once queued, the append is not abandoned on cancellation: it commits (or fails) with its group, and the
        // caller learns which, so it never guesses whether an event is durable.
        await _committer.AppendAsync(runId, expectedSequence, events, rows).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await PostgresJournalRows.ReadAsync(connection, runId, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (PostgresErrors.IsStoreError(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw PostgresErrors.Translate(ex, _location);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RunSummary>> ListRunsAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // One indexed query over the summary rows: no journal is read, so a damaged journal cannot hide the others.
        return QuerySummariesAsync(
            $"SELECT {PostgresSummaryRows.Columns} FROM baton_runs WHERE event_count > 0 ORDER BY started_at DESC, run_id LIMIT $1;",
            [new NpgsqlParameter<int> { TypedValue = limit }],
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RunSummary>> FindRunsAsync(string idPrefix, int limit = 10, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idPrefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // A range scan of the byte-ordered index on run_id: every id that starts with the prefix sorts between the
        // prefix and the prefix followed by the highest code point.
        return QuerySummariesAsync(
            $"""
            SELECT {PostgresSummaryRows.Columns} FROM baton_runs
            WHERE (run_id COLLATE "C") >= $1 AND (run_id COLLATE "C") < $2 AND event_count > 0
            ORDER BY (run_id COLLATE "C") LIMIT $3;
            """,
            [
                new NpgsqlParameter<string> { TypedValue = idPrefix },
                new NpgsqlParameter<string> { TypedValue = idPrefix + char.ConvertFromUtf32(0x10FFFF) },
                new NpgsqlParameter<int> { TypedValue = limit },
            ],
            cancellationToken);
    }

    /// <summary>
    /// Lists the runs that have not ended and whose lease is held by one of <paramref name="leaseOwners"/> (for
    /// example workers that died): the runs those workers were executing. Reads the summary rows only.
    /// </summary>
    /// <param name="leaseOwners">The lease owners, as runs record them (<see cref="RunLease.Owner"/>).</param>
    /// <param name="limit">The maximum number of runs to return.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The runs' summaries, oldest started first.</returns>
    /// <exception cref="RunStoreException">The store cannot be used.</exception>
    /// <remarks>A run whose execution died before it wrote its first event is not listed (it has no lease yet).</remarks>
    public ValueTask<IReadOnlyList<RunSummary>> ListRunsHeldByAsync(IReadOnlyCollection<string> leaseOwners, int limit = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leaseOwners);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return QuerySummariesAsync(
            $"""
            SELECT {PostgresSummaryRows.Columns} FROM baton_runs
            WHERE status = $1 AND lease_owner = ANY($2) AND event_count > 0
            ORDER BY started_at, run_id LIMIT $3;
            """,
            [
                new NpgsqlParameter<string> { TypedValue = nameof(RunStatus.Running) },
                new NpgsqlParameter<string[]> { TypedValue = [.. leaseOwners] },
                new NpgsqlParameter<int> { TypedValue = limit },
            ],
            cancellationToken);
    }

    /// <summary>Disposes the data source if the store created it.</summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static string ValidConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid ({ex.Message.TrimEnd('.')}): use the form Host=localhost;Database=baton;Username=baton.", nameof(connectionString), ex);
        }

        return connectionString;
    }

    private async ValueTask<IReadOnlyList<RunSummary>> QuerySummariesAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var command = new NpgsqlCommand(sql, connection);
                await using (command.ConfigureAwait(false))
                {
                    command.Parameters.AddRange(parameters);
                    return await PostgresSummaryRows.ListAsync(command, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (PostgresErrors.IsStoreError(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw PostgresErrors.Translate(ex, _location);
        }
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
                await PostgresSchema.EnsureAsync(_dataSource, cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        catch (Exception ex) when (PostgresErrors.IsStoreError(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw PostgresErrors.Translate(ex, _location);
        }
        finally
        {
            _initGate.Release();
        }
    }
}
