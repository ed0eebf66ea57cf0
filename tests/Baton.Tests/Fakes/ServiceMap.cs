namespace Baton.Tests.Fakes;

/// <summary>A service provider that answers from a fixed map of service types to instances.</summary>
internal sealed class ServiceMap(params (Type Type, object Instance)[] services) : IServiceProvider
{
    public object? GetService(Type serviceType) =>
        services.FirstOrDefault(s => s.Type == serviceType).Instance;
}
