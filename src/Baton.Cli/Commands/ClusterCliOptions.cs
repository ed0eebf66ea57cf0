using System.CommandLine;
using System.Globalization;

namespace Baton.Cli.Commands;

/// <summary>Options of the cluster commands (<c>worker</c>, <c>run --cluster</c>, <c>--postgres</c> on the inspection commands).</summary>
internal static class ClusterCliOptions
{
    public static Option<string?> Postgres(bool required = false) => ConnectionString(new("--postgres")
    {
        Description = "The cluster's PostgreSQL connection string (journals, membership, reminders), for example \"Host=127.0.0.1;Database=baton;Username=baton\"." +
            (required ? string.Empty : " Reads the shared journal instead of the local --store."),
        Required = required,
    });

    public static Option<string?> Cluster(string description = "Submit the run to a Baton cluster instead of running it here: the cluster's PostgreSQL connection string (the workers' --postgres).") => ConnectionString(new("--cluster")
    {
        Description = description,
    });

    public static Option<string> ClusterId() => new("--cluster-id")
    {
        Description = "The cluster id workers and submitters share.",
        DefaultValueFactory = _ => Baton.Orleans.BatonClusterDefaults.ClusterId,
    };

    // A malformed connection string is bad input (exit 2, said once), found before anything connects.
    private static Option<string?> ConnectionString(Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is null)
            {
                return;
            }

            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(value);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                result.AddError($"{option.Name} is not a valid PostgreSQL connection string ({Output.CliFailure.OneLine(ex.Message)}); write it like \"Host=127.0.0.1;Database=baton;Username=baton\".");
            }
        });
        return option;
    }

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
