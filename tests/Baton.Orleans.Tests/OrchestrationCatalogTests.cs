using Baton.Agents;
using Baton.Orchestration;
using Baton.Specs;
using Microsoft.Extensions.AI;

namespace Baton.Orleans.Tests;

public sealed class OrchestrationCatalogTests
{
    [Fact]
    public void Resolve_UnknownName_ThrowsNamingWhatIsRegistered()
    {
        var catalog = new OrchestrationCatalog();
        catalog.Add(Pipeline("known", "Write."));

        var ex = Assert.Throws<OrchestrationUnavailableException>(() => catalog.Resolve("r1", "missing", null, "S1"));

        Assert.Contains("orchestration 'missing' is not registered here (registered: 'known')", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the run is unchanged", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OtherDefinitionHash_ThrowsNamingBothVersions()
    {
        var catalog = new OrchestrationCatalog();
        var registered = catalog.Add(Pipeline("p", "Write."));

        var ex = Assert.Throws<OrchestrationUnavailableException>(() => catalog.Resolve("r1", "p", "abc123", "S1"));

        Assert.Contains("abc123", ex.Message, StringComparison.Ordinal);
        Assert.Contains(registered.DefinitionHash, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_ChangedInstructions_ChangesTheDefinitionHash()
    {
        var a = new OrchestrationCatalog().Add(Pipeline("p", "Write."));
        var b = new OrchestrationCatalog().Add(Pipeline("p", "Write shorter."));
        var c = new OrchestrationCatalog().Add(Pipeline("p", "Write."));

        Assert.NotEqual(a.DefinitionHash, b.DefinitionHash);
        Assert.Equal(a.DefinitionHash, c.DefinitionHash);
    }

    [Fact]
    public void Add_SameNameTwice_Throws()
    {
        var catalog = new OrchestrationCatalog();
        catalog.Add(Pipeline("p", "Write."));

        var ex = Assert.Throws<ArgumentException>(() => catalog.Add("p", _ => Pipeline("p", "Other.")));

        Assert.Contains("registered already", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_FactoryBuildsAnotherName_ThrowsWhenBuilt()
    {
        var catalog = new OrchestrationCatalog();

        var ex = Assert.Throws<InvalidOperationException>(() => catalog.Add("p", _ => Pipeline("q", "Write.")));

        Assert.Contains("built 'q'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSpec_HashIsTheSpecsSha256()
    {
        var spec = SpecLoader.Parse(Cluster.Pipeline4Spec.Yaml, "pipeline4.yaml", Path.GetTempPath()).Spec!;
        var catalog = new OrchestrationCatalog();

        var registered = catalog.AddSpec(spec, new NoModelResolver());

        Assert.Equal("pipeline4", registered.Name);
        Assert.Equal(spec.ContentHash, registered.DefinitionHash);
        Assert.Equal("pipeline4.yaml", registered.Source);
    }

    [Fact]
    public void AddSpecs_InvalidSpec_ThrowsWithItsLocation()
    {
        var folder = Directory.CreateTempSubdirectory("baton-catalog-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "bad.yaml"), "name: bad\nagents: 3\n");
            var ex = Assert.Throws<SpecCompilationException>(() => new OrchestrationCatalog().AddSpecs(folder, new NoModelResolver()));
            Assert.Contains("bad.yaml", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Validate_Defaults_RequireTheConnectionString()
    {
        var errors = new BatonSiloOptions().Validate();

        Assert.Single(errors);
        Assert.Contains("ConnectionString", errors[0], StringComparison.Ordinal);
    }

    private static SequentialPipeline Pipeline(string name, string instructions) =>
        new(name, [new Agent("writer", new NoModel()) { Instructions = instructions }]);

    private sealed class NoModelResolver : IModelResolver
    {
        public IChatClient Resolve(ModelReference model, AgentSpec agent) => new NoModel();
    }

    private sealed class NoModel : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
