using Baton.Journal;
using Baton.Storage.Postgres;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Storage;

/// <summary>The run store a command uses: <c>--store PATH</c>, <c>.baton/runs.db</c> in the working folder, or a cluster's journal with <c>--postgres CONN</c>.</summary>
/// <remarks>
/// The store's own errors are <see cref="RunStoreException"/>s with one-line messages (file, run, sequence, what to
/// do); commands let them reach <see cref="BatonCli"/>, which prints them.
/// </remarks>
internal sealed class CliStore : IAsyncDisposable
{
    public const string DefaultPath = ".baton/runs.db";

    /// <summary>How a cluster's PostgreSQL journal is named (with its connection string, without the password).</summary>
    public const string PostgresPrefix = "postgres ";

    private readonly IAsyncDisposable _lifetime;

    private CliStore(string path, IRunStore store, IAsyncDisposable lifetime, string legacySpecsIndex)
    {
        Path = path;
        _lifetime = lifetime;
        Store = store;
        LegacySpecs = new LegacySpecIndex(legacySpecsIndex);
    }

    /// <summary>Gets the store's full path.</summary>
    public string Path { get; }

    /// <summary>Gets the store.</summary>
    public IRunStore Store { get; }

    /// <summary>Gets the side file where Baton before journal schema 2 recorded run specs (read-only, for one release).</summary>
    public LegacySpecIndex LegacySpecs { get; }

    public static CliStore Open(string? option, CliConsole console, string? postgres = null)
    {
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            // The shared journal of a cluster; shown without its password.
            var postgresStore = new PostgresRunStore(postgres);
            return new CliStore(PostgresPrefix + postgresStore.ConnectionString, postgresStore, postgresStore, console.FullPath(".baton/cluster.specs.json"));
        }

        var path = console.FullPath(string.IsNullOrWhiteSpace(option) ? DefaultPath : option);
        var sqlite = new SqliteRunStore(path);
        return new CliStore(path, sqlite, sqlite, System.IO.Path.ChangeExtension(path, ".specs.json"));
    }

    public ValueTask DisposeAsync() => _lifetime.DisposeAsync();

    /// <summary>Finds a run by its id or a unique prefix of it (one indexed lookup); writes why not to the console when it cannot.</summary>
    public async Task<string?> FindRunAsync(string idOrPrefix, CliConsole console, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idOrPrefix))
        {
            await console.Error.WriteLineAsync("error: the run id is empty: pass a run id, or the start of one, as 'baton runs' lists it.").ConfigureAwait(false);
            return null;
        }

        var matches = await Store.FindRunsAsync(idOrPrefix, 3, cancellationToken).ConfigureAwait(false);
        if (matches.Count == 0 && !string.Equals(idOrPrefix, idOrPrefix.ToLowerInvariant(), StringComparison.Ordinal))
        {
            // Baton's own run ids are lowercase hex: accept a prefix typed in capitals.
            matches = await Store.FindRunsAsync(idOrPrefix.ToLowerInvariant(), 3, cancellationToken).ConfigureAwait(false);
        }

        if (matches.Count > 0 && (matches.Count == 1 || string.Equals(matches[0].RunId, idOrPrefix, StringComparison.Ordinal)))
        {
            return matches[0].RunId;
        }

        await console.Error.WriteLineAsync(matches.Count == 0
            ? $"error: no run '{idOrPrefix}' in the store {Path}. List runs with 'baton runs' (and pass the same --store)."
            : $"error: '{idOrPrefix}' matches several runs ({string.Join(", ", matches.Take(2).Select(m => m.RunId))}, ...); give more of the run id.").ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// The spec a run was started from: recorded on its <c>run_started</c> (journal schema 2), or for older runs in
    /// the legacy side file; <see langword="null"/> when neither has it.
    /// </summary>
    public RecordedSpec? FindRecordedSpec(RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.SpecPath is { } specPath
            ? new RecordedSpec(specPath, state.SpecHash ?? string.Empty, state.Model)
            : LegacySpecs.Find(state.RunId);
    }
}
