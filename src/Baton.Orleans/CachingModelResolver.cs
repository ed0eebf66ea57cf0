using System.Collections.Concurrent;
using Baton.Specs;
using Microsoft.Extensions.AI;

namespace Baton.Orleans;

/// <summary>Resolves each (model, agent) once, so the clients (and their connections) are shared by every run's orchestration.</summary>
internal sealed class CachingModelResolver(IModelResolver inner) : IModelResolver
{
    private readonly ConcurrentDictionary<(string Model, string Agent), IChatClient> _clients = new();

    public IChatClient Resolve(ModelReference model, AgentSpec agent) =>
        _clients.GetOrAdd((model.ToString(), agent.Name), _ => inner.Resolve(model, agent));
}
