using Baton.Agents;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests;

public class BatonServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddBaton_ContainerServices_RunnerUsesTheirStoreClockAndObservers()
    {
        var store = new InMemoryRunStore();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var observer = new CountingObserver();
        using var provider = new ServiceCollection()
            .AddSingleton<IRunStore>(store)
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<IRunObserver>(observer)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddBaton(options => options.Limits = new() { MaxSteps = 3 })
            .BuildServiceProvider();

        var runner = provider.GetRequiredService<HandoffRunner>();
        var result = await runner.RunAsync(Pipeline.Sequential("p", new Agent("a", new ScriptedChatClient("done"))), "task", TestContext.Current.CancellationToken);

        Assert.Same(runner, provider.GetRequiredService<HandoffRunner>());
        Assert.Same(store, runner.Store);
        Assert.Equal(time.GetUtcNow(), result.Journal[0].Timestamp);
        Assert.Equal(3, RunState.FromEvents(result.Journal).Limits.MaxSteps);
        Assert.Equal(result.Journal.Count, observer.Count);
    }

    [Fact]
    public void AddBaton_NothingRegistered_UsesInMemoryStoreAndSystemClock()
    {
        using var provider = new ServiceCollection().AddBaton().BuildServiceProvider();

        var runner = provider.GetRequiredService<HandoffRunner>();

        Assert.IsType<InMemoryRunStore>(runner.Store);
    }

    [Fact]
    public void AddBaton_InvalidOptions_ThrowsListingEveryProblemWhenResolved()
    {
        using var provider = new ServiceCollection().AddBaton(o => o.Limits = new() { MaxSteps = 0, Deadline = TimeSpan.Zero }).BuildServiceProvider();

        var ex = Assert.Throws<OrchestrationConfigurationException>(() => provider.GetRequiredService<HandoffRunner>());

        Assert.Equal(2, ex.Errors.Count);
    }

    private sealed class CountingObserver : IRunObserver
    {
        public int Count { get; private set; }

        public void OnEvent(RunState state, JournalEvent journalEvent) => Count++;
    }
}
