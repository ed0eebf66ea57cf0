using System.Net.Sockets;
using Baton.Journal;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>Turns Npgsql's and the network's errors into <see cref="RunStoreUnavailableException"/>s that name the server and what to do.</summary>
internal static class PostgresErrors
{
    public static bool IsStoreError(Exception ex) => ex is NpgsqlException or SocketException or TimeoutException or IOException;

    public static RunStoreUnavailableException Translate(Exception ex, string location)
    {
        var message = ex switch
        {
            PostgresException { SqlState: "28P01" or "28000" } =>
                $"The PostgreSQL run store at {location} refused the login: check the user name and password in the connection string.",
            PostgresException { SqlState: "3D000" } =>
                $"The PostgreSQL run store at {location} has no such database: create it (createdb) or fix 'Database=' in the connection string.",
            PostgresException { SqlState: "42501" } =>
                $"The PostgreSQL run store at {location} denied permission: the user needs to create and write the baton_runs and baton_events tables.",
            PostgresException { SqlState: "53100" } =>
                $"The PostgreSQL server of the run store at {location} is out of disk space: free some space and try again.",
            PostgresException pg =>
                $"The PostgreSQL run store at {location} failed: {pg.MessageText.TrimEnd('.')} (SQLSTATE {pg.SqlState}).",
            NpgsqlException or SocketException or TimeoutException or IOException =>
                $"The PostgreSQL run store at {location} cannot be reached ({ex.Message.TrimEnd('.')}): check that the server is running and the connection string's host and port.",
            _ => $"The PostgreSQL run store at {location} failed: {ex.Message.TrimEnd('.')}.",
        };
        return new RunStoreUnavailableException(location, message, ex);
    }

    /// <summary>Describes a data source as <c>host:port/database</c>, never with its password.</summary>
    public static string Describe(NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }
}
