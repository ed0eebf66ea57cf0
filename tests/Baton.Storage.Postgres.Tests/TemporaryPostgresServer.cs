using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Baton.Storage.Postgres.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster: <c>initdb</c> in a temp directory, <c>pg_ctl start</c> on a free loopback port,
/// stopped and deleted on dispose. Runs the server as the <c>postgres</c> user when the process is root.
/// </summary>
/// <remarks>Shared by the tests and the storage benchmark (linked as source).</remarks>
internal sealed class TemporaryPostgresServer : IAsyncDisposable
{
    public const string InstallHint = "PostgreSQL is not installed: install it with `sudo apt-get install -y postgresql` (any version with initdb under /usr/lib/postgresql/*/bin), then rerun.";

    private readonly string _bin;
    private readonly string _directory;

    private TemporaryPostgresServer(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    /// <summary>Finds the newest installed PostgreSQL's bin directory, or null.</summary>
    public static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    public static async Task<TemporaryPostgresServer> StartAsync(string bin, CancellationToken cancellationToken = default)
    {
        var directory = Directory.CreateTempSubdirectory("baton-pg-").FullName;
        var data = Path.Combine(directory, "data");
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", directory], asPostgres: false, cancellationToken);
        }

        var port = FreePort();
        var server = new TemporaryPostgresServer(bin, directory, port);
        try
        {
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], IsRoot, cancellationToken);
            await RunAsync(
                Path.Combine(bin, "pg_ctl"),
                ["start", "-w", "-t", "60", "-D", data, "-l", Path.Combine(directory, "server.log"),
                 "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=64MB"],
                IsRoot,
                cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Creates a database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(AdminConnectionString);
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await using (command)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Timeout=30;Maximum Pool Size=200";
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-w", "-m", "fast", "-D", Path.Combine(_directory, "data")], IsRoot, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Never started or already stopped.
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/tmp",
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }

        // pg_ctl start leaves the server holding our pipes; don't wait for them to close.
        _ = stdout;
        _ = stderr;
    }
}
