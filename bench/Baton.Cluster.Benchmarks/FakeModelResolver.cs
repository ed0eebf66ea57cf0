using Baton.Providers;
using Baton.Specs;
using Microsoft.Extensions.AI;

namespace Baton.Cluster.Benchmarks;

/// <summary>Resolves every model to the OpenAI-compatible fake server, with Baton's resilience, as the CLI resolves real ones.</summary>
internal sealed class FakeModelResolver(Uri baseUrl) : IModelResolver
{
    public IChatClient Resolve(ModelReference model, AgentSpec agent) =>
        new ChatClientBuilder(ChatClientFactory.Create(model.ToString(), new ProviderSettings { OpenAIBaseUrl = baseUrl, OpenAIApiKey = "bench-key-not-secret" }))
            .UseBatonResilience()
            .Build();
}
