using Baton.Journal;
using Baton.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Baton;

/// <summary>Registers Baton with an <see cref="IServiceCollection"/>.</summary>
public static class BatonServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="HandoffRunner"/> whose options are taken from the container: its
    /// <see cref="IRunStore"/> (a store package's <c>AddSqliteRunStore</c> or <c>AddPostgresRunStore</c>; an
    /// <see cref="InMemoryRunStore"/> when none is registered), <see cref="TimeProvider"/> (the system clock when none
    /// is), <see cref="ILoggerFactory"/> and every <see cref="IRunObserver"/>; then <paramref name="configure"/> runs.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the runner's options after the container's services are applied, if given.</param>
    /// <returns>The same <paramref name="services"/>, for chaining.</returns>
    /// <remarks>Registering twice keeps the first registration. The options are validated when the runner is first resolved.</remarks>
    public static IServiceCollection AddBaton(this IServiceCollection services, Action<HandoffRunnerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddBaton(configure is null ? null : (_, options) => configure(options));
    }

    /// <summary>
    /// Registers a singleton <see cref="HandoffRunner"/> whose options are taken from the container (see
    /// <see cref="AddBaton(IServiceCollection, Action{HandoffRunnerOptions}?)"/>), configured with access to the
    /// service provider.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the runner's options, with the service provider, if given.</param>
    /// <returns>The same <paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddBaton(this IServiceCollection services, Action<IServiceProvider, HandoffRunnerOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider =>
        {
            var options = new HandoffRunnerOptions
            {
                Store = provider.GetService<IRunStore>() ?? new InMemoryRunStore(),
                TimeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System,
                LoggerFactory = provider.GetService<ILoggerFactory>(),
            };
            foreach (var observer in provider.GetServices<IRunObserver>())
            {
                options.Observers.Add(observer);
            }

            configure?.Invoke(provider, options);
            return new HandoffRunner(options);
        });
        return services;
    }
}
