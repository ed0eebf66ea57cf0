using Baton.Journal;
using Baton.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="PostgresRunStore"/> as the application's <see cref="IRunStore"/>.</summary>
public static class PostgresRunStoreServiceCollectionExtensions
{
    /// <summary>Registers one <see cref="PostgresRunStore"/> over a connection string as the <see cref="IRunStore"/> singleton.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=localhost;Database=baton;Username=baton</c>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>
    /// The store is registered both as <see cref="PostgresRunStore"/> and as <see cref="IRunStore"/> (the same instance,
    /// replacing an earlier <see cref="IRunStore"/>); it owns its data source, and the service provider disposes it. The
    /// tables are created (or migrated) on first use.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or malformed.</exception>
    public static IServiceCollection AddPostgresRunStore(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Parsed now, so a malformed string fails at start-up; the store itself is made when first resolved.
        PostgresRunStore.ValidConnectionString(connectionString);
        services.TryAddSingleton(_ => new PostgresRunStore(connectionString));
        services.Replace(ServiceDescriptor.Singleton<IRunStore>(provider => provider.GetRequiredService<PostgresRunStore>()));
        return services;
    }

    /// <summary>
    /// Registers one <see cref="PostgresRunStore"/> over the <see cref="NpgsqlDataSource"/> the service provider holds
    /// (for example from Npgsql's <c>AddNpgsqlDataSource</c>) as the <see cref="IRunStore"/> singleton.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>The data source stays owned by the service provider; the store does not dispose it.</remarks>
    public static IServiceCollection AddPostgresRunStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider => new PostgresRunStore(provider.GetRequiredService<NpgsqlDataSource>()));
        services.Replace(ServiceDescriptor.Singleton<IRunStore>(provider => provider.GetRequiredService<PostgresRunStore>()));
        return services;
    }
}
