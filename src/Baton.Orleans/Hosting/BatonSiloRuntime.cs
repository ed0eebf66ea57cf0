using Baton.Journal;
using Baton.Orleans.Grains;
using Baton.Orleans.Parking;
using Baton.Orchestration;
using Baton.Storage.Postgres;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Baton.Orleans.Hosting;

/// <summary>What every run grain of a silo shares: the journal store, the orchestration catalog and the runner settings.</summary>
internal sealed class BatonSiloRuntime : IAsyncDisposable
{
    private readonly PostgresRunStore _store;

    public BatonSiloRuntime(BatonSiloOptions options, ILoggerFactory loggerFactory)
    {
        Options = options;
        _store = new PostgresRunStore(Options.ConnectionString);
        LoggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger("Baton.Orleans");
        var probe = new HandoffRunnerOptions();
        Options.ConfigureRunner?.Invoke(probe);
        TimeProvider = probe.TimeProvider;
    }

    public BatonSiloOptions Options { get; }

    public IRunStore Store => _store;

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Logger { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>Creates the runner for one execution: the silo's settings, writing through the execution's journal.</summary>
    public HandoffRunner CreateRunner(ExecutionJournal journal)
    {
        var options = new HandoffRunnerOptions { LoggerFactory = LoggerFactory };
        Options.ConfigureRunner?.Invoke(options);
        options.Store = journal;
        return new HandoffRunner(options);
    }

    /// <summary>Builds a run's orchestration for one execution, its agents' clients wrapped to park on long provider back-offs.</summary>
    public Orchestration.Orchestration BuildOrchestration(RegisteredOrchestration registration, string runId, IParkingTarget execution) =>
        registration.Build(new OrchestrationContext(runId, client => Decorate(client, execution)));

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private ParkingChatClient Decorate(IChatClient client, IParkingTarget execution) =>
        new(client, execution, Options.ParkAfter, TimeProvider);
}
