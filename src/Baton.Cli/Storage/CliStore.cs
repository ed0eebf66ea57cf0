using Baton.Journal;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Storage;

/// <summary>The run store a command uses: <c>--store PATH</c>, or <c>.baton/runs.db</c> in the working folder.</summary>
internal sealed class CliStore : IAsyncDisposable
{
    public const string DefaultPath = ".baton/runs.db";

    private readonly SqliteRunStore _sqlite;

    private CliStore(string path, SqliteRunStore store)
    {
        Path = path;
        _sqlite = store;
        Store = store;
        Specs = new RunSpecIndex(System.IO.Path.ChangeExtension(path, ".specs.json"));
    }

    /// <summary>Gets the store's full path.</summary>
    public string Path { get; }

    /// <summary>Gets the store.</summary>
    public IRunStore Store { get; }

    /// <summary>Gets the side index of which spec each run was started from.</summary>
    public RunSpecIndex Specs { get; }

    public static CliStore Open(string? option, CliConsole console)
    {
        var path = console.FullPath(string.IsNullOrWhiteSpace(option) ? DefaultPath : option);
        return new CliStore(path, new SqliteRunStore(path));
    }

    public ValueTask DisposeAsync() => _sqlite.DisposeAsync();

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
