using Baton.Orleans.Hosting;
using Baton.Orleans.Recovery;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Baton.Orleans;

/// <summary>Adds Baton to an Orleans silo.</summary>
public static class BatonSiloBuilderExtensions
{
    /// <summary>
    /// Makes the silo execute Baton runs: registers the run grain (one per run id, executing with
    /// <see cref="Orchestration.HandoffRunner"/> over the PostgreSQL journal), Orleans' ADO.NET reminders (and,
    /// unless turned off, clustering) on the same database with the schema set up on start, and the recovery that
    /// continues a dead silo's runs on the survivors.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the connection string and registers the orchestrations the silo can execute.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem.</exception>
    public static ISiloBuilder AddBaton(this ISiloBuilder builder, Action<BatonSiloOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new BatonSiloOptions();
        configure(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Baton silo options are not valid: " + string.Join(" ", errors), nameof(configure));
        }

        builder.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        if (options.ConfigureClustering)
        {
            builder.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = BatonClusterDefaults.AdoNetInvariant;
                clustering.ConnectionString = options.ConnectionString;
            });
        }

        builder.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = BatonClusterDefaults.AdoNetInvariant;
            reminders.ConnectionString = options.ConnectionString;
        });
        builder.Configure<ReminderOptions>(reminders =>
        {
            if (options.RecoveryReminderPeriod < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = options.RecoveryReminderPeriod;
            }
        });

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<BatonSiloRuntime>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ClusterSchemaSetup>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, DeadSiloRecovery>();
        return builder;
    }
}
