using Baton.Orchestration;

namespace Baton.Orleans;

/// <summary>Options for a silo that executes Baton runs (<see cref="BatonSiloBuilderExtensions.AddBaton"/>).</summary>
public sealed class BatonSiloOptions
{
    /// <summary>Gets or sets the PostgreSQL connection string: journals, cluster membership and reminders all live there.</summary>
    /// <value>The default is empty; it must be set.</value>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the cluster id: silos and clients with the same id form one cluster.</summary>
    /// <value>The default is <c>baton</c>.</value>
    public string ClusterId { get; set; } = BatonClusterDefaults.ClusterId;

    /// <summary>Gets or sets the service id: reminders belong to it, so keep it across deployments.</summary>
    /// <value>The default is <c>baton</c>.</value>
    public string ServiceId { get; set; } = BatonClusterDefaults.ServiceId;

    /// <summary>Gets or sets whether <c>AddBaton</c> configures Orleans' ADO.NET clustering on the same database.</summary>
    /// <value>The default is <see langword="true"/>. Set <see langword="false"/> to configure clustering yourself (reminders stay on PostgreSQL).</value>
    public bool ConfigureClustering { get; set; } = true;

    /// <summary>Gets the orchestrations this silo can execute.</summary>
    public OrchestrationCatalog Orchestrations { get; } = new();

    /// <summary>Gets or sets a callback that configures the runner of every execution (clock, limits, observers, logging).</summary>
    /// <value>The default is <see langword="null"/>: the runner's defaults. The store is always the cluster's PostgreSQL journal.</value>
    public Action<HandoffRunnerOptions>? ConfigureRunner { get; set; }

    /// <summary>Gets or sets the shortest provider back-off that parks a run instead of failing its step.</summary>
    /// <value>The default is 2 minutes. A model call that fails asking to retry after at least this long parks the run until then.</value>
    public TimeSpan ParkAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the period of the reminder that every executing run holds, which continues it on another silo if its silo dies unnoticed.</summary>
    /// <value>The default is 1 minute. Membership changes continue a dead silo's runs sooner; this is the safety net.</value>
    public TimeSpan RecoveryReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long a silo that shuts down lets an executing run finish its model call before handing it over.</summary>
    /// <value>The default is 10 seconds. A call still in flight then is sent again by the next silo (and flagged in the journal).</value>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks the options and returns every problem found.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add("ConnectionString is empty; set the PostgreSQL connection string (for example Host=127.0.0.1;Database=baton;Username=baton).");
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
        {
            errors.Add("ClusterId and ServiceId must not be empty.");
        }

        if (ParkAfter <= TimeSpan.Zero)
        {
            errors.Add($"ParkAfter is {ParkAfter}; use a positive duration.");
        }

        if (RecoveryReminderPeriod <= TimeSpan.Zero)
        {
            errors.Add($"RecoveryReminderPeriod is {RecoveryReminderPeriod}; use a positive duration.");
        }

        if (DrainTimeout < TimeSpan.Zero)
        {
            errors.Add($"DrainTimeout is {DrainTimeout}; use zero or a positive duration.");
        }

        return errors;
    }
}
