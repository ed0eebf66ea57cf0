using Baton.Journal;
using Baton.Storage.Postgres;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Storage;

/// <summary>The run store a command uses: <c>--store PATH</c>, <c>.baton/runs.db</c> in the working folder, or a cluster's journal with <c>--postgres CONN</c>.</summary>
internal sealed class CliStore : IAsyncDisposable
{
    public const string DefaultPath = ".baton/runs.db";

    private readonly IAsyncDisposable _lifetime;

    private CliStore(string path, IRunStore store, IAsyncDisposable lifetime, string specsIndex)
    {
        Path = path;
        _lifetime = lifetime;
        Store = store;
        Specs = new RunSpecIndex(specsIndex);
    }

    /// <summary>Gets the store's full path.</summary>
    public string Path { get; }

    /// <summary>Gets the store.</summary>
    public IRunStore Store { get; }

    /// <summary>Gets the side index of which spec each run was started from.</summary>
    public RunSpecIndex Specs { get; }

    public static CliStore Open(string? option, CliConsole console, string? postgres = null)
    {
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            // The shared journal of a cluster; shown without its password.
            var postgresStore = new PostgresRunStore(postgres);
            return new CliStore($"postgres {postgresStore.ConnectionString}", postgresStore, postgresStore, console.FullPath(".baton/cluster.specs.json"));
        }

        var path = console.FullPath(string.IsNullOrWhiteSpace(option) ? DefaultPath : option);
        var sqlite = new SqliteRunStore(path);
        return new CliStore(path, sqlite, sqlite, System.IO.Path.ChangeExtension(path, ".specs.json"));
    }

    public ValueTask DisposeAsync() => _lifetime.DisposeAsync();

    /// <summary>Finds a run by its id or a unique prefix of it; writes why not to the console when it cannot.</summary>
    public async Task<string?> FindRunAsync(string idOrPrefix, CliConsole console, CancellationToken cancellationToken)
    {
        if ((await Store.ReadAsync(idOrPrefix, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return idOrPrefix;
        }

        var runs = await Store.ListRunsAsync(10_000, cancellationToken).ConfigureAwait(false);
        var matches = runs.Where(r => r.RunId.StartsWith(idOrPrefix, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 1)
        {
            return matches[0].RunId;
        }

        await console.Error.WriteLineAsync(matches.Count == 0
            ? $"error: no run '{idOrPrefix}' in the store {Path}. List runs with 'baton runs' (and pass the same --store)."
            : $"error: '{idOrPrefix}' matches {matches.Count} runs ({string.Join(", ", matches.Take(3).Select(m => m.RunId))}, ...); give more of the run id.").ConfigureAwait(false);
        return null;
    }
}
