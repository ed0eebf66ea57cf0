using System.Globalization;
using Baton.Journal;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>
/// A durable run store in one SQLite file: the embedded default for runs that must survive a crash.
/// </summary>
/// <remarks>
/// <para><b>Durability.</b> The file uses write-ahead logging with <c>synchronous=FULL</c>: when
/// <see cref="AppendAsync"/> returns, the events are committed and flushed to disk, so the next model call never
/// starts before its predecessor's events are safe. A process killed mid-append loses that append's transaction
/// as a whole (never part of it).</para>
/// <para><b>Concurrency.</b> Thread-safe. Each operation uses its own pooled connection; appends run in an
/// <c>IMMEDIATE</c> transaction that checks <c>expectedSequence</c>, so two writers (threads or processes sharing
/// the file) cannot both advance one run. SQLite allows one writer at a time, so appends that arrive together from
/// different runs are committed as a group: one transaction and one disk flush, each append in its own savepoint (a
/// conflict rolls back only that append). Other processes wait up to <see cref="SqliteRunStoreOptions.BusyTimeout"/>.</para>
/// <para><b>Leases.</b> Each append checks the writer's lease epoch against the run's summary row inside the same
/// transaction (<see cref="JournalBatch"/>'s rules), so a stale execution — in this process or another — is refused
/// with <see cref="LeaseLostException"/>.</para>
/// <para><b>Schema.</b> Table <c>events(run_id, seq, kind, schema_version, json, timestamp)</c> keyed by
/// <c>(run_id, seq)</c>, and table <c>runs</c>: one summary row per run (status, counts, tokens, last event, lease),
/// updated in the same transaction as each append, so listing runs and prefix lookups read no journal. Each event
/// row keeps the <see cref="JournalSerializer.CurrentSchemaVersion"/> it was written with. A file written by an
/// older Baton (store layout 1) is migrated once when opened: its summary rows are folded from the journals.</para>
/// <para><b>Errors.</b> A file that cannot be used (read-only, a directory, not SQLite, damaged, another program's
/// database, written by a newer Baton) raises <see cref="RunStoreUnavailableException"/> naming the file and what
/// to do; a stored row that cannot be read raises <see cref="UnreadableJournalException"/> for that run only.</para>
/// </remarks>
public sealed class SqliteRunStore : IRunStore, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SqliteGroupCommitter _committer;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>Creates a store over a database file. Nothing is opened until the first operation.</summary>
    /// <param name="path">The database file; it and its directory are created if missing.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public SqliteRunStore(string path)
        : this(new SqliteRunStoreOptions { Path = path })
    {
    }

    /// <summary>Creates a store with options.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SqliteRunStore(SqliteRunStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Path = System.IO.Path.GetFullPath(options.Path);

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
        _committer = new SqliteGroupCommitter(OpenAsync, Path);
        _pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout={(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous={(options.DurableCommits ? "FULL" : "NORMAL")}; PRAGMA foreign_keys=OFF;");
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async ValueTask AppendAsync(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSequence);
        var rows = JournalBatch.Serialize(runId, expectedSequence, events);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

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
            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            return await SqliteJournalRows.ReadAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SqliteErrors.IsStoreError(ex))
        {
            throw SqliteErrors.Translate(ex, Path);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<RunSummary>> ListRunsAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One indexed query over the summary rows: no journal is read, so a damaged journal cannot hide the others.
            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {SqliteSummaryRows.Columns} FROM runs ORDER BY started_at DESC, run_id LIMIT $limit;";
            command.Parameters.AddWithValue("$limit", limit);
            return await SqliteSummaryRows.ListAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SqliteErrors.IsStoreError(ex))
        {
            throw SqliteErrors.Translate(ex, Path);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<RunSummary>> FindRunsAsync(string idPrefix, int limit = 10, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idPrefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A range scan of the primary key: every id that starts with the prefix sorts between the prefix and the
            // prefix followed by the highest code point (SQLite compares text as UTF-8 bytes).
            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {SqliteSummaryRows.Columns} FROM runs WHERE run_id >= $from AND run_id < $to ORDER BY run_id LIMIT $limit;";
            command.Parameters.AddWithValue("$from", idPrefix);
            command.Parameters.AddWithValue("$to", idPrefix + char.ConvertFromUtf32(0x10FFFF));
            command.Parameters.AddWithValue("$limit", limit);
            return await SqliteSummaryRows.ListAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SqliteErrors.IsStoreError(ex))
        {
            throw SqliteErrors.Translate(ex, Path);
        }
    }

    /// <summary>Runs SQLite's <c>PRAGMA integrity_check</c> on the file.</summary>
    /// <param name="cancellationToken">A token to cancel the check.</param>
    /// <returns><c>ok</c> when the file is sound; otherwise SQLite's list of problems.</returns>
    /// <exception cref="RunStoreUnavailableException">The file cannot be opened as a run store.</exception>
    public async ValueTask<string> CheckIntegrityAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var lines = new List<string>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    /// <summary>Releases the pooled connections, so the file can be moved or deleted.</summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
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
                if (Directory.Exists(Path))
                {
                    throw new RunStoreUnavailableException(Path, $"The run store path {Path} is a directory: give the path of a database file, for example {System.IO.Path.Combine(Path, "runs.db")}.", null);
                }

                var directory = System.IO.Path.GetDirectoryName(Path);
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                await SqliteSchema.EnsureAsync(connection, Path, cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        catch (Exception ex) when (SqliteErrors.IsStoreError(ex))
        {
            throw SqliteErrors.Translate(ex, Path);
        }
        finally
        {
            _initGate.Release();
        }
    }
}
