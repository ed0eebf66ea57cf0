namespace Baton.Storage.Sqlite;

/// <summary>Options for <see cref="SqliteRunStore"/>.</summary>
public sealed class SqliteRunStoreOptions
{
    /// <summary>Gets or sets the path of the database file; it and its directory are created if missing.</summary>
    /// <value>Required; no default.</value>
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets how long an operation waits for another process's write lock before failing.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets whether each commit is flushed to disk before <see cref="SqliteRunStore.AppendAsync"/> returns
    /// (<c>PRAGMA synchronous=FULL</c>). Turning it off (<c>NORMAL</c>) keeps the file consistent but may lose the
    /// last events on power loss; only for throwaway runs.
    /// </summary>
    /// <value><see langword="true"/>.</value>
    public bool DurableCommits { get; set; } = true;

    /// <summary>Checks the options and throws one exception naming every problem.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
        {
            errors.Add("Path is empty: set it to the database file, for example \"runs/baton.db\".");
        }

        if (BusyTimeout <= TimeSpan.Zero)
        {
            errors.Add($"BusyTimeout is {BusyTimeout}: it must be positive.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SqliteRunStoreOptions: " + string.Join(" ", errors));
        }
    }
}
