using Microsoft.Extensions.AI;

namespace Baton.Specs;

/// <summary>Turns a model reference from a spec or the command line into a chat client.</summary>
/// <remarks>
/// Implementations own the clients they create (and their credentials): keys are read from the environment or
/// configuration by the resolver, never written into specs, journals or messages.
/// </remarks>
public interface IModelResolver
{
    /// <summary>Creates (or reuses) the chat client for <paramref name="model"/>.</summary>
    /// <param name="model">The model to use.</param>
    /// <param name="agent">
    /// The agent the client is for: rehearsal clients shape placeholders by its output contract, and its
    /// <see cref="AgentSpec.AttemptTimeout"/> is the per-attempt timeout its calls should have.
    /// </param>
    /// <returns>The chat client.</returns>
    /// <exception cref="SpecCompilationException">The model cannot be used (for example, its provider is not configured); the message says how to fix it.</exception>
    IChatClient Resolve(ModelReference model, AgentSpec agent);
}
