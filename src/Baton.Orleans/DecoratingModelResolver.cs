using Baton.Specs;
using Microsoft.Extensions.AI;

namespace Baton.Orleans;

/// <summary>Resolves through the shared resolver and wraps each client with one run's middleware.</summary>
internal sealed class DecoratingModelResolver(IModelResolver shared, OrchestrationContext context) : IModelResolver
{
    public IChatClient Resolve(ModelReference model, AgentSpec agent) => context.Decorate(shared.Resolve(model, agent));
}
