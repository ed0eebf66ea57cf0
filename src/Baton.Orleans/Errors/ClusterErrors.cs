using System.Data.Common;
using System.Text.RegularExpressions;
using Baton.Journal;
using Baton.Orchestration;

namespace Baton.Orleans.Errors;

/// <summary>
/// Carries errors across the wire between silos and clients: an exception Orleans cannot serialize (a store's,
/// Npgsql's, a Baton core type's) becomes a <see cref="ClusterRunException"/> on the silo, and the client turns the
/// ones Baton knows back into their own types.
/// </summary>
/// <remarks>
/// Orleans serializes an exception it has no codec for only when its namespace starts with <c>System</c> or
/// <c>Microsoft</c> (and so must every inner exception); anything else fails the response with a
/// <c>CodecNotFoundException</c> that hides the real error. Messages cross with any password masked.
/// </remarks>
internal static partial class ClusterErrors
{
    /// <summary>Returns <paramref name="exception"/> when it can cross the wire as itself, otherwise a <see cref="ClusterRunException"/> with its type and message.</summary>
    public static Exception ToWire(Exception exception, string? runId)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Travels(exception))
        {
            return exception;
        }

        var storeRunId = exception is RunStoreException { RunId: { } id } ? id : runId;
        return new ClusterRunException(exception.GetType().FullName ?? exception.GetType().Name, MaskPasswords(exception.Message), storeRunId);
    }

    /// <summary>Turns an error a silo sent back into the Baton exception it was, when Baton knows it; otherwise returns it as it is.</summary>
    public static Exception FromWire(ClusterRunException wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        var type = wire.ErrorType;
        var message = wire.Message;
        return type switch
        {
            _ when type == typeof(LeaseLostException).FullName => new LeaseLostException(message, wire),
            _ when type == typeof(JournalConcurrencyException).FullName => new JournalConcurrencyException(message, wire),
            _ when type == typeof(UnreadableJournalException).FullName => new UnreadableJournalException(message, wire),
            _ when type == typeof(RunStoreUnavailableException).FullName => new RunStoreUnavailableException(message, wire),
            _ when type == typeof(RunStoreException).FullName => new RunStoreException(message, wire),

            // PostgreSQL's own errors, from anything that reads the cluster's database without the store.
            _ when type.StartsWith("Npgsql.", StringComparison.Ordinal) || type.StartsWith("System.Net.Sockets.", StringComparison.Ordinal) =>
                new RunStoreUnavailableException($"The cluster's PostgreSQL database failed: {message}", wire),
            _ when type == typeof(ReplayMismatchException).FullName => new ReplayMismatchException(message, wire),
            _ when type == typeof(OrchestrationConfigurationException).FullName => new OrchestrationConfigurationException(message, wire),
            _ => wire,
        };
    }

    /// <summary>Masks the value of every <c>Password=</c> (or <c>Pwd=</c>) in a text, as a connection string would show it.</summary>
    public static string MaskPasswords(string text) => PasswordPattern().Replace(text, "$1=***");

    private static bool Travels(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException || !(e is OrchestrationUnavailableException or ClusterRunException || IsFramework(e)) || e is DbException)
            {
                return false;
            }
        }

        return true;
    }

    // The namespaces Orleans' exception codec accepts by default (ExceptionSerializationOptions), and Orleans' own exceptions.
    private static bool IsFramework(Exception e) =>
        e.GetType().Namespace is { } ns
        && (ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("Microsoft", StringComparison.Ordinal) || ns.StartsWith("Orleans", StringComparison.Ordinal));

    [GeneratedRegex(@"(?i)\b(password|pwd)\s*=\s*[^;'""\s]*")]
    private static partial Regex PasswordPattern();
}
