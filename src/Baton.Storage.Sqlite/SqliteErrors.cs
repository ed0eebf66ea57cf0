using Baton.Journal;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>Turns SQLite's and the file system's errors into <see cref="RunStoreUnavailableException"/>s that name the file and what to do.</summary>
internal static class SqliteErrors
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html).
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>Whether an exception is one <see cref="Translate"/> explains.</summary>
    public static bool IsStoreError(Exception ex) =>
        ex is SqliteException or IOException or UnauthorizedAccessException;

    public static RunStoreUnavailableException Translate(Exception ex, string path)
    {
        var message = ex switch
        {
            SqliteException { SqliteErrorCode: ReadOnly } =>
                $"The run store {path} is read-only: make the file and its folder writable (Baton writes the file and its -wal and -shm files beside it), or use another store file.",
            SqliteException { SqliteErrorCode: Busy or Locked } =>
                $"The run store {path} stayed locked by another process past the busy timeout: wait for it to finish, or raise SqliteRunStoreOptions.BusyTimeout.",
            SqliteException { SqliteErrorCode: Corrupt or NotADatabase } =>
                $"The file {path} is not a Baton run store (not an SQLite database, or a damaged or truncated one): restore it from a backup, or use another store file.",
            SqliteException { SqliteErrorCode: Full } =>
                $"The disk holding the run store {path} is full: free some space and try again.",
            SqliteException { SqliteErrorCode: CantOpen } when Directory.Exists(path) =>
                $"The run store path {path} is a directory: give the path of a database file, for example {Path.Combine(path, "runs.db")}.",
            SqliteException { SqliteErrorCode: CantOpen } =>
                $"The run store {path} cannot be opened: check that its folder exists and is writable, or use another store file.",
            SqliteException { SqliteErrorCode: IoError } =>
                $"The run store {path} could not be read or written (an I/O error): check the disk and the file's permissions.",
            SqliteException sqlite =>
                $"The run store {path} failed: {sqlite.Message.TrimEnd('.')}.",
            UnauthorizedAccessException =>
                $"The run store {path} cannot be created or opened: permission denied. Use a path you can write to.",
            IOException io =>
                $"The run store {path} cannot be created or opened: {io.Message.TrimEnd('.')}.",
            _ => $"The run store {path} failed: {ex.Message.TrimEnd('.')}.",
        };
        return new RunStoreUnavailableException(path, message, ex);
    }
}
