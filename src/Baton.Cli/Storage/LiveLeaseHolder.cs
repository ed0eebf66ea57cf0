using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Baton.Journal;

namespace Baton.Cli.Storage;

/// <summary>
/// Tells whether a run's lease is held by a live process on this machine: the single-machine check that stops a
/// second <c>baton resume</c> from re-sending a call the first is still waiting on.
/// </summary>
/// <remarks>
/// The default lease owner is <c>host:pid</c>. The holder counts as live when the host is this machine, a process
/// with that id runs, and it started before it took the lease (so a recycled process id does not count). A holder
/// on another machine cannot be checked here; the store's lease fencing still refuses its writes once the run is
/// taken over.
/// </remarks>
internal static class LiveLeaseHolder
{
    // Process start times are read from the OS with coarse precision.
    private static readonly TimeSpan s_clockSlack = TimeSpan.FromSeconds(2);

    /// <summary>Finds the live local process holding <paramref name="lease"/>, if any.</summary>
    /// <param name="lease">The run's current lease.</param>
    /// <param name="pid">The holder's process id, when it is live.</param>
    /// <returns>Whether the holder is a live process on this machine (other than this one).</returns>
    public static bool IsLive(RunLease? lease, out int pid)
    {
        pid = 0;
        if (lease is null || !TryParse(lease.Owner, out var host, out pid)
            || !string.Equals(host, Environment.MachineName, StringComparison.OrdinalIgnoreCase)
            || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }

            return process.StartTime.ToUniversalTime() <= lease.Since.UtcDateTime + s_clockSlack;
        }
        catch (ArgumentException)
        {
            // No process with that id: the holder is gone.
            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // It exists but cannot be inspected: assume it is the holder rather than risk a second live execution.
            return true;
        }
    }

    /// <summary>The one-line refusal naming the holder.</summary>
    public static string Refusal(string runId, RunLease lease, int pid) => string.Create(
        CultureInfo.InvariantCulture,
        $"error: run {runId} is being executed by process {pid} on this machine (lease {lease.Epoch}, owner {lease.Owner}, since {lease.Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC); wait for it to finish or stop it. If that process is hung, resume with --take-over: its writes will then be refused.");

    private static bool TryParse(string owner, out string host, out int pid)
    {
        var colon = owner.LastIndexOf(':');
        host = colon > 0 ? owner[..colon] : string.Empty;
        pid = 0;
        return colon > 0 && int.TryParse(owner.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out pid) && pid > 0;
    }
}
