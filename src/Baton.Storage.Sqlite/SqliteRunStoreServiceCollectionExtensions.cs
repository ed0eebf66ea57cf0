using Baton.Journal;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="SqliteRunStore"/> as the application's <see cref="IRunStore"/>.</summary>
public static class SqliteRunStoreServiceCollectionExtensions
{
    /// <summary>Registers one <see cref="SqliteRunStore"/> over a database file as the <see cref="IRunStore"/> singleton.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="path">The database file; it and its directory are created on first use.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static IServiceCollection AddSqliteRunStore(this IServiceCollection services, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return services.AddSqliteRunStore(options => options.Path = path);
    }

    /// <summary>Registers one <see cref="SqliteRunStore"/> configured by <paramref name="configure"/> as the <see cref="IRunStore"/> singleton.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (<see cref="SqliteRunStoreOptions.Path"/> at least).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>
    /// The options are validated here, once, so a bad path fails at start-up rather than at the first run. The store is
    /// registered both as <see cref="SqliteRunStore"/> and as <see cref="IRunStore"/> (the same instance, replacing an
    /// earlier <see cref="IRunStore"/>); the service provider disposes it.
    /// </remarks>
    /// <exception cref="ArgumentException">The options are invalid; the message names every problem.</exception>
    public static IServiceCollection AddSqliteRunStore(this IServiceCollection services, Action<SqliteRunStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SqliteRunStoreOptions();
        configure(options);
        options.Validate();
        services.TryAddSingleton(_ => new SqliteRunStore(options));
        services.Replace(ServiceDescriptor.Singleton<IRunStore>(provider => provider.GetRequiredService<SqliteRunStore>()));
        return services;
    }
}
