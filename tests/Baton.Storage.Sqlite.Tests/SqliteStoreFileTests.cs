using System.Diagnostics;
using Baton.Journal;
using Microsoft.Data.Sqlite;
using static Baton.Conformance.JournalSamples;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>
/// Store files that cannot be used (read-only, a directory, not SQLite, truncated, another program's database, a
/// newer layout) fail with <see cref="RunStoreUnavailableException"/> naming the file and what to do, never a crash.
/// </summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_Directory_SaysItIsADirectory()
    {
        var path = Directory.CreateDirectory(_directory.File("runs.db")).FullName;
        await using var store = new SqliteRunStore(path);

        var error = await Assert.ThrowsAsync<RunStoreUnavailableException>(async () => await store.ListRunsAsync(5, Ct));

        Assert.Equal(path, error.Location);
        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_TextFile_SaysItIsNotARunStore()
    {
        var path = _directory.File("notes.db");
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat("These are my notes, not a database.\n", 200)), Ct);
        await using var store = new SqliteRunStore(path);

        var error = await Assert.ThrowsAsync<RunStoreUnavailableException>(async () => await store.AppendAsync("r", 0, [Started("r")], Ct));

        Assert.Contains($"The file {path} is not a Baton run store", error.Message, StringComparison.Ordinal);
        Assert.Equal("These are my notes", (await File.ReadAllTextAsync(path, Ct))[..18]);
    }

    [Fact]
    public async Task Open_TruncatedStore_SaysItIsDamaged()
    {
        var path = await WriteStoreAsync("runs.db", runs: 40);
        await using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(6000);
        }

        await using var store = new SqliteRunStore(path);

        var error = await Assert.ThrowsAnyAsync<RunStoreException>(async () =>
        {
            foreach (var run in await store.ListRunsAsync(100, Ct))
            {
                await store.ReadAsync(run.RunId, Ct);
            }
        });

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_AnotherProgramsDatabase_RefusesAndLeavesItUnchanged()
    {
        var path = _directory.File("shop.db");
        await ExecuteAsync(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ana');");
        await using var store = new SqliteRunStore(path);

        var error = await Assert.ThrowsAsync<RunStoreUnavailableException>(async () => await store.AppendAsync("r", 0, [Started("r")], Ct));

        Assert.Contains("Baton did not write (its tables: customers)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync(path, "SELECT count(*) FROM sqlite_schema WHERE name IN ('runs', 'events');"));
    }

    [Fact]
    public async Task Open_AnotherProgramsDatabaseWithAUserVersion_Refuses()
    {
        var path = _directory.File("other.db");
        await ExecuteAsync(path, "CREATE TABLE runs (id INTEGER); PRAGMA user_version = 1;");
        await using var store = new SqliteRunStore(path);

        var error = await Assert.ThrowsAsync<RunStoreUnavailableException>(async () => await store.ListRunsAsync(5, Ct));

        Assert.Contains("Baton did not write", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_NewerLayoutVersion_AsksToUpgradeBaton()
    {
        var path = await WriteStoreAsync("runs.db", runs: 1);
        await ExecuteAsync(path, "PRAGMA user_version = 99;");
        await using var store = new SqliteRunStore(path);

        var error = await Assert.ThrowsAsync<RunStoreUnavailableException>(async () => await store.ListRunsAsync(5, Ct));

        Assert.Contains("layout version 99, written by a newer Baton", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Append_ReadOnlyFile_SaysItIsReadOnly()
    {
        var path = await WriteStoreAsync("runs.db", runs: 2);
        using var readOnly = ReadOnlyFile.Make(path);
        await using var store = new SqliteRunStore(path);

        var error = await Assert.ThrowsAsync<RunStoreUnavailableException>(async () =>
        {
            // Reading may still work on a read-only file; writing never does.
            await store.ListRunsAsync(5, Ct);
            await store.AppendAsync("new", 0, [Started("new")], Ct);
        });

        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_EmptyRunId_ThrowArgumentException()
    {
        await using var store = new SqliteRunStore(_directory.File("runs.db"));

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.ReadAsync(string.Empty, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.AppendAsync(string.Empty, 0, [Started("x")], Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.FindRunsAsync(string.Empty, 1, Ct));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private async Task<string> WriteStoreAsync(string name, int runs)
    {
        var path = _directory.File(name);
        await using (var store = new SqliteRunStore(path))
        {
            for (var i = 0; i < runs; i++)
            {
                var runId = $"run-{i:D3}";
                await store.AppendAsync(runId, 0, ForRun(AllKinds(runId), runId), Ct);
            }
        }

        // Fold the write-ahead log into the file, so the file alone holds the runs.
        await ExecuteAsync(path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;");
        SqliteConnection.ClearAllPools();
        return path;
    }

    internal static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    internal static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }

    /// <summary>Makes a file read-only for this process, root included (chmod, and chattr +i when running as root).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class ReadOnlyFile : IDisposable
    {
        private readonly string _path;
        private readonly bool _immutable;

        private ReadOnlyFile(string path, bool immutable)
        {
            _path = path;
            _immutable = immutable;
        }

        public static ReadOnlyFile Make(string path)
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var immutable = Environment.UserName == "root" && Chattr("+i", path);
            try
            {
                using var probe = new FileStream(path, FileMode.Open, FileAccess.Write);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                return new ReadOnlyFile(path, immutable);
            }

            Assert.Skip("This user can write any file (root without chattr): a read-only store file cannot be made here.");
            return null!;
        }

        public void Dispose()
        {
            if (_immutable)
            {
                Chattr("-i", _path);
            }

            File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        private static bool Chattr(string flag, string path)
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true, UseShellExecute = false });
                process!.WaitForExit(10_000);
                return process.ExitCode == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }
    }
}
