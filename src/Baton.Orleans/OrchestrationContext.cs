using Microsoft.Extensions.AI;

namespace Baton.Orleans;

/// <summary>What a silo's orchestration factory gets when it builds the orchestration for one execution of a run.</summary>
/// <remarks>
/// A silo builds a run's orchestration when the run starts executing on it (a start, a failover, a wake-up), so
/// each execution can wrap its agents' clients with the cluster's per-run middleware through <see cref="Decorate"/>.
/// Build chat clients once (they hold connections) and only decorate them here.
/// </remarks>
public sealed class OrchestrationContext
{
    private readonly Func<IChatClient, IChatClient> _decorate;

    internal OrchestrationContext(string runId, Func<IChatClient, IChatClient> decorate)
    {
        RunId = runId;
        _decorate = decorate;
    }

    /// <summary>Gets the id of the run the orchestration is built for.</summary>
    public string RunId { get; }

    /// <summary>
    /// Wraps a chat client with the cluster's per-run middleware: a provider back-off longer than
    /// <see cref="BatonSiloOptions.ParkAfter"/> parks the run (its grain deactivates; a reminder wakes it when the
    /// back-off ends) instead of holding memory or failing the step.
    /// </summary>
    /// <param name="client">The agent's chat client.</param>
    /// <returns>The wrapped client.</returns>
    public IChatClient Decorate(IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return _decorate(client);
    }
}
