using System.CommandLine;
using System.Globalization;

namespace Baton.Cli.Commands;

/// <summary>Options of the cluster commands (<c>worker</c>, <c>run --cluster</c>, <c>--postgres</c> on the inspection commands).</summary>
internal static class ClusterCliOptions
{
    public static Option<string?> Postgres(bool required = false) => new("--postgres")
    {
        Description = "The cluster's PostgreSQL connection string (journals, membership, reminders), for example \"Host=127.0.0.1;Database=baton;Username=baton\"." +
            (required ? string.Empty : " Reads the shared journal instead of the local --store."),
        Required = required,
    };

    public static Option<string?> Cluster(string description = "Submit the run to a Baton cluster instead of running it here: the cluster's PostgreSQL connection string (the workers' --postgres).") => new("--cluster")
    {
        Description = description,
    };

    public static Option<string> ClusterId() => new("--cluster-id")
    {
        Description = "The cluster id workers and submitters share.",
        DefaultValueFactory = _ => Baton.Orleans.BatonClusterDefaults.ClusterId,
    };

    /// <summary>Parses <c>500ms</c>, <c>10s</c>, <c>5m</c>, <c>1h</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var t = text.Trim().ToLowerInvariant();
        var (digits, unit) = t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], 1.0)
            : t.EndsWith('s') ? (t[..^1], 1000.0)
            : t.EndsWith('m') ? (t[..^1], 60_000.0)
            : t.EndsWith('h') ? (t[..^1], 3_600_000.0)
            : (t, 0.0);
        if (unit == 0 || !double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 || value * unit > TimeSpan.FromDays(365).TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(value * unit);
        return true;
    }
}
