using Baton.Agents;
using Microsoft.Extensions.AI;

namespace Baton.Tests.Fakes;

/// <summary>A client that declares the <see cref="ModelCapabilities"/> of its provider, as provider adapters do.</summary>
internal sealed class CapableChatClient(IChatClient inner, ModelCapabilities capabilities) : DelegatingChatClient(inner)
{
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ModelCapabilities) ? capabilities : base.GetService(serviceType, serviceKey);
}
