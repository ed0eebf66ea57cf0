namespace Baton.Providers.Server.Tests;

/// <summary>
/// The test classes that use the server: one collection, so their tests run one at a time. The server has one slot
/// (<c>-np 1</c>) and one thread, so runs in parallel would only wait for each other, share the recording proxy and
/// blur each run's seconds.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OneServer
{
    public const string Name = "llama-server";
}
